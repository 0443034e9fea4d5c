using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Bench.Turns;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;
using Activity = NonCoopBot.Protocol.Schema.Activity;

// N `help` turns at concurrency C over HTTP, first against the bare floor, then against the real bot, each its own
// process; both reply to the same loopback fake connector in this process. Prints both and the bot/floor ratio.
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource(options.Timeout);
var ct = cancel.Token;
var paths = BenchPaths.Find();

await using var sink = await ReplySink.StartAsync(ct);
await using var auth = options.Signed ? await SignedWorld.StartAsync(sink.BaseUrl, ct) : null;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"NonCoopBot turn benchmark ({paths.Configuration}): {options.Turns} `help` turns, concurrency {options.Concurrency}, warm-up {options.Warmup}; {Environment.ProcessorCount} CPUs; loadavg before: {LoadAverage()}"));
Console.WriteLine(options.Signed
    ? "Auth: signed. Every request carries a Bot Framework channel token (RS256, local key set served as OpenID metadata on loopback); the bot (environment Staging: Production's code paths, plus Bot:AllowLoopbackServiceUrls for the loopback connector; Bot:AppId and Bot:TenantId set, activities of that tenant) validates it and gets its outbound token from a loopback token endpoint. The floor ignores the header."
    : "Auth: anonymous. The bot runs in Development without Bot:AppId (loopback requests accepted without a token), log levels as in production (Information).");

var results = new List<(string Name, RunResult Result)>();
if (options.Only is null or "floor")
{
    results.Add(("floor", await MeasureAsync("floor", options.FloorFolder is null ? paths.FloorExecutable : Path.Combine(Path.GetFullPath(options.FloorFolder), "NonCoopBot.Bench.Floor"), paths.FloorDirectory, new Dictionary<string, string>())));
}

if (options.Only is null or "bot")
{
    var folder = Directory.CreateTempSubdirectory("noncoopbot-bench-");
    try
    {
        var executable = options.BotFolder is null ? paths.BotExecutable : Path.Combine(Path.GetFullPath(options.BotFolder), "NonCoopBot.App");
        results.Add(("bot", await MeasureAsync("bot", executable, paths.BotDirectory, BotEnvironment(folder.FullName))));
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine("target  turns/s   p50 ms   p99 ms   max ms   start->ready   peak RSS   RSS after   CPU ms/turn");
foreach (var (name, r) in results)
{
    // A row with failed turns measured refusals (401/403/500), not turns: marked so it cannot be read as a figure.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(r.Failures > 0 ? name + "!" : name),-6} {r.TurnsPerSecond,8:F0} {r.P50,8:F1} {r.P99,8:F1} {r.Max,8:F1} {r.StartToReady.TotalMilliseconds,11:F0} ms {r.PeakRss / 1048576.0,6:F0} MiB {r.RssAfter / 1048576.0,7:F0} MiB {r.CpuSeconds * 1000 / options.Turns,9:F3}"));
}

if (results.Any(r => r.Result.Failures > 0))
{
    Console.WriteLine("NOT A MEASUREMENT: rows marked ! had failed turns (see the lines above the table); no ratio is printed.");
}
else if (results.Count == 2)
{
    var (floor, bot) = (results[0].Result, results[1].Result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio bot/floor: throughput {bot.TurnsPerSecond / floor.TurnsPerSecond:F2}x, p50 {bot.P50 / floor.P50:F2}x, p99 {bot.P99 / floor.P99:F2}x, CPU per turn {bot.CpuSeconds / floor.CpuSeconds:F2}x (floor/bot CPU: {floor.CpuSeconds / bot.CpuSeconds:F2}x)"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"connector: {sink.Replies} replies, {sink.Unexpected} unexpected calls; loadavg after: {LoadAverage()}"));
return results.All(r => r.Result.Failures == 0) && sink.Unexpected == 0 ? 0 : 1;

Dictionary<string, string> BotEnvironment(string folder)
{
    var environment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "Sqlite",
        ["Storage__ConnectionString"] = $"Data Source={Path.Combine(folder, "bench.db")}",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__NonCoopBot"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };
    if (auth is null)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Bot__AppId"] = string.Empty;
    }
    else
    {
        // Production's code paths, under another environment name: Production refuses Bot:AllowLoopbackServiceUrls,
        // and the fake connector this benchmark replies to is on loopback.
        environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        environment["Bot__AllowLoopbackServiceUrls"] = "true";
        foreach (var (key, value) in auth.BotSettings(folder))
        {
            environment[key] = value;
        }
    }

    foreach (var (key, value) in options.BotEnvironment)
    {
        environment[key] = value;
    }

    return environment;
}

async Task<RunResult> MeasureAsync(string name, string executable, string directory, IReadOnlyDictionary<string, string> environment)
{
    await using var host = await ChildHost.StartAsync(executable, directory, environment, ct);
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = host.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };
    if (options.Warmup > 0)
    {
        await RunAsync(client, $"{name}-warmup", options.Warmup, options.Concurrency);
    }

    var cpuBefore = host.CpuTime();
    var (elapsed, latencies, failures) = await RunAsync(client, $"{name}-run", options.Turns, options.Concurrency);
    var cpu = host.CpuTime() - cpuBefore;
    var (peak, current) = host.Rss();
    if (options.Memory)
    {
        Console.WriteLine($"{name} after the load:");
        Console.WriteLine(MemoryMap.Describe(host.ProcessId));
    }

    Array.Sort(latencies);
    if (failures > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {failures} turns failed"));
    }

    return new RunResult(options.Turns / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1],
        host.StartToReady, peak, current, cpu.TotalSeconds, failures);
}

async Task<(TimeSpan Elapsed, double[] LatenciesMs, int Failures)> RunAsync(HttpClient client, string label, int turns, int concurrency)
{
    var latencies = new double[turns];
    var replies = new Task[turns];
    var next = -1;
    var failures = 0;
    var watch = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async worker =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < turns)
        {
            var id = $"{label}-{i}";
            replies[i] = sink.WaitForReplyTo(id);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new ByteArrayContent(Body(id, worker)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (auth is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Token);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, ct);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if ((int)response.StatusCode != 200)
            {
                Interlocked.Increment(ref failures);
                replies[i] = Task.CompletedTask;
            }
        }
    }).ToList();
    await Task.WhenAll(workers);
    await Task.WhenAll(replies).WaitAsync(ct);
    return (watch.Elapsed, latencies, failures);
}

// The activity's tenant: the bot's Bot:TenantId when it runs with authentication (other tenants are refused, 403).
string BenchTenant() => auth is null ? "bench-tenant" : TestTokens.TenantId;

byte[] Body(string id, int worker)
{
    var activity = new Activity
    {
        Type = ActivityTypes.Message,
        Id = id,
        Timestamp = TimeProvider.System.GetUtcNow(),
        ChannelId = Channels.MsTeams,
        ServiceUrl = sink.BaseUrl,
        From = new ChannelAccount { Id = $"29:bench-user-{worker}", Name = "Bench User", AadObjectId = $"00000000-0000-0000-0000-{worker:D12}" },
        Recipient = new ChannelAccount { Id = auth is null ? "28:bench-bot" : TestTokens.BotId, Name = "NonCoopBot" },
        Conversation = new ConversationAccount { Id = $"a:bench-{worker}", ConversationType = ConversationTypes.Personal, TenantId = BenchTenant() },
        ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BenchTenant() } },
        Text = "help",
        TextFormat = "plain",
        Locale = "en-GB",
    };
    return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity));
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

internal sealed record RunResult(double TurnsPerSecond, double P50, double P99, double Max, TimeSpan StartToReady, long PeakRss, long RssAfter, double CpuSeconds, int Failures);
