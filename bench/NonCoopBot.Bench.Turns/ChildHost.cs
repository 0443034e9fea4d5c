using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NonCoopBot.Bench.Turns;

/// <summary>
/// A server under test run as its own process (its apphost from its Release/Debug output), listening on
/// http://127.0.0.1:{free port}. <see cref="StartAsync"/> measures start to ready: from just before the process is
/// started until <c>GET /health/ready</c> first answers 200. The process is stopped (by its id) on dispose.
/// </summary>
internal sealed class ChildHost(Process process, string logPath, StreamWriter log, Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public TimeSpan StartToReady { get; private set; }

    public int ProcessId => process.Id;

    public static async Task<ChildHost> StartAsync(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Not built: {executable}. Run the benchmark with dotnet run -c Release --project bench/NonCoopBot.Bench.Turns.", executable);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(Path.GetTempPath(), $"noncoopbot-bench-{Path.GetFileName(executable)}-{port}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new ChildHost(process, logPath, log, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        try
        {
            await host.WaitUntilReadyAsync(executable, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Console.Error.WriteLine($"{executable} did not become ready; its output is in {logPath}.");
            throw;
        }

        host.StartToReady = watch.Elapsed;
        return host;
    }

    private async Task WaitUntilReadyAsync(string executable, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await probe.GetAsync("health/ready", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            // A benchmark, not a test: poll every 5 ms (the resolution of the start time).
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The process's peak (VmHWM) and current (VmRSS) resident set size in bytes (Linux; 0 elsewhere).</summary>
    public (long Peak, long Current) Rss()
    {
        long peak = 0, current = 0;
        var status = $"/proc/{process.Id}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    current = Kilobytes(line);
                }
            }
        }

        return (peak, current);
    }

    /// <summary>User + system CPU time the process used so far.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }

        File.Delete(logPath);
    }
}
