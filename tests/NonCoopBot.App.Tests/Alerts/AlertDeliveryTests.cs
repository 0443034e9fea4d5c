using System.Net;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Tests.Persistence;
using NonCoopBot.Domain.Members;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// Fan-out, ledger, throttling, blocking, crash recovery, acknowledgements, tracker, reminders (real HTTP over loopback),
/// on each storage engine: <see cref="SqliteAlertDeliveryTests"/> and <see cref="PostgresAlertDeliveryTests"/>.
/// </summary>
public abstract class AlertDeliveryTests(SqlTestServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GoodOffices_WritesOneAlertAndOneQueuedRowPerMember_InTheMattersTransaction()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();

        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        Assert.Equal(21, rows.Count);
        Assert.All(rows, r => Assert.Equal(DeliveryStates.Queued, r.State));
        Assert.Equal(21, rows.Select(r => r.MemberAad).Distinct().Count());
        Assert.Equal(2, (await h.Store.GetTrackersAsync(alertId, Ct)).Count); // President and acting VP in the sample roster
    }

    [Fact]
    public async Task FanOut_SendsTwentyOneAlertsToTwentyOneConversations_AndRecordsTheLedger()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();

        var result = await h.NewDispatcher().RunOnceAsync(Ct);

        Assert.Equal(21, result.Sent);
        var alerts = h.AlertPosts();
        Assert.Equal(21, alerts.Count);
        Assert.Equal(21, alerts.Select(AlertHarness.ConversationIdOf).Distinct().Count());
        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        Assert.All(rows, r =>
        {
            Assert.Equal(DeliveryStates.Sent, r.State);
            Assert.False(string.IsNullOrEmpty(r.ActivityId));
            Assert.Equal("a:conv-" + h.Roster.FindMemberById(r.MemberId)!.Id, r.ConversationId);
        });
        Assert.Equal(2, result.TrackersSent);
    }

    [Fact]
    public async Task MemberWithoutStoredReference_GetsAConversationCreatedThenTheAlert()
    {
        await using var h = await AlertHarness.CreateAsync(server, seedReferences: false);
        foreach (var m in h.Roster.Members.Skip(1))
        {
            await h.SaveReferenceAsync(m);
        }

        var first = h.Roster.Members[0];
        var alertId = await h.TriggerGoodOfficesAsync();
        await h.NewDispatcher().RunOnceAsync(Ct);

        var create = Assert.Single(h.Connector.Requests, r => r.Method == "POST" && r.Path == "v3/conversations" && r.Body?["members"]?[0]?["id"]?.GetValue<string>() == AlertOutboxWriter.Normalize(first.AadObjectId));
        Assert.Equal(AlertHarness.TenantId, create.Body?["tenantId"]?.GetValue<string>());
        Assert.False(create.Body?["isGroup"]?.GetValue<bool>());
        var stored = await h.References.GetAsync(AlertOutboxWriter.Normalize(first.AadObjectId), Ct);
        Assert.NotNull(stored);
        var row = Assert.Single(await h.Store.GetDeliveriesAsync(alertId, Ct), r => r.MemberId == first.Id);
        Assert.Equal(DeliveryStates.Sent, row.State);
        Assert.Equal(stored.ConversationId, row.ConversationId);
        Assert.Single(h.AlertPosts(), p => AlertHarness.ConversationIdOf(p) == stored.ConversationId);
    }

    [Fact]
    public async Task Scenario7B_GoesOnlyOneToOne_NeverToAStoredChannelReference()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var member = h.Roster.Members[3];
        await h.SaveReferenceAsync(member, ConversationTypes.Channel, "19:channel@thread.tacv2");
        var alertId = await h.TriggerGoodOfficesAsync(Scenario.Urgent7B);

        await h.NewDispatcher().RunOnceAsync(Ct);

        Assert.DoesNotContain(h.Connector.Requests, r => r.Path.Contains("19:channel", StringComparison.Ordinal));
        Assert.Contains(h.Connector.Requests, r => r.Path == "v3/conversations" && r.Body?["isGroup"]?.GetValue<bool>() == false);
        Assert.All(await h.Store.GetDeliveriesAsync(alertId, Ct), r => Assert.Equal(DeliveryStates.Sent, r.State));
        Assert.All(h.AlertPosts(), p => Assert.StartsWith("a:", AlertHarness.ConversationIdOf(p), StringComparison.Ordinal));
        Assert.All(h.AlertPosts(), p =>
        {
            var conversation = AlertHarness.ConversationIdOf(p)!;
            var reader = conversation.StartsWith("a:conv-", StringComparison.Ordinal) ? h.Roster.FindMemberById(conversation["a:conv-".Length..])! : member; // its chat was created
            var confidential = NonCoopBot.App.Features.NonCoopBotRoutes.Texts.Get(reader.PreferredLanguage.ToCode(), "card.alert.confidential");
            Assert.Contains(confidential, Transcript.CardTexts(p.Body!["attachments"]![0]!["content"]!));
        });
    }

    [Fact]
    public async Task ConnectionResetAfterThePostArrived_IsDeliveryNotConfirmed_AndNeverPostedAgain()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => o.MaxParallelSends = 1);
        var alertId = await h.TriggerGoodOfficesAsync();
        h.Connector.EnqueueFault(NonCoopBot.Testing.ScriptedFault.ResetConnection); // the first alert POST reaches the connector, then the connection drops

        await h.NewDispatcher().RunOnceAsync(Ct);
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.NewDispatcher().RunOnceAsync(Ct);

        var perConversation = h.AlertPosts().GroupBy(AlertHarness.ConversationIdOf).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(21, perConversation.Count);
        Assert.All(perConversation.Values, count => Assert.Equal(1, count));
        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        Assert.Single(rows, r => r.State == DeliveryStates.Uncertain);
        Assert.Equal(20, rows.Count(r => r.State == DeliveryStates.Sent));
    }

    [Fact]
    public async Task CrashMidFanOut_ThenNewInstance_AlertsEveryRecipientExactlyOnce()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => o.MaxParallelSends = 1);
        var alertId = await h.TriggerGoodOfficesAsync();
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // kill -9 right after the 7th POST returned, before its outcome is written.
        var crashing = h.NewDispatcher("instance-a", probe: new CrashAt(AlertSendPoint.Posted, 7, kill));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashing.RunOnceAsync(kill.Token));
        Assert.Equal(7, h.AlertPosts().Count);

        // A new host on the same database, after the dead instance's lease.
        h.Time.Advance(h.Options.ClaimLease + TimeSpan.FromSeconds(1));
        var result = await h.NewDispatcher("instance-b").RunOnceAsync(Ct);

        Assert.Equal(1, result.Reconciled);
        var perConversation = h.AlertPosts().GroupBy(AlertHarness.ConversationIdOf).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(21, perConversation.Count);
        Assert.All(perConversation.Values, count => Assert.Equal(1, count));
        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        Assert.Equal(20, rows.Count(r => r.State == DeliveryStates.Sent));
        Assert.Single(rows, r => r.State == DeliveryStates.Uncertain); // delivered, but unconfirmed: shown, never re-posted

        var tracker = AlertCards.TrackerData((await h.Store.GetAlertAsync(alertId, Ct))!, rows, h.Roster, h.Time.GetUtcNow(), NonCoopBot.App.Features.NonCoopBotRoutes.Texts, "en");
        Assert.Contains(tracker["members"]!.AsArray(), m => m!["deliveryText"]!.GetValue<string>() == "delivery not confirmed");
    }

    [Fact]
    public async Task TooManyRequestsStorm_PausesAllSends_ThenResumesAfterRetryAfter_NoLossNoDuplicate()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();
        h.Enqueue(HttpStatusCode.TooManyRequests, 5, new Dictionary<string, string> { ["Retry-After"] = "2" });
        var dispatcher = h.NewDispatcher();

        var first = await dispatcher.RunOnceAsync(Ct);
        Assert.True(h.Gate.IsPaused);
        Assert.True(first.Retried >= 1);

        // How many of the five 429s one tick meets depends on how many parallel POSTs were on the wire before the
        // first 429 closed the gate; each closed gate must hold every send until its Retry-After has passed.
        for (var round = 0; round < 10 && (await h.Store.GetDeliveriesAsync(alertId, Ct)).Any(r => r.State != DeliveryStates.Sent); round++)
        {
            var postsWhilePaused = h.PostsToActivities().Count;
            var paused = await dispatcher.RunOnceAsync(Ct);
            Assert.True(paused.Paused);
            Assert.Equal(postsWhilePaused, h.PostsToActivities().Count);

            h.Time.Advance(TimeSpan.FromSeconds(2));
            await dispatcher.RunOnceAsync(Ct);
        }

        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        Assert.All(rows, r => Assert.Equal(DeliveryStates.Sent, r.State));
        Assert.Equal(21, rows.Select(r => r.ActivityId).Distinct().Count());
        Assert.Equal(21 + 5, h.AlertPosts().Count); // 5 answered 429 (not processed), 21 delivered
        Assert.Equal(5, h.Gate.ThrottledCount);
    }

    [Fact]
    public async Task MessageWritesBlocked_IsRecordedBlocked_NotRetried_AndShownOnTheTracker()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => o.MaxParallelSends = 1);
        var alertId = await h.TriggerGoodOfficesAsync();
        h.Connector.Enqueue(HttpStatusCode.Forbidden, AlertHarness.Blocked403);
        var dispatcher = h.NewDispatcher();

        await dispatcher.RunOnceAsync(Ct);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.RunOnceAsync(Ct);

        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        var blocked = Assert.Single(rows, r => r.State == DeliveryStates.Blocked);
        Assert.Equal(403, blocked.StatusCode);
        Assert.Equal(1, blocked.Attempts);
        Assert.Single(h.AlertPosts(), p => AlertHarness.ConversationIdOf(p) == blocked.ConversationId || AlertHarness.ConversationIdOf(p) == "a:conv-" + blocked.MemberId);
        Assert.NotNull(await h.References.GetBlockedAtAsync(blocked.MemberAad, Ct));
        var tracker = AlertCards.TrackerData((await h.Store.GetAlertAsync(alertId, Ct))!, rows, h.Roster, h.Time.GetUtcNow(), NonCoopBot.App.Features.NonCoopBotRoutes.Texts, "en");
        Assert.Contains(tracker["members"]!.AsArray(), m => m!["deliveryText"]!.GetValue<string>() == "app blocked or removed");
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackOff_ThenCouldNotBeDelivered()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.MaxParallelSends = 1; o.MaxSendAttempts = 2; });
        var alertId = await h.TriggerGoodOfficesAsync();
        h.Enqueue(HttpStatusCode.InternalServerError, 1);
        var dispatcher = h.NewDispatcher();

        await dispatcher.RunOnceAsync(Ct);
        var retrying = Assert.Single(await h.Store.GetDeliveriesAsync(alertId, Ct), r => r.State == DeliveryStates.Queued);
        Assert.Equal(1, retrying.Attempts);

        h.Time.Advance(h.Options.RetryBaseDelay);
        await dispatcher.RunOnceAsync(Ct);
        Assert.All(await h.Store.GetDeliveriesAsync(alertId, Ct), r => Assert.Equal(DeliveryStates.Sent, r.State));
    }

    [Fact]
    public async Task DoubleAndConcurrentTaps_RecordOneAcknowledgement()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();
        await h.NewDispatcher().RunOnceAsync(Ct);
        var member = AlertOutboxWriter.Normalize(h.Roster.Members[5].AadObjectId);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => h.Store.AcknowledgeAsync(alertId, member, h.Time.GetUtcNow(), Ct)));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var again = await h.Store.AcknowledgeAsync(alertId, member, h.Time.GetUtcNow(), Ct);

        Assert.Single(results, r => r.Outcome == AckOutcome.Recorded);
        Assert.Equal(AckOutcome.AlreadyRecorded, again.Outcome);
        Assert.Equal(results.Single(r => r.Outcome == AckOutcome.Recorded).AcknowledgedAt, again.AcknowledgedAt);
        var alert = await h.Store.GetAlertAsync(alertId, Ct);
        Assert.NotNull(alert!.FirstAckAt);
        Assert.Null(alert.AllAckedAt);
    }

    [Fact]
    public async Task ForgedAcknowledgements_AreRefused()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();

        Assert.Equal(AckOutcome.NotRecipient, (await h.Store.AcknowledgeAsync(alertId, "99999999-0000-0000-0000-000000000000", h.Time.GetUtcNow(), Ct)).Outcome);
        Assert.Equal(AckOutcome.NotRecipient, (await h.Store.AcknowledgeAsync("al-forged", AlertOutboxWriter.Normalize(h.Roster.Members[0].AadObjectId), h.Time.GetUtcNow(), Ct)).Outcome);
        Assert.All(await h.Store.GetDeliveriesAsync(alertId, Ct), r => Assert.Null(r.AcknowledgedAt));
    }

    [Fact]
    public async Task AllAcknowledged_KeepsTimesOnTheAlert_AndTheTrackerIsUpdatedInPlaceOncePerTick()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();
        var dispatcher = h.NewDispatcher();
        await dispatcher.RunOnceAsync(Ct);
        await dispatcher.RunOnceAsync(Ct); // the deliveries' tracker update
        var putsBefore = h.Connector.Requests.Count(r => r.Method == "PUT");

        h.Time.Advance(TimeSpan.FromSeconds(48));
        await h.Store.AcknowledgeAsync(alertId, AlertOutboxWriter.Normalize(h.Roster.Members[2].AadObjectId), h.Time.GetUtcNow(), Ct);
        await h.Store.AcknowledgeAsync(alertId, AlertOutboxWriter.Normalize(h.Roster.Members[3].AadObjectId), h.Time.GetUtcNow(), Ct);
        var tick = await dispatcher.RunOnceAsync(Ct);

        Assert.Equal(2, tick.TrackerUpdates); // one PUT per tracker (President, acting VP) for two acknowledgements
        var puts = h.Connector.Requests.Where(r => r.Method == "PUT").Skip(putsBefore).ToList();
        Assert.Equal(2, puts.Count);
        var text = puts[0].Body!.ToJsonString();
        Assert.Contains("Acknowledgements: 2 of 21", text, StringComparison.Ordinal);
        Assert.Contains("48 s", text, StringComparison.Ordinal);
        Assert.Contains("not yet (19 waiting)", text, StringComparison.Ordinal);

        foreach (var m in h.Roster.Members)
        {
            await h.Store.AcknowledgeAsync(alertId, AlertOutboxWriter.Normalize(m.AadObjectId), h.Time.GetUtcNow(), Ct);
        }

        var alert = (await h.Store.GetAlertAsync(alertId, Ct))!;
        Assert.Equal(TimeSpan.FromSeconds(48), alert.FirstAckAt - alert.CreatedAt);
        Assert.Equal(TimeSpan.FromSeconds(48), alert.AllAckedAt - alert.CreatedAt);
        var card = h.Cards.Tracker(alert, await h.Store.GetDeliveriesAsync(alertId, Ct), h.Roster, h.Time.GetUtcNow(), "en").ToJsonString();
        Assert.Contains("Acknowledgements: 21 of 21", card, StringComparison.Ordinal);
        Assert.Empty(NeutralWording.FindJudgingWords(card));
    }

    [Fact]
    public async Task Reminders_FireOnSchedule_StopOnAck_ThenThePresidentIsToldWhoIsSilent()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.ReminderInterval = TimeSpan.FromMinutes(10); o.ReminderCount = 2; });
        var alertId = await h.TriggerGoodOfficesAsync();
        var dispatcher = h.NewDispatcher();
        await dispatcher.RunOnceAsync(Ct);
        foreach (var m in h.Roster.Members.Take(18))
        {
            await h.Store.AcknowledgeAsync(alertId, AlertOutboxWriter.Normalize(m.AadObjectId), h.Time.GetUtcNow(), Ct);
        }

        h.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, (await dispatcher.RunOnceAsync(Ct)).Reminders);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await dispatcher.RunOnceAsync(Ct)).Reminders);
        Assert.Equal(0, (await dispatcher.RunOnceAsync(Ct)).Reminders); // once, even when run again

        await h.Store.AcknowledgeAsync(alertId, AlertOutboxWriter.Normalize(h.Roster.Members[18].AadObjectId), h.Time.GetUtcNow(), Ct);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, (await dispatcher.RunOnceAsync(Ct)).Reminders); // the acknowledged one is not reminded

        h.Time.Advance(TimeSpan.FromMinutes(10));
        var last = await dispatcher.RunOnceAsync(Ct);
        Assert.Equal(0, last.Reminders);
        Assert.Equal(1, last.Escalations);
        Assert.Equal(0, (await dispatcher.RunOnceAsync(Ct)).Escalations);

        var president = h.Roster.President!;
        var told = Assert.Single(h.PostsToActivities(), p => AlertHarness.ConversationIdOf(p) == AlertHarness.ConversationOf(president) && p.Body?["text"] is not null);
        var text = told.Body!["text"]!.GetValue<string>();
        Assert.Contains(h.Roster.Members[19].DisplayName, text, StringComparison.Ordinal);
        Assert.Contains(h.Roster.Members[20].DisplayName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Roster.Members[18].DisplayName, text, StringComparison.Ordinal);
        Assert.True(NeutralWording.IsNeutral(text), text);
        var reminderCards = h.PostsToActivities().Count(p => p.Body?["attachments"]?[0]?["content"]?["body"]?[0]?["text"]?.GetValue<string>() == "Reminder: please acknowledge");
        Assert.Equal(5, reminderCards);
    }
}

/// <summary>The alert-delivery suite on SQLite.</summary>
public sealed class SqliteAlertDeliveryTests(SqliteTestServer server) : AlertDeliveryTests(server), IClassFixture<SqliteTestServer>;

/// <summary>The alert-delivery suite on PostgreSQL.</summary>
public sealed class PostgresAlertDeliveryTests(PostgresTestServer server) : AlertDeliveryTests(server), IClassFixture<PostgresTestServer>;

/// <summary>Stops the dispatcher like a crash at the <paramref name="occurrence"/>-th time it reaches <paramref name="point"/>.</summary>
internal sealed class CrashAt(AlertSendPoint point, int occurrence, CancellationTokenSource kill) : IAlertSendProbe
{
    private int _seen;

    public ValueTask ReachedAsync(AlertSendPoint reached, ClaimedDelivery? row, CancellationToken cancellationToken)
    {
        if (reached == point && Interlocked.Increment(ref _seen) == occurrence)
        {
            kill.Cancel();
            throw new OperationCanceledException(kill.Token);
        }

        return ValueTask.CompletedTask;
    }
}
