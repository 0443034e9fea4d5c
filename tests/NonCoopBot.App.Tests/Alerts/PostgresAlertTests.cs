using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Persistence;
using Npgsql;
using NonCoopBot.Infrastructure.Tests.Persistence;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>Several instances (each its own connection pool) on one PostgreSQL database: SKIP LOCKED claims, no row sent twice, one ack.</summary>
public sealed class PostgresAlertTests(PostgresTestServer server) : IClassFixture<PostgresTestServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Two instances, each with its own connection pool (its own <c>NpgsqlDataSource</c>, told apart by
    /// <c>Application Name</c>), HTTP client, send gate and dispatcher, race over 105 rows in small batches: both
    /// claim rows, no member gets an alert twice, and neither tick fails (no deadlock was needed to keep it so).
    /// </summary>
    [Fact]
    public async Task TwoInstancesWithTheirOwnPools_BothClaim_NobodyAlertedTwice_NoDeadlock()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.BatchSize = 3; o.AppRequestsPerSecond = 10_000; o.ConversationRequestsPerSecond = 10_000; });
        var alertIds = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            alertIds.Add(await h.TriggerGoodOfficesAsync(sequence: i));
        }

        var a = h.NewDispatcher("instance-a", new SendGate(h.Time), Instance(h, "instance-a"));
        var b = h.NewDispatcher("instance-b", new SendGate(h.Time), Instance(h, "instance-b"));
        int claimedByA = 0, claimedByB = 0;
        for (var round = 0; round < 200; round++)
        {
            var results = await Task.WhenAll(a.RunOnceAsync(Ct), b.RunOnceAsync(Ct));
            claimedByA += results[0].Claimed;
            claimedByB += results[1].Claimed;
            if (results.All(r => r.Claimed == 0))
            {
                break;
            }
        }

        Assert.Equal(["instance-a", "instance-b"], await ApplicationNamesAsync(h));
        Assert.True(claimedByA > 0 && claimedByB > 0, $"instance-a claimed {claimedByA}, instance-b {claimedByB}: both must take part");
        Assert.Equal(105, claimedByA + claimedByB);
        AssertEveryMemberAlertedOncePerAlert(h, 105);
        foreach (var alertId in alertIds)
        {
            var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
            Assert.All(rows, r => Assert.Equal(DeliveryStates.Sent, r.State));
        }
    }

    /// <summary>
    /// While another instance holds rows mid-claim (row locks taken in its open transaction), an instance with its own
    /// pool claims past them at once (SKIP LOCKED: no waiting, no deadlock) and sends only the others; the held rows
    /// are sent once after. A claim that waited for the lock would not finish while the rows are held.
    /// </summary>
    [Fact]
    public async Task RowsLockedByAnotherInstance_AreSkippedWithoutWaiting_AndSentOnceLater()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.AppRequestsPerSecond = 10_000; o.ConversationRequestsPerSecond = 10_000; });
        await h.TriggerGoodOfficesAsync();
        var a = h.NewDispatcher("instance-a", new SendGate(h.Time), Instance(h, "instance-a"));

        await using (var holder = new NpgsqlConnection(h.ConnectionString))
        {
            await holder.OpenAsync(Ct);
            await using var tx = await holder.BeginTransactionAsync(Ct);
            await using (var lockRows = new NpgsqlCommand("SELECT id FROM alert_deliveries ORDER BY id LIMIT 8 FOR UPDATE", holder, tx))
            {
                await lockRows.ExecuteNonQueryAsync(Ct);
            }

            AlertTickResult tick;
            try
            {
                tick = await a.RunOnceAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
            }
            catch (TimeoutException)
            {
                Assert.Fail("instance-a's claim waited for rows another instance holds (no SKIP LOCKED?)");
                throw;
            }

            Assert.Equal(13, tick.Sent);
            await tx.RollbackAsync(Ct);
        }

        var after = await a.RunOnceAsync(Ct);
        Assert.Equal(8, after.Sent);
        AssertEveryMemberAlertedOncePerAlert(h, 21);
    }

    [Fact]
    public async Task ConcurrentTapsOnPostgres_RecordOneAcknowledgement_AndAllAckedOnce()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();
        var members = h.Roster.Members.Select(m => AlertOutboxWriter.Normalize(m.AadObjectId)).ToList();

        var results = await Task.WhenAll(members.SelectMany(m => Enumerable.Repeat(m, 3)).Select(m => h.Store.AcknowledgeAsync(alertId, m, h.Time.GetUtcNow(), Ct)));

        Assert.Equal(21, results.Count(r => r.Outcome == AckOutcome.Recorded));
        var alert = (await h.Store.GetAlertAsync(alertId, Ct))!;
        Assert.NotNull(alert.AllAckedAt);
    }

    /// <summary>Another instance's own connection pool on the harness's database.</summary>
    private IDatabase Instance(AlertHarness h, string name) =>
        server.Connect(new NpgsqlConnectionStringBuilder(h.ConnectionString) { ApplicationName = name }.ConnectionString);

    private static async Task<string[]> ApplicationNamesAsync(AlertHarness h)
    {
        await using var connection = new NpgsqlConnection(h.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'instance-%' ORDER BY 1", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    private static void AssertEveryMemberAlertedOncePerAlert(AlertHarness h, int expected)
    {
        var posts = h.AlertPosts();
        var twice = posts.GroupBy(p => (AlertHarness.ConversationIdOf(p), p.Body!["attachments"]![0]!["content"]!["refresh"]!["action"]!["data"]!["alertId"]!.GetValue<string>()))
            .Where(g => g.Count() > 1).Select(g => $"{g.Key}×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "alerted more than once: " + string.Join(", ", twice));
        Assert.Equal(expected, posts.Count);
    }
}
