using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

// Benchmarks of issue 4 (real time, loopback HTTP):
//   dotnet run -c Release --project bench/NonCoopBot.Bench.Alerts -- fanout25
//   dotnet run -c Release --project bench/NonCoopBot.Bench.Alerts -- fanout200
//   dotnet run -c Release --project bench/NonCoopBot.Bench.Alerts -- acks1000
var mode = args.FirstOrDefault() ?? "fanout25";
switch (mode)
{
    case "fanout25": await Bench.FanOutAsync(25, latencyMs: 100, rateLimit: null); break;
    case "fanout200": await Bench.FanOutAsync(200, latencyMs: 20, rateLimit: 50); break;
    case "acks1000": await Bench.AcksAsync(40, 25); break;
    default: Console.Error.WriteLine("usage: fanout25 | fanout200 | acks1000"); return 2;
}

return 0;

internal static class Bench
{
    // InvariantGlobalization is on: interpolation is culture-invariant.
    private static string Inv(string text) => text;

    public static async Task FanOutAsync(int recipients, int latencyMs, int? rateLimit)
    {
        await using var fake = await FakeConnector.StartAsync(latencyMs, rateLimit);
        var env = await Env.CreateAsync(recipients, fake.BaseUrl, o =>
        {
            o.MaxParallelSends = 64;
            o.BatchSize = 500;
        });
        // Warm-up: one full fan-out first, so the figure is not the JIT's and the first connections' cost.
        await RunUntilAllSentAsync(env, await env.TriggerAsync(1000));
        fake.Reset();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // idle, as before a real alert: the rate-limit buckets refill
        var stopwatch = Stopwatch.StartNew();
        var alertId = await env.TriggerAsync(1);
        var stored = stopwatch.Elapsed.TotalMilliseconds;
        var ticks = await RunUntilAllSentAsync(env, alertId);
        stopwatch.Stop();
        var final = await env.Store.GetDeliveriesAsync(alertId, CancellationToken.None);
        var alertPosts = fake.AcceptedAlertPosts;
        var duplicates = alertPosts.GroupBy(x => x).Count(g => g.Count() > 1);
        Console.WriteLine(Inv(
            $"fanout{recipients}: last alert answered by the connector {fake.LastAlertAnsweredAfter(stopwatch):F0} ms after the good offices were confirmed (matter + {recipients} ledger rows stored in {stored:F0} ms); worker done in {stopwatch.Elapsed.TotalMilliseconds:F0} ms over {ticks} tick(s) (incl. tracker POST+PUT); connector latency {latencyMs} ms" +
            (rateLimit is null ? "" : $", limit {rateLimit}/s") +
            $"; sent={final.Count(r => r.State == DeliveryStates.Sent)}/{recipients}, 429s={fake.Throttled}, accepted alert POSTs={alertPosts.Count}, duplicates={duplicates}, lost={final.Count(r => r.State != DeliveryStates.Sent)}"));
    }

    private static async Task<int> RunUntilAllSentAsync(Env env, string alertId)
    {
        var ticks = 0;
        while (true)
        {
            ticks++;
            await env.Dispatcher.RunOnceAsync(CancellationToken.None);
            var rows = await env.Store.GetDeliveriesAsync(alertId, CancellationToken.None);
            if (rows.All(r => r.State is DeliveryStates.Sent or DeliveryStates.Failed or DeliveryStates.Blocked or DeliveryStates.Uncertain))
            {
                return ticks;
            }

            var pause = env.Gate.IsPaused ? env.Gate.PausedUntil - DateTimeOffset.UtcNow : TimeSpan.Zero;
            await Task.Delay(pause > TimeSpan.Zero ? pause : TimeSpan.FromMilliseconds(5));
        }
    }

    public static async Task AcksAsync(int alerts, int members)
    {
        await using var fake = await FakeConnector.StartAsync(0, null);
        var env = await Env.CreateAsync(members, fake.BaseUrl, _ => { });
        var ids = new List<string>();
        for (var i = 1; i <= alerts; i++)
        {
            ids.Add(await env.TriggerAsync(i));
        }

        var taps = ids.SelectMany(a => env.Roster.Members.Select(m => (a, AlertOutboxWriter.Normalize(m.AadObjectId)))).ToList();
        var latencies = new ConcurrentBag<double>();
        var outcomes = new ConcurrentBag<AckOutcome>();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(taps.Select(async tap =>
        {
            await Task.Yield();
            var sw = Stopwatch.StartNew();
            var result = await env.Store.AcknowledgeAsync(tap.Item1, tap.Item2, DateTimeOffset.UtcNow, CancellationToken.None);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            outcomes.Add(result.Outcome);
        }));
        total.Stop();
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var recorded = 0;
        foreach (var id in ids)
        {
            recorded += (await env.Store.GetDeliveriesAsync(id, CancellationToken.None)).Count(d => d.AcknowledgedAt is not null);
        }

        Console.WriteLine(Inv(
            $"acks{taps.Count}: total {total.Elapsed.TotalMilliseconds:F0} ms; recorded={recorded}/{taps.Count}, outcomes Recorded={outcomes.Count(o => o == AckOutcome.Recorded)}; p50={P(0.50):F1} ms, p99={P(0.99):F1} ms, max={sorted[^1]:F1} ms (SQLite, one writer)"));
    }
}

internal sealed class Env
{
    public required IDatabase Database { get; init; }
    public required Roster Roster { get; init; }
    public required SqlMatterRepository Matters { get; init; }
    public required AlertStore Store { get; init; }
    public required AlertDispatcher Dispatcher { get; init; }
    public required SendGate Gate { get; init; }

    public static async Task<Env> CreateAsync(int recipients, string serviceUrl, Action<AlertOptions> configure)
    {
        var time = TimeProvider.System;
        var path = Path.Combine(Path.GetTempPath(), "noncoop-bench-" + Guid.NewGuid().ToString("N") + ".db");
        var db = SqlDatabase.Create(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=" + path });
        await new SchemaMigrator(db, time, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var members = Enumerable.Range(0, recipients).Select(i => new BureauMember(
            i == 0 ? "president" : "m" + i, "Member " + i, "KEN", RegionalGroup.African, Guid.NewGuid().ToString(), $"m{i}@example.org", "UTC",
            default, i == 0 ? BureauRole.President : BureauRole.Member)).ToList();
        var roster = new Roster(members, []);
        var rosters = new SqlRosterRepository(db, StateDirectory.LoadEmbedded(), time);
        await rosters.UpsertAsync(roster, CancellationToken.None);
        var references = new StorageConversationReferenceStore(new InMemoryStorage(time), time);
        foreach (var m in members)
        {
            await references.SaveAsync(AlertOutboxWriter.Normalize(m.AadObjectId), new ConversationReference
            {
                ServiceUrl = serviceUrl, ConversationId = "a:" + m.Id, ConversationType = ConversationTypes.Personal, UserId = "29:" + m.Id, TenantId = "t", BotId = "28:bot",
            }, CancellationToken.None);
        }

        var options = new AlertOptions();
        configure(options);
        var wrapped = Options.Create(options);
        var gate = new SendGate(time);
        var trust = new InMemoryServiceUrlTrust();
        trust.Trust(serviceUrl);
        var http = new HttpClient(new SendGateHandler(gate, time) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 } });
        var messenger = new ProactiveMessenger(new ConnectorClient(http, new AnonymousBotTokenProvider(), trust), references, trust, time, new ProactiveDefaults(null, null, null));
        var cardsDir = FindCards();
        var sp = new ServiceCollection().AddSingleton(_ => CardCatalog.Load(cardsDir)).BuildServiceProvider();
        var store = new AlertStore(db);
        var writer = new AlertOutboxWriter(store, rosters, time, new AlertWakeSignal());
        return new Env
        {
            Database = db,
            Roster = roster,
            Matters = new SqlMatterRepository(db, time, [writer]),
            Store = store,
            Gate = gate,
            Dispatcher = new AlertDispatcher(store, messenger, new AlertCards(sp), rosters, new SendThrottle(time, gate, wrapped), time, wrapped),
        };
    }

    public async Task<string> TriggerAsync(long sequence)
    {
        var president = Actor.From(Roster.Members[0]);
        var matter = Matter.Open(new MatterOpening(StateDirectory.LoadEmbedded().GetByCode("KEN"), Scenario.Urgent7B, CourtRequest.Art89ArrestAndSurrender, "ICC-01/99-01/26", "Person A"), sequence, president, TimeProvider.System).Matter!;
        matter.TriggerGoodOffices(president, GoodOfficesBasis.OwnInitiativeScenario7B, null, TimeProvider.System);
        await Matters.AddAsync(matter, CancellationToken.None);
        return (await Store.ListAlertIdsForMatterAsync(matter.Id.Value, CancellationToken.None)).Single();
    }

    private static string FindCards([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source) ?? AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "cards")))
        {
            dir = dir.Parent;
        }

        return dir is null ? Path.Combine(Directory.GetCurrentDirectory(), "cards") : Path.Combine(dir.FullName, "cards");
    }
}

/// <summary>A loopback connector: fixed latency, optional requests-per-second limit (429 Retry-After: 1 above it).</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _accepted = new();
    private readonly Lock _lock = new();
    private long _windowSecond;
    private int _inWindow;
    private int _throttled;

    private FakeConnector(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public int Throttled => _throttled;
    public IReadOnlyList<string> AcceptedAlertPosts => _accepted.ToArray();

    private long _lastAlertAnswered;

    /// <summary>Milliseconds from the stopwatch's start to the moment the last alert POST was answered.</summary>
    public double LastAlertAnsweredAfter(Stopwatch stopwatch) =>
        Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp() - stopwatch.ElapsedTicks, Interlocked.Read(ref _lastAlertAnswered)).TotalMilliseconds;

    public void Reset()
    {
        _accepted.Clear();
        Interlocked.Exchange(ref _throttled, 0);
    }

    public static async Task<FakeConnector> StartAsync(int latencyMs, int? rateLimit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.MapPost("/v3/conversations/{id}/activities", async (string id, HttpContext context) =>
        {
            if (rateLimit is { } limit && !fake.Admit(limit))
            {
                Interlocked.Increment(ref fake._throttled);
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            await Task.Delay(latencyMs);
            if (body.Contains("noncoop.alert.refresh", StringComparison.Ordinal))
            {
                fake._accepted.Enqueue(id + "|" + body.GetHashCode(StringComparison.Ordinal));
                Interlocked.Exchange(ref fake._lastAlertAnswered, Stopwatch.GetTimestamp());
            }

            return Results.Json(new { id = Guid.NewGuid().ToString("N") }, statusCode: 201);
        });
        app.MapPut("/v3/conversations/{id}/activities/{activityId}", async (HttpContext _) => { await Task.Delay(latencyMs); return Results.Json(new { id = "x" }); });
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First() + "/";
        return fake;
    }

    private bool Admit(int limit)
    {
        lock (_lock)
        {
            var second = Environment.TickCount64 / 1000;
            if (second != _windowSecond)
            {
                _windowSecond = second;
                _inWindow = 0;
            }

            return ++_inWindow <= limit;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
