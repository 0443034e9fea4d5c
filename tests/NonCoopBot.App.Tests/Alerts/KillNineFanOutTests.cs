using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.App.Tests.NonCooperation;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// The alert fan-out survives a real <c>kill -9</c>: the bot runs as a child process (<c>dotnet NonCoopBot.App.dll</c>)
/// on a SQLite file or a PostgreSQL database (the same scenario on each provider, PostgreSQL on a fresh database of the
/// test server), the President opens a 7(b) matter over HTTP, the process is SIGKILLed midway through the
/// 21 alert sends, and a new process on the same database finishes the fan-out. Every Bureau member is alerted
/// exactly once: rows sent before the kill are not re-sent, rows still queued are sent by the new process,
/// and the rows whose POST was on the wire at the kill (left <c>sending</c>) are reconciled <c>uncertain</c>
/// after the claim lease, never re-posted, and shown as "delivery not confirmed" on the President's tracker.
/// </summary>
/// <remarks>
/// The kill point is made deterministic: once <see cref="KillAfter"/> alert POSTs have arrived, the fake
/// connector holds its answers, and the bot is killed only when both parallel sends have their POST on the
/// wire. So each <c>sending</c> row's member did receive its one POST. (Killed at an arbitrary instant, a
/// row can also be left <c>sending</c> in the few milliseconds between its committed mark and its POST: that
/// member then gets no alert and the row is likewise surfaced as <c>uncertain</c>. The dispatcher chooses
/// at-most-once; that window is not exercised here because its timing cannot be forced from outside.)
/// </remarks>
public sealed class KillNineFanOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string President = BotTestHost.President;
    private const int Members = 21;
    private const int KillAfter = 4;
    private const int MaxParallelSends = 2;
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(5); // the smallest Alerts:ClaimLease the validator accepts

    private KillNineDatabase? _database;
    private readonly List<BotChildProcess> _children = [];
    private KillNineConnector _connector = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connector = new KillNineConnector { FreezeAfter = KillAfter };
        await _connector.StartAsync(Ct);
    }

    public ValueTask DisposeAsync() => BotChildProcess.DisposeAllAsync(_children, _connector, _database);

    /// <param name="provider">Sqlite or Postgres: the child's <c>Storage:Provider</c>; the ledger is read through that provider.</param>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task FanOut_KilledMidway_EveryMemberIsAlertedExactlyOnceAfterRestart(string provider)
    {
        _database = await KillNineDatabase.CreateAsync(provider, "kill9", Ct);
        var clock = Stopwatch.StartNew();

        // 1. The first bot process; the President opens NC-2026-001 over HTTP.
        var first = await StartBotAsync();
        output.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0}s] bot #1 (pid {first.Id}) ready at {first.BaseAddress}");
        await RunGoodOfficesAsync(first.BaseAddress, _connector.BaseUrl);
        Assert.Contains(_connector.Others, r => r.Path.StartsWith("v3/conversations/a:president/activities", StringComparison.Ordinal) && r.Body.Contains("NC-2026-001", StringComparison.Ordinal));
        output.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0}s] matter opened; fan-out running");

        // 2. kill -9 once KillAfter alert POSTs arrived and both parallel sends are on the wire.
        await _connector.WaitUntilAsync(
            () => Generation(1).Count >= KillAfter && Generation(1).Count(a => !a.Answered) == MaxParallelSends,
            TimeSpan.FromSeconds(30), () => $"{Generation(1).Count} alert POSTs, {Generation(1).Count(a => !a.Answered)} in flight\n{first.Tail()}", Ct);
        await first.KillNineAsync(Ct);
        Assert.True(first.HasExited);
        var beforeKill = Generation(1);
        var answered = beforeKill.Where(a => a.Answered).Select(a => a.ConversationId).ToHashSet();
        var inFlight = beforeKill.Where(a => !a.Answered).Select(a => a.ConversationId).ToHashSet();

        var atKill = await ReadDeliveriesAsync();
        output.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0}s] SIGKILL pid {first.Id}: {answered.Count} alerts answered before the kill, {inFlight.Count} in flight ({string.Join(", ", inFlight)}); " +
            $"ledger: {Count(atKill, "sent")} sent, {Count(atKill, "sending")} sending, {Count(atKill, "queued")} queued");
        Assert.Equal(Members, atKill.Count);
        Assert.Equal(answered.Order(), atKill.Where(r => r.State == "sent").Select(r => ExpectedConversation(r.MemberAad)).Order());
        Assert.Equal(inFlight.Order(), atKill.Where(r => r.State == "sending").Select(r => ExpectedConversation(r.MemberAad)).Order());
        Assert.Equal(Members - answered.Count - inFlight.Count, Count(atKill, "queued"));

        // 3. A new process on the same database finishes the fan-out.
        _connector.StartGeneration(2);
        var second = await StartBotAsync();
        output.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0}s] bot #2 (pid {second.Id}) ready");
        await _connector.WaitUntilAsync(
            () => _connector.Alerts.Select(a => a.ConversationId).Distinct().Count() >= Members,
            TimeSpan.FromSeconds(60), () => $"{_connector.Alerts.Select(a => a.ConversationId).Distinct().Count()} of {Members} members alerted\n{second.Tail()}", Ct);
        output.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0}s] all {Members} members have an alert");

        // 4. The ledger settles: nothing queued or sending (the in-flight rows are reconciled after the lease).
        var final = await WaitForSettledLedgerAsync(TimeSpan.FromSeconds(30) + ClaimLease, second);
        var uncertain = final.Where(r => r.State == "uncertain").ToList();
        output.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0}s] ledger settled: {Count(final, "sent")} sent, {uncertain.Count} uncertain ({string.Join(", ", uncertain.Select(r => r.MemberId))})");

        // 5. The tracker surfaces the uncertain rows ("delivery not confirmed") and the others as delivered.
        await _connector.WaitUntilAsync(
            () => LatestTracker() is { } t && Occurrences(t, "\"delivery not confirmed\"") == uncertain.Count && Occurrences(t, "\"delivered\"") == Members - uncertain.Count,
            TimeSpan.FromSeconds(15), () => "tracker: " + (LatestTracker() ?? "(none)"), Ct);

        // Exactly once: 21 distinct 1:1 chats, one alert POST each, and no chat twice across the two processes.
        var all = _connector.Alerts;
        var afterRestart = all.Where(a => a.Generation == 2).ToList();
        output.WriteLine($"Alert POSTs: {answered.Count} answered before the kill, {inFlight.Count} in flight at the kill, {afterRestart.Count} after the restart; total {all.Count}; took {clock.Elapsed.TotalSeconds:0.0} s");
        var perConversation = all.GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = perConversation.Where(p => p.Value != 1).Select(p => $"{p.Key}×{p.Value}").ToList();
        Assert.True(duplicates.Count == 0, "Alerted more than once: " + string.Join(", ", duplicates));
        Assert.Equal(Members, perConversation.Count);
        Assert.Equal(final.Select(r => ExpectedConversation(r.MemberAad)).Order(), perConversation.Keys.Order());

        // The ledger: every row sent or uncertain; the uncertain ones are exactly the POSTs in flight at the kill (each received once).
        Assert.Equal(Members, final.Count);
        Assert.All(final, r => Assert.True(r.State is "sent" or "uncertain", $"{r.MemberId}: {r.State}"));
        Assert.Equal(inFlight.Order(), uncertain.Select(r => ExpectedConversation(r.MemberAad)).Order());
        Assert.All(uncertain, r => Assert.Equal(1, perConversation[ExpectedConversation(r.MemberAad)]));
        Assert.All(final.Where(r => r.State == "sent"), r => Assert.Equal(ExpectedConversation(r.MemberAad), r.ConversationId));
        Assert.Equal(Members - answered.Count - inFlight.Count, afterRestart.Count);
        Assert.DoesNotContain(afterRestart, a => answered.Contains(a.ConversationId) || inFlight.Contains(a.ConversationId));
    }

    private List<AlertPost> Generation(int generation) => [.. _connector.Alerts.Where(a => a.Generation == generation)];

    /// <summary>The President's chat for the President (the stored reference of the dialog), a created 1:1 chat for the others.</summary>
    internal static string ExpectedConversation(string memberAad) =>
        string.Equals(memberAad, President, StringComparison.OrdinalIgnoreCase) ? "a:president" : "a:conv-" + memberAad.ToLowerInvariant();

    private static int Count(IEnumerable<DeliveryState> rows, string state) => rows.Count(r => r.State == state);

    internal static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The body of the last tracker sent or updated in the President's chat.</summary>
    private string? LatestTracker() =>
        _connector.Others.LastOrDefault(r => r.Path.StartsWith("v3/conversations/a:president/activities", StringComparison.Ordinal)
            && (r.Body.Contains("\"delivered\"", StringComparison.Ordinal) || r.Body.Contains("\"delivery not confirmed\"", StringComparison.Ordinal) || r.Body.Contains("\"sending\"", StringComparison.Ordinal))).Body;

    private async Task<BotChildProcess> StartBotAsync()
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "NonCoopBot.App.dll");
        Assert.True(File.Exists(appDll), $"{appDll} not found (the test project references the App).");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "cards", "alert.json")), "cards/ must be beside the App (CardCatalog reads AppContext.BaseDirectory/cards).");
        var repo = BotTestHost.RepoRoot();
        var environment = ChildEnvironment(_database!.Provider, _database.ConnectionString, _connector.BaseUrl, MaxParallelSends, ClaimLease);
        var child = BotChildProcess.Start(appDll, Path.Combine(repo, "src", "NonCoopBot.App"), environment);
        _children.Add(child);
        await child.WaitReadyAsync(TimeSpan.FromSeconds(45), Ct);
        return child;
    }

    /// <summary>The child bot's settings: Development, anonymous, the sample roster, the worker on, alerts to the fake connector.</summary>
    internal static Dictionary<string, string> ChildEnvironment(string provider, string connectionString, string connectorUrl, int maxParallelSends, TimeSpan claimLease) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0", // Kestrel picks a free port; it is read from "Now listening on:"
        ["Bot__AppId"] = string.Empty,
        ["Storage__Provider"] = provider,
        ["Storage__ConnectionString"] = connectionString,
        ["Roster__SeedFile"] = Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json"),
        ["Alerts__MaxParallelSends"] = maxParallelSends.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts__ClaimLease"] = claimLease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts__WorkerPeriod"] = "00:00:00.2",
        ["Alerts__ServiceUrl"] = connectorUrl,
        ["Alerts__BotId"] = "28:bot",
        ["Alerts__TenantId"] = "tenant-1",
        ["Alerts__RunWorker"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__NonCoopBot"] = "Information",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    internal static async Task RunGoodOfficesAsync(Uri bot, string connectorUrl, string state = "Kenya", string reference = "ICC-01/99-01/26")
    {
        using var http = new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(30) };
        var turn = 0;
        foreach (var text in new[] { "good offices", state, "7(b)", reference, "none", "Reported travel.", "Dates.", "none", "yes" })
        {
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = $"kill9-{Guid.NewGuid():N}",
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["serviceUrl"] = connectorUrl,
                ["channelId"] = "msteams",
                ["from"] = new JsonObject { ["id"] = "29:president", ["aadObjectId"] = President, ["name"] = "President" },
                ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "NonCoopBot" },
                ["conversation"] = new JsonObject { ["id"] = "a:president", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
                ["text"] = text,
                ["locale"] = "en-GB",
            };
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), content, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"turn {++turn} \"{text}\": {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    private sealed record DeliveryState(long Id, string MemberId, string MemberAad, string State, string? ConversationId);

    private async Task<List<DeliveryState>> ReadDeliveriesAsync()
    {
        await using var connection = await _database!.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, member_id, member_aad, state, conversation_id FROM alert_deliveries ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<DeliveryState>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(new DeliveryState(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>
    /// Re-reads the ledger on every connector event (the reconcile marks the tracker dirty, so its update is
    /// the event that follows it), with a short wait timeout as a fallback re-check; never a sleep.
    /// </summary>
    private async Task<List<DeliveryState>> WaitForSettledLedgerAsync(TimeSpan timeout, BotChildProcess bot)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = _connector.Changed;
            var rows = await ReadDeliveriesAsync();
            if (rows.Count == Members && rows.All(r => r.State is not ("queued" or "sending")))
            {
                return rows;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"The ledger did not settle within {timeout.TotalSeconds:0} s: {string.Join(", ", rows.Select(r => $"{r.MemberId}={r.State}"))}\n{bot.Tail()}");
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(250), Ct);
            }
            catch (TimeoutException)
            {
                // No connector event: read the ledger again.
            }
        }
    }
}
