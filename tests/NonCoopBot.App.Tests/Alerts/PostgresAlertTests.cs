using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Tests.Persistence;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>Several instances on one PostgreSQL database: SKIP LOCKED claims, no row sent twice, one ack.</summary>
public sealed class PostgresAlertTests(PostgresTestServer server) : IClassFixture<PostgresTestServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoWorkersRacing_NeverSendARowTwice()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.BatchSize = 5; o.AppRequestsPerSecond = 10_000; o.ConversationRequestsPerSecond = 10_000; });
        var alertIds = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            alertIds.Add(await h.TriggerGoodOfficesAsync(sequence: i));
        }

        // Two instances, each with its own connection pool, HTTP client and gate.
        var other = server.Connect(await server.CreateEmptyDatabaseAsync(Ct)); // unused pool warms nothing; instances share h.Database
        var a = h.NewDispatcher("instance-a", new SendGate(h.Time));
        var b = h.NewDispatcher("instance-b", new SendGate(h.Time));
        for (var round = 0; round < 40; round++)
        {
            var results = await Task.WhenAll(a.RunOnceAsync(Ct), b.RunOnceAsync(Ct));
            if (results.All(r => r.Claimed == 0))
            {
                break;
            }
        }

        var posts = h.AlertPosts();
        Assert.Equal(63, posts.Count);
        foreach (var alertId in alertIds)
        {
            var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
            Assert.All(rows, r => Assert.Equal(DeliveryStates.Sent, r.State));
            Assert.Equal(21, rows.Select(r => r.ActivityId).Distinct().Count());
        }

        Assert.All(posts.GroupBy(p => (AlertHarness.ConversationIdOf(p), p.Body!["attachments"]![0]!["content"]!["refresh"]!["action"]!["data"]!["alertId"]!.GetValue<string>())),
            g => Assert.Single(g));
        _ = other;
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
}
