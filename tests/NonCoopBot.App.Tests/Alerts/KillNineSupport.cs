using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>One alert POST (<c>POST v3/conversations/{id}/activities</c> whose card carries <c>noncoop.alert.ack</c>).</summary>
internal sealed class AlertPost(int sequence, string conversationId, int generation, string? alertId = null)
{
    private int _answered;

    /// <summary>The alert the card acknowledges (its <c>alertId</c>).</summary>
    public string? AlertId { get; } = alertId;

    public int Sequence { get; } = sequence;

    public string ConversationId { get; } = conversationId;

    /// <summary>Which bot process sent it (1 = the killed one, 2 = the restarted one).</summary>
    public int Generation { get; } = generation;

    /// <summary>True once the 201 was written back to the bot.</summary>
    public bool Answered => Volatile.Read(ref _answered) == 1;

    public void MarkAnswered() => Volatile.Write(ref _answered, 1);
}

/// <summary>
/// A loopback Bot Connector for the kill -9 test. POST v3/conversations → 201 {"id":"a:conv-{members[0].id}"}
/// (stable, so a restarted bot that creates the conversation again lands in the same chat). An alert POST is
/// recorded on arrival, then answered 201 after <see cref="Latency"/> of simulated connector latency. After
/// <see cref="FreezeAfter"/> alert POSTs have arrived, alert answers are held (never written) so that the sends
/// on the wire stay in flight until the bot is killed. Every other request (dialog replies, tracker) → 201/200 at once.
/// Each change of state completes <see cref="Changed"/>, so the test awaits events rather than sleeping.
/// </summary>
internal sealed class KillNineConnector : IAsyncDisposable
{
    public const string AlertVerb = "noncoop.alert.ack";

    private readonly ConcurrentQueue<AlertPost> _alerts = new();
    private readonly ConcurrentQueue<(string Method, string Path, string Body)> _others = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private int _sequence;
    private int _generation = 1;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Hold every alert answer once this many alert POSTs have arrived (0: never).</summary>
    public int FreezeAfter { get; set; }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Completes at the next change (an arrival or an answer); take it before checking a condition.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public IReadOnlyList<AlertPost> Alerts => [.. _alerts];

    /// <summary>Requests other than alert POSTs (method, decoded path, body).</summary>
    public IReadOnlyList<(string Method, string Path, string Body)> Others => [.. _others];

    /// <summary>Alert POSTs from now on are counted for <paramref name="generation"/>, and answered again.</summary>
    public void StartGeneration(int generation)
    {
        FreezeAfter = 0;
        Volatile.Write(ref _generation, generation);
        Signal();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (_app, var address) = await NonCoopBot.Testing.LoopbackServer.StartAsync(HandleAsync, null, cancellationToken);
        BaseUrl = address.ToString();
    }

    /// <summary>Awaits <see cref="Changed"/> until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = Changed;
            if (condition())
            {
                return;
            }

            var left = timeout - Stopwatch.GetElapsedTime(started);
            try
            {
                await changed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s: {describe()}");
            }
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = request.Path.Value?.TrimStart('/') ?? string.Empty;
        var segments = path.Split('/');
        NonCoopBot.Testing.SentWording.Inspect(body, $"KillNineConnector {request.Method} {path}");

        if (request.Method == "POST" && path == "v3/conversations")
        {
            var member = (string?)JsonNode.Parse(body)?["members"]?[0]?["id"] ?? "unknown";
            _others.Enqueue((request.Method, path, body));
            await WriteAsync(context, HttpStatusCode.Created, new JsonObject { ["id"] = "a:conv-" + member.ToLowerInvariant() });
            Signal();
            return;
        }

        var isAlert = request.Method == "POST" && segments is ["v3", "conversations", _, "activities"] && body.Contains(AlertVerb, StringComparison.Ordinal);
        if (!isAlert)
        {
            _others.Enqueue((request.Method, path, body));
            var id = request.Method == "PUT" ? segments[^1] : "1:other-" + Interlocked.Increment(ref _sequence);
            await WriteAsync(context, request.Method == "POST" ? HttpStatusCode.Created : HttpStatusCode.OK, new JsonObject { ["id"] = id });
            Signal();
            return;
        }

        var alertId = (string?)JsonNode.Parse(body)?["attachments"]?[0]?["content"]?["refresh"]?["action"]?["data"]?["alertId"];
        var post = new AlertPost(Interlocked.Increment(ref _sequence), segments[2], Volatile.Read(ref _generation), alertId);
        _alerts.Enqueue(post);
        Signal();

        // The simulated connector latency the scenario needs (a timer inside the fake server; the test never sleeps).
        await LatencyAsync(Latency, context.RequestAborted);
        if (FreezeAfter > 0 && _alerts.Count(a => a.Generation == post.Generation) >= FreezeAfter)
        {
            // Held until the bot dies: the connection then resets and RequestAborted ends this request.
            await _held.Task.WaitAsync(context.RequestAborted);
        }

        await WriteAsync(context, HttpStatusCode.Created, new JsonObject { ["id"] = "1:alert-" + post.Sequence });
        post.MarkAnswered();
        Signal();
    }

    private static async Task LatencyAsync(TimeSpan latency, CancellationToken cancellationToken)
    {
        var elapsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = TimeProvider.System.CreateTimer(_ => elapsed.TrySetResult(), null, latency, Timeout.InfiniteTimeSpan);
        await elapsed.Task.WaitAsync(cancellationToken);
    }

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, JsonObject body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        await context.Response.CompleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _held.TrySetResult();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The bot as a child process: <c>dotnet NonCoopBot.App.dll --contentRoot src/NonCoopBot.App</c>.</summary>
internal sealed partial class BotChildProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _killPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotChildProcess(Process process) => _process = process;

    /// <summary>Ends a test's child bots, then its connector, then drops its database.</summary>
    public static async ValueTask DisposeAllAsync(IEnumerable<BotChildProcess> children, KillNineConnector connector, KillNineDatabase? database)
    {
        foreach (var child in children)
        {
            await child.DisposeAsync();
        }

        await connector.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public Uri BaseAddress => _listening.Task.Result;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the bot wrote (stdout and stderr), for failure messages.</summary>
    public string Tail(int lines = 60) => string.Join('\n', _lines.TakeLast(lines));

    /// <summary>Completes with the line the <see cref="KillPointProbe"/> prints when the kill point is reached.</summary>
    public Task<string> KillPointReached => _killPoint.Task;

    /// <param name="appDll">NonCoopBot.App.dll.</param>
    /// <param name="contentRoot">The app's content root.</param>
    /// <param name="environment">Environment variables of the child.</param>
    /// <param name="depsFile">When set, <c>dotnet exec --depsfile</c> (e.g. the test assembly's, so a hosting startup in it can load).</param>
    public static BotChildProcess Start(string appDll, string contentRoot, IReadOnlyDictionary<string, string> environment, string? depsFile = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (depsFile is not null)
        {
            foreach (var argument in new[] { "exec", "--depsfile", depsFile, "--runtimeconfig", Path.ChangeExtension(appDll, ".runtimeconfig.json") })
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        return Launch(start, environment);
    }

    /// <summary>A natively compiled bot (a native AOT publish): <paramref name="executable"/> run in its own folder.</summary>
    public static BotChildProcess StartNative(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        return Launch(start, environment);
    }

    private static BotChildProcess Launch(ProcessStartInfo start, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new BotChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child._listening.TrySetException(new InvalidOperationException("The bot exited before listening:\n" + child.Tail()));
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for Kestrel's "Now listening on:" line, then for GET /health/ready = 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Uri address;
        try
        {
            address = await _listening.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The bot (pid {Id}) did not listen within {timeout.TotalSeconds:0} s:\n{Tail()}");
        }

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        HttpStatusCode? last = null;
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            using (var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken))
            {
                last = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }

            await Task.Yield();
        }

        throw new TimeoutException($"GET /health/ready never answered 200 (last {last}):\n{Tail()}");
    }

    /// <summary>SIGKILL (kill -9 on Linux) of the whole process tree, and waits for it to be gone.</summary>
    public async Task KillNineAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.StartsWith(KillPointProbe.ReachedLine, StringComparison.Ordinal))
        {
            _killPoint.TrySetResult(line);
        }
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on:\s*(http://\S+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
