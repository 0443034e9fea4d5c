using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Bench.Turns;
using NonCoopBot.Protocol.Schema;
using Activity = NonCoopBot.Protocol.Schema.Activity;

// N `help` message turns at concurrency C over HTTP against the real bot host; a loopback fake connector answers replies.
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource(options.Timeout);
var ct = cancel.Token;

await using var sink = await ReplySink.StartAsync(ct);
await using var bot = await BotHost.StartAsync(ct);
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = bot.BaseAddress,
    Timeout = TimeSpan.FromSeconds(30),
};

var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"NonCoopBot turn benchmark: {options.Turns} `help` turns, concurrency {options.Concurrency}, warm-up {options.Warmup}; {Environment.ProcessorCount} CPUs; loadavg before: {load}"));
Console.WriteLine("Bot: in-process Kestrel on loopback, Development, anonymous loopback mode (no token validation), SQLite temp file; replies to a loopback fake connector (201).");

if (options.Warmup > 0)
{
    await RunAsync("warmup", options.Warmup, options.Concurrency);
}

var peakBefore = PeakRssBytes();
var (elapsed, latencies, failures) = await RunAsync("run", options.Turns, options.Concurrency);
var loadAfter = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

Array.Sort(latencies);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"turns:        {options.Turns} ({failures} failed), replies received: {sink.Replies} (incl. warm-up), unexpected connector calls: {sink.Unexpected}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed:      {elapsed.TotalSeconds:F2} s (until every reply reached the connector)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput:   {options.Turns / elapsed.TotalSeconds:F1} turns/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency:      p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms (request sent -> 200 received)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS:     {PeakRssBytes() / 1048576.0:F1} MiB (after warm-up: {peakBefore / 1048576.0:F1} MiB; VmHWM of the whole process: bot, fake connector and load generator)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GC:           gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; loadavg after: {loadAfter}"));
return failures == 0 && sink.Unexpected == 0 ? 0 : 1;

async Task<(TimeSpan Elapsed, double[] LatenciesMs, int Failures)> RunAsync(string label, int turns, int concurrency)
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
            using var content = new ByteArrayContent(Body(id, worker));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("api/messages", content, ct);
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

byte[] Body(string id, int worker)
{
    var activity = new Activity
    {
        Type = ActivityTypes.Message,
        Id = id,
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = Channels.MsTeams,
        ServiceUrl = sink.BaseUrl,
        From = new ChannelAccount { Id = $"29:bench-user-{worker}", Name = "Bench User", AadObjectId = $"00000000-0000-0000-0000-{worker:D12}" },
        Recipient = new ChannelAccount { Id = "28:bench-bot", Name = "NonCoopBot" },
        Conversation = new ConversationAccount { Id = $"a:bench-{worker}", ConversationType = ConversationTypes.Personal, TenantId = "bench-tenant" },
        ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench-tenant" } },
        Text = "help",
        TextFormat = "plain",
        Locale = "en-GB",
    };
    return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity));
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static long PeakRssBytes()
{
    // VmHWM is the peak resident set size of the process (Linux); elsewhere use the working-set peak.
    if (File.Exists("/proc/self/status"))
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
    }

    using var process = Process.GetCurrentProcess();
    return process.PeakWorkingSet64;
}
