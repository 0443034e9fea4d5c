using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Tests.Persistence;
using NonCoopBot.Protocol.Auth;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>Issue 7 item 10 on SQLite: no outbound token, a timeout mid-batch.</summary>
public sealed class SqliteAlertFailureTests(SqliteTestServer server) : AlertFailureTests(server), IClassFixture<SqliteTestServer>;

/// <summary>Issue 7 item 10 on PostgreSQL.</summary>
public sealed class PostgresAlertFailureTests(PostgresTestServer server) : AlertFailureTests(server), IClassFixture<PostgresTestServer>;

/// <summary>
/// A failure to get the outbound token (MSAL error, Entra outage) leaves deliveries queued and retried, never
/// "delivery not confirmed"; a timeout or a token failure in the middle of a reminder or escalation batch
/// loses neither the rest of the batch nor the claimed escalation.
/// </summary>
public abstract class AlertFailureTests(SqlTestServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An Entra outage on demand: throws MSAL's exception while <see cref="Failing"/> (or on chosen calls).</summary>
    private sealed class ScriptedTokens : IBotTokenProvider
    {
        private int _calls;

        public bool Failing { get; set; }

        public Func<int, bool> FailCall { get; set; } = _ => false;

        public int Calls => _calls;

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            return Failing || FailCall(call)
                ? throw new MsalServiceException("temporarily_unavailable", "AADSTS: the service is temporarily unavailable.")
                : Task.FromResult<string?>("token-" + call);
        }
    }

    [Fact]
    public async Task TokenProviderThrows_RowsStayQueued_ThenAreDeliveredLater()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var alertId = await h.TriggerGoodOfficesAsync();
        var tokens = new ScriptedTokens { Failing = true };
        var dispatcher = h.NewDispatcher(tokens: tokens);

        var during = await dispatcher.RunOnceAsync(Ct);

        Assert.Equal(0, during.Sent);
        Assert.Empty(h.AlertPosts()); // nothing left without a token
        var rows = await h.Store.GetDeliveriesAsync(alertId, Ct);
        Assert.All(rows, r =>
        {
            Assert.Equal(DeliveryStates.Queued, r.State); // never "uncertain" (delivery not confirmed) or "failed"
            Assert.Equal(0, r.Attempts);
        });

        tokens.Failing = false;
        h.Time.Advance(AlertDispatcher.TokenRetryDelay);
        var after = await h.NewDispatcher(tokens: tokens).RunOnceAsync(Ct);

        Assert.Equal(21, after.Sent);
        Assert.Equal(21, h.AlertPosts().Select(AlertHarness.ConversationIdOf).Distinct().Count());
        Assert.Equal(21, h.AlertPosts().Count);
        Assert.All(await h.Store.GetDeliveriesAsync(alertId, Ct), r => Assert.Equal(DeliveryStates.Sent, r.State));
    }

    [Fact]
    public async Task TokenFailureAndTimeoutInTheMiddleOfAReminderBatch_TheRestIsSent_AndTheUnsentOneLater()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.ReminderInterval = TimeSpan.FromMinutes(10); o.ReminderCount = 2; });
        var alertId = await h.TriggerGoodOfficesAsync();
        var tokens = new ScriptedTokens();
        await h.NewDispatcher(tokens: tokens).RunOnceAsync(Ct);
        foreach (var m in h.Roster.Members.Take(17))
        {
            await h.Store.AcknowledgeAsync(alertId, AlertOutboxWriter.Normalize(m.AadObjectId), h.Time.GetUtcNow(), Ct);
        }

        // Four silent members: the 2nd reminder's token fails, the 3rd reminder's POST times out.
        var silent = h.Roster.Members.Skip(17).Select(AlertHarness.ConversationOf).ToList();
        var reminderPosts = 0;
        var dispatcher = h.NewDispatcher(tokens: tokens, timesOut: r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.Contains(Uri.EscapeDataString(silent[2]), StringComparison.Ordinal) && ++reminderPosts == 1);
        var first = tokens.Calls;
        tokens.FailCall = call => call == first + 2;
        h.Time.Advance(TimeSpan.FromMinutes(10));

        var tick = await dispatcher.RunOnceAsync(Ct);

        Assert.Equal(2, tick.Reminders); // 1st and 4th went out although the 2nd and 3rd failed
        Assert.Equal(2, Reminders(h).Count);
        tokens.FailCall = _ => false;
        h.Time.Advance(AlertDispatcher.TokenRetryDelay);
        Assert.Equal(1, (await dispatcher.RunOnceAsync(Ct)).Reminders); // the one that was certainly not sent
        var sent = Reminders(h);
        Assert.Equal(3, sent.Count);
        Assert.Equal(3, sent.Distinct().Count()); // nobody reminded twice
        Assert.DoesNotContain(silent[2], sent); // the timed-out one may have arrived: not re-sent
    }

    [Fact]
    public async Task TokenFailureDuringTheEscalation_DoesNotLoseIt()
    {
        await using var h = await AlertHarness.CreateAsync(server, o => { o.ReminderInterval = TimeSpan.FromMinutes(10); o.ReminderCount = 0; });
        var alertId = await h.TriggerGoodOfficesAsync();
        var tokens = new ScriptedTokens();
        var dispatcher = h.NewDispatcher(tokens: tokens);
        await dispatcher.RunOnceAsync(Ct);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        tokens.Failing = true;

        Assert.Equal(0, (await dispatcher.RunOnceAsync(Ct)).Escalations); // claimed, nobody could be told: given back
        Assert.Empty(Told(h));
        Assert.Null((await h.Store.GetAlertAsync(alertId, Ct))!.SilentNotifiedAt);

        tokens.Failing = false;
        Assert.Equal(1, (await dispatcher.RunOnceAsync(Ct)).Escalations);
        Assert.Equal(0, (await dispatcher.RunOnceAsync(Ct)).Escalations);
        Assert.Equal(AlertOutboxWriter.Trackers(h.Roster).Count, Told(h).Count); // President and acting VP, once each
    }

    /// <summary>The reminder card's title in each language (each member is reminded in theirs).</summary>
    private static readonly string[] ReminderTitles =
        [.. NonCoopBot.Dialogs.Texts.TextCatalogue.Languages.Select(l => NonCoopBot.App.Features.NonCoopBotRoutes.Texts.Get(l, "card.reminder.title"))];

    private static List<string?> Reminders(AlertHarness h) =>
        [.. h.PostsToActivities()
            .Where(p => ReminderTitles.Contains(p.Body?["attachments"]?[0]?["content"]?["body"]?[0]?["text"]?.GetValue<string>()))
            .Select(AlertHarness.ConversationIdOf)];

    private static List<string?> Told(AlertHarness h) =>
        [.. h.PostsToActivities().Where(p => p.Body?["text"] is not null).Select(AlertHarness.ConversationIdOf)];
}
