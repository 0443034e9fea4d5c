using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.Members;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Infrastructure.Tests.Persistence;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>Issue 7 items 12-13 on SQLite.</summary>
public sealed class SqliteBoundsTests(SqliteTestServer server) : BoundsTests(server), IClassFixture<SqliteTestServer>;

/// <summary>Issue 7 items 12-13 on PostgreSQL.</summary>
public sealed class PostgresBoundsTests(PostgresTestServer server) : BoundsTests(server), IClassFixture<PostgresTestServer>;

/// <summary>
/// Item 12: refusals are audited without one caller growing the table without limit. Item 13: a roster change
/// made by one instance is seen by every instance within seconds.
/// </summary>
public abstract class BoundsTests(SqlTestServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(IDatabase Database, FakeTimeProvider Time)> NewDatabaseAsync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-04T10:00:00Z", CultureInfo.InvariantCulture));
        var database = server.Connect(await server.CreateEmptyDatabaseAsync(Ct));
        await SqlTestServer.NewMigrator(database, time).MigrateAsync(Ct);
        return (database, time);
    }

    [Fact]
    public async Task RefusalAudit_OneSenderIsCappedPerDay_OthersStillRecorded_OldRowsRemoved()
    {
        var (database, time) = await NewDatabaseAsync();
        var store = new AlertStore(database);

        var written = 0;
        for (var i = 0; i < 60; i++)
        {
            written += await store.AuditRefusalAsync("al-" + i, "attacker", "NotRecipient", time.GetUtcNow(), Ct) ? 1 : 0;
        }

        Assert.Equal(AlertStore.MaxAuditRowsPerSenderPerDay, written);
        Assert.Equal(AlertStore.MaxAuditRowsPerSenderPerDay, await store.CountAuditAsync(Ct));
        Assert.True(await store.AuditRefusalAsync("al-x", "someone-else", "NotRecipient", time.GetUtcNow(), Ct));

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.True(await store.AuditRefusalAsync("al-y", "attacker", "NotRecipient", time.GetUtcNow(), Ct)); // a new day

        time.Advance(AlertStore.AuditRetention + TimeSpan.FromSeconds(1));
        Assert.True(await store.AuditRefusalAsync("al-z", "attacker", "NotRecipient", time.GetUtcNow(), Ct));
        Assert.Equal(1, await store.CountAuditAsync(Ct)); // rows past the retention were removed
    }

    [Fact]
    public async Task RosterChangedByAnotherInstance_IsSeenWithinSeconds()
    {
        var (database, time) = await NewDatabaseAsync();
        var a = new SqlRosterRepository(database, AlertHarness.States, time);
        var b = new SqlRosterRepository(database, AlertHarness.States, time);
        var roster = AlertHarness.SampleRoster();
        await a.UpsertAsync(roster, Ct);
        Assert.Equal("vp-1", (await b.GetAsync(Ct))!.ActingPresidentMemberId);

        // Instance A: the acting President changes (vp-2), and a member is replaced.
        var replaced = roster.Members[^1] with { AadObjectId = "99999999-0000-4000-8000-000000000999", DisplayName = "New Member" };
        var changed = new Roster([.. roster.Members.Take(roster.Members.Count - 1), replaced], roster.Secretariat, "vp-2");
        await a.UpsertAsync(changed, Ct);

        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1)); // "within seconds": 2 s at most
        Assert.Equal("vp-1", (await b.GetAsync(Ct))!.ActingPresidentMemberId); // still within its short cache
        time.Advance(TimeSpan.FromMilliseconds(1));
        var seen = (await b.GetAsync(Ct))!;
        Assert.Equal("vp-2", seen.ActingPresidentMemberId);
        Assert.Null(seen.FindMemberByAadObjectId(roster.Members[^1].AadObjectId));
        Assert.NotNull(seen.FindMemberByAadObjectId("99999999-0000-4000-8000-000000000999"));
        Assert.True(new NonCoopBot.Domain.Members.Authorization(seen).CanTriggerGoodOffices(seen.FindMemberById("vp-2")!).IsAllowed);
        Assert.False(new NonCoopBot.Domain.Members.Authorization(seen).CanTriggerGoodOffices(seen.FindMemberById("vp-1")!).IsAllowed);
    }
}

/// <summary>Item 12 without a database: Retry-After capped and validated; per-conversation throttle state bounded.</summary>
public sealed class RetryAfterAndThrottleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Answer(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(response);
    }

    private static async Task<SendGate> PausedByAsync(Action<HttpResponseMessage> retryAfter, TimeSpan? max, FakeTimeProvider time)
    {
        var gate = new SendGate(time);
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        retryAfter(response);
        using var client = new HttpClient(new SendGateHandler(gate, time, max) { InnerHandler = new Answer(response) });
        using var _ = await client.GetAsync(new Uri("http://127.0.0.1/"), Ct);
        return gate;
    }

    [Fact]
    public async Task RetryAfter_IsCappedAtMaxRetryAfter_SecondsAndDates()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-04T10:00:00Z", CultureInfo.InvariantCulture));
        var now = time.GetUtcNow();

        var days = await PausedByAsync(r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromDays(3)), null, time);
        Assert.Equal(now + TimeSpan.FromMinutes(5), days.PausedUntil); // the default cap

        var date = await PausedByAsync(r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddYears(1)), TimeSpan.FromMinutes(1), time);
        Assert.Equal(now + TimeSpan.FromMinutes(1), date.PausedUntil);

        var small = await PausedByAsync(r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), TimeSpan.FromMinutes(1), time);
        Assert.Equal(now + TimeSpan.FromSeconds(7), small.PausedUntil); // a short one is honoured as is
    }

    [Theory]
    [InlineData("00:00:00", false)]
    [InlineData("01:00:01", false)]
    [InlineData("00:00:01", true)]
    [InlineData("00:05:00", true)]
    public void MaxRetryAfter_IsValidatedAtStartUp(string value, bool valid)
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions { MaxRetryAfter = TimeSpan.Parse(value, CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Alerts:MaxRetryAfter", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PerConversationThrottleState_StaysBounded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-04T10:00:00Z", CultureInfo.InvariantCulture));
        var options = Options.Create(new AlertOptions { AppRequestsPerSecond = 1_000_000 });
        var throttle = new SendThrottle(time, new SendGate(time), options);

        for (var i = 0; i < 5 * SendThrottle.MaxConversationBuckets; i++)
        {
            await throttle.AcquireAsync("a:conversation-" + i, Ct);
            if (i % 100 == 0)
            {
                time.Advance(TimeSpan.FromSeconds(1)); // earlier conversations go idle
            }
        }

        Assert.InRange(throttle.ConversationBucketCount, 1, SendThrottle.MaxConversationBuckets + 1);
    }
}
