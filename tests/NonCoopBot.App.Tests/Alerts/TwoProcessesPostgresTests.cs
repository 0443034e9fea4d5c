using System.Text.RegularExpressions;
using NonCoopBot.App.Tests.NonCooperation;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// Two real instances: two processes of the bot (<c>dotnet NonCoopBot.App.dll</c>, as <see cref="KillNineFanOutTests"/>
/// starts them) on one PostgreSQL database, both with the alert worker running (small batches, two sends at a time,
/// polling every 0.2 s), one loopback Bot Connector recording every POST. The President opens three 7(b) matters on
/// the first process: 3 alerts × 21 members. Both processes deliver some of them (their own log lines), each member
/// gets exactly one POST per alert, every delivery ends <c>sent</c>, and neither process logged a deadlock, a
/// serialization failure or an error. (That B never waits on A's claim and never claims A's rows is shown
/// deterministically, claim site by claim site, by ClaimRaceTests in NonCoopBot.Infrastructure.Tests.)
/// </summary>
public sealed partial class TwoProcessesPostgresTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 21;
    private static readonly (string State, string Reference)[] Matters = [("Kenya", "ICC-01/99-01/26"), ("Uganda", "ICC-02/04-01/27"), ("Jordan", "ICC-02/05-01/28")];

    private KillNineDatabase? _database;
    private readonly List<BotChildProcess> _children = [];
    private KillNineConnector _connector = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connector = new KillNineConnector { Latency = TimeSpan.FromMilliseconds(40) };
        await _connector.StartAsync(Ct);
    }

    public ValueTask DisposeAsync() => BotChildProcess.DisposeAllAsync(_children, _connector, _database);

    [Fact]
    public async Task TwoBotProcessesOnOnePostgresDatabase_BothDeliver_EachMemberOncePerAlert_AllSent_NoDeadlock()
    {
        _database = await KillNineDatabase.CreateAsync("Postgres", "two-processes", Ct);
        var a = await StartBotAsync();
        var b = await StartBotAsync();
        output.WriteLine($"bot A pid {a.Id} at {a.BaseAddress}, bot B pid {b.Id} at {b.BaseAddress}");

        foreach (var (state, reference) in Matters)
        {
            await KillNineFanOutTests.RunGoodOfficesAsync(a.BaseAddress, _connector.BaseUrl, state, reference);
        }

        var expected = Matters.Length * Members;
        await _connector.WaitUntilAsync(
            () => _connector.Alerts.Count(p => p.Answered) >= expected,
            TimeSpan.FromSeconds(120), () => $"{_connector.Alerts.Count} of {expected} alert POSTs\nA:\n{a.Tail()}\nB:\n{b.Tail()}", Ct);
        var rows = await WaitForAllSentAsync(expected, TimeSpan.FromSeconds(60));

        // Each member exactly one POST per alert; nothing more arrived.
        var posts = _connector.Alerts;
        var twice = posts.GroupBy(p => (p.AlertId, p.ConversationId)).Where(g => g.Count() > 1).Select(g => $"{g.Key}×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "alerted more than once: " + string.Join(", ", twice));
        Assert.Equal(expected, posts.Count);
        Assert.Equal(Matters.Length, posts.Select(p => p.AlertId).Distinct().Count());
        Assert.All(posts.GroupBy(p => p.AlertId), g => Assert.Equal(Members, g.Select(p => p.ConversationId).Distinct().Count()));

        // Every delivery ended sent.
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("sent", r));

        // Both processes delivered (their own "delivered to member" log lines), together once per delivery.
        var byA = Delivered(a);
        var byB = Delivered(b);
        output.WriteLine($"delivered by A: {byA.Count}, by B: {byB.Count}");
        Assert.True(byA.Count > 0 && byB.Count > 0, $"both processes must deliver: A {byA.Count}, B {byB.Count}\nA:\n{a.Tail()}\nB:\n{b.Tail()}");
        Assert.Empty(byA.Intersect(byB));
        Assert.Equal(expected, byA.Union(byB).Count());

        // No deadlock, serialization failure or error was needed to keep it so.
        foreach (var (name, bot) in new[] { ("A", a), ("B", b) })
        {
            var bad = bot.Tail(int.MaxValue).Split('\n').Where(l => Trouble().IsMatch(l)).ToList();
            Assert.True(bad.Count == 0, $"process {name} logged: {string.Join(" | ", bad)}");
        }
    }

    /// <summary>The (alert, member) pairs a process logged as delivered ("Alert {id}: delivered to member {id}").</summary>
    private static HashSet<string> Delivered(BotChildProcess bot) =>
        [.. bot.Tail(int.MaxValue).Split('\n').Select(l => DeliveredLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value + "/" + m.Groups[2].Value)];

    [GeneratedRegex(@"Alert (\S+): delivered to member (\S+)")]
    private static partial Regex DeliveredLine();

    [GeneratedRegex(@"deadlock|40P01|40001|could not serialize|serialization failure|^\s*fail:|^\s*crit:|Exception", RegexOptions.IgnoreCase)]
    private static partial Regex Trouble();

    private async Task<BotChildProcess> StartBotAsync()
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "NonCoopBot.App.dll");
        var environment = KillNineFanOutTests.ChildEnvironment(_database!.Provider, _database.ConnectionString, _connector.BaseUrl, maxParallelSends: 2, claimLease: TimeSpan.FromSeconds(30));
        environment["Alerts__BatchSize"] = "3";
        var child = BotChildProcess.Start(appDll, Path.Combine(BotTestHost.RepoRoot(), "src", "NonCoopBot.App"), environment);
        _children.Add(child);
        await child.WaitReadyAsync(TimeSpan.FromSeconds(45), Ct);
        return child;
    }

    /// <summary>Re-reads the delivery states on each connector event (or every 250 ms as a fallback re-check) until all are sent.</summary>
    private async Task<List<string>> WaitForAllSentAsync(int expected, TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = _connector.Changed;
            var states = new List<string>();
            await using (var connection = await _database!.OpenAsync(Ct))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT state FROM alert_deliveries ORDER BY id";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    states.Add(reader.GetString(0));
                }
            }

            if (states.Count == expected && states.All(s => s == "sent"))
            {
                return states;
            }

            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < timeout, $"deliveries not all sent within {timeout.TotalSeconds:0} s: {string.Join(", ", states.GroupBy(s => s).Select(g => $"{g.Key}={g.Count()}"))}");
            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(250), Ct);
            }
            catch (TimeoutException)
            {
                // No connector event: read again.
            }
        }
    }
}
