using System.Diagnostics;
using NonCoopBot.App.Tests.NonCooperation;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// kill -9 of the bot process at chosen points of the fan-out, on SQLite and on PostgreSQL. The child process loads a
/// test-only <see cref="KillPointProbe"/> through DI (a hosting startup in this assembly); when the dispatcher reaches the
/// point it holds there and the test SIGKILLs the process. A second process on the same database finishes the fan-out.
/// For every point: every member is alerted at most once; a member whose row was left <c>sending</c> is shown as
/// "delivery not confirmed" on the President's tracker; everyone else is alerted exactly once and shown "delivered".
/// (The fourth point, mid-answer — the POST on the wire, its answer not back — is <see cref="KillNineFanOutTests"/>.)
/// </summary>
public sealed class KillNinePointsTests : IAsyncLifetime
{
    private const int Members = 21;
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(5);

    private readonly List<BotChildProcess> _children = [];
    private readonly KillNineConnector _connector = new() { Latency = TimeSpan.FromMilliseconds(20) };
    private KillNineDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _connector.StartAsync(Ct);

    /// <param name="provider">Sqlite or Postgres.</param>
    /// <param name="killPoint">Where the first process dies: before any claim (rows queued), between claim and
    /// <c>sending</c> (4th row), between <c>sending</c> and its POST (4th row).</param>
    /// <param name="unconfirmed">How many rows must end "delivery not confirmed".</param>
    [Theory]
    [InlineData("Sqlite", "BeforeClaim", 0)]
    [InlineData("Sqlite", "Claimed:4", 0)]
    [InlineData("Sqlite", "Sending:4", 1)]
    [InlineData("Postgres", "BeforeClaim", 0)]
    [InlineData("Postgres", "Claimed:4", 0)]
    [InlineData("Postgres", "Sending:4", 1)]
    public async Task KilledAtAPoint_EveryMemberAlertedAtMostOnce_TheUnconfirmedShownAsSuch(string provider, string killPoint, int unconfirmed)
    {
        _database = await KillNineDatabase.CreateAsync(provider, "kill9-points", Ct);

        var first = await StartBotAsync(killPoint);
        await KillNineFanOutTests.RunGoodOfficesAsync(first.BaseAddress, _connector.BaseUrl);
        var reached = await first.KillPointReached.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await first.KillNineAsync(Ct);
        var alertedBeforeKill = _connector.Alerts.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"{reached}; {alertedBeforeKill} alerts before the kill");
        var expectedBefore = killPoint == "BeforeClaim" ? 0 : 3; // MaxParallelSends = 1: the rows before the 4th were sent
        Assert.Equal(expectedBefore, alertedBeforeKill);
        var atKill = await ReadLedgerAsync();
        Assert.Equal(unconfirmed, atKill.Count(r => r.State == "sending"));

        _connector.StartGeneration(2);
        var second = await StartBotAsync(killPoint: null);
        var final = await WaitForSettledLedgerAsync(second);
        await _connector.WaitUntilAsync(
            () => LatestTracker() is { } t && KillNineFanOutTests.Occurrences(t, "\"delivery not confirmed\"") == unconfirmed
                && KillNineFanOutTests.Occurrences(t, "\"delivered\"") == Members - unconfirmed,
            TimeSpan.FromSeconds(30), () => "tracker: " + (LatestTracker() ?? "(none)"), Ct);

        var perConversation = _connector.Alerts.GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perConversation, p => Assert.True(p.Value == 1, $"{p.Key} alerted {p.Value} times"));
        var uncertain = final.Where(r => r.State == "uncertain").ToList();
        Assert.Equal(unconfirmed, uncertain.Count);
        Assert.All(final, r => Assert.True(r.State is "sent" or "uncertain", $"{r.MemberAad}: {r.State}"));
        Assert.All(final.Where(r => r.State == "sent"), r => Assert.Equal(1, perConversation.GetValueOrDefault(KillNineFanOutTests.ExpectedConversation(r.MemberAad))));
        // Killed between the committed "sending" mark and the POST: that member got nothing and is shown unconfirmed, never re-sent.
        Assert.All(uncertain, r => Assert.False(perConversation.ContainsKey(KillNineFanOutTests.ExpectedConversation(r.MemberAad))));
        Assert.Equal(Members - unconfirmed, perConversation.Count);
    }

    private string? LatestTracker() =>
        _connector.Others.LastOrDefault(r => r.Path.StartsWith("v3/conversations/a:president/activities", StringComparison.Ordinal)
            && (r.Body.Contains("\"delivered\"", StringComparison.Ordinal) || r.Body.Contains("\"delivery not confirmed\"", StringComparison.Ordinal))).Body;

    private async Task<BotChildProcess> StartBotAsync(string? killPoint)
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "NonCoopBot.App.dll");
        var environment = KillNineFanOutTests.ChildEnvironment(_database!.Provider, _database.ConnectionString, _connector.BaseUrl, maxParallelSends: 1, ClaimLease);
        environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "NonCoopBot.App.Tests";
        if (killPoint is not null)
        {
            environment[KillPointProbe.Variable] = killPoint;
        }

        var child = BotChildProcess.Start(appDll, Path.Combine(BotTestHost.RepoRoot(), "src", "NonCoopBot.App"), environment,
            depsFile: Path.Combine(AppContext.BaseDirectory, "NonCoopBot.App.Tests.deps.json"));
        _children.Add(child);
        await child.WaitReadyAsync(TimeSpan.FromSeconds(45), Ct);
        return child;
    }

    private sealed record LedgerRow(string MemberAad, string State);

    private async Task<List<LedgerRow>> ReadLedgerAsync()
    {
        await using var connection = await _database!.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member_aad, state FROM alert_deliveries ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(new LedgerRow(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Re-reads the ledger on every connector event (fallback re-check every 250 ms); never a sleep.</summary>
    private async Task<List<LedgerRow>> WaitForSettledLedgerAsync(BotChildProcess bot)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = _connector.Changed;
            var rows = await ReadLedgerAsync();
            if (rows.Count == Members && rows.All(r => r.State is not ("queued" or "sending")))
            {
                return rows;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60),
                $"the ledger did not settle: {string.Join(", ", rows.Select(r => r.State))}\n{bot.Tail()}");
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

    public ValueTask DisposeAsync() => BotChildProcess.DisposeAllAsync(_children, _connector, _database);
}
