using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Diagnostics;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>What one <see cref="AlertDispatcher.RunOnceAsync"/> did.</summary>
public sealed record AlertTickResult(int Claimed, int Sent, int Retried, int NotDelivered, int Reconciled, int TrackersSent, int TrackerUpdates, int Reminders, int Escalations, bool Paused);

/// <summary>A point in one alert send at which <see cref="AlertDispatcher"/> calls the <see cref="IAlertSendProbe"/>.</summary>
public enum AlertSendPoint
{
    /// <summary>A tick is about to claim queued rows (no row yet).</summary>
    BeforeClaim,

    /// <summary>The row is claimed (leased to this instance) and not yet marked <c>sending</c>.</summary>
    Claimed,

    /// <summary>The row's <c>sending</c> mark is committed; its POST has not started.</summary>
    Sending,

    /// <summary>The POST was answered 2xx; the outcome is not yet recorded.</summary>
    Posted,
}

/// <summary>
/// A seam at each <see cref="AlertSendPoint"/>. The host registers none (the dispatcher then calls nothing); tests
/// register one in DI to stop a send at a chosen point, e.g. to kill the process there.
/// </summary>
public interface IAlertSendProbe
{
    /// <summary>Called at <paramref name="point"/>; <paramref name="row"/> is null at <see cref="AlertSendPoint.BeforeClaim"/>.</summary>
    ValueTask ReachedAsync(AlertSendPoint point, ClaimedDelivery? row, CancellationToken cancellationToken);
}

/// <summary>
/// Sends what the outbox holds: alert cards 1:1 to every recipient, the President's tracker (sent, then
/// updated in place at most once per tick), reminders and the escalation. All behaviour is in
/// <see cref="RunOnceAsync"/>; <see cref="AlertWorker"/> calls it on a timer and on wake-ups.
/// </summary>
/// <remarks>
/// Exactly once: each row is claimed (lease), then marked <c>sending</c> in its own committed transaction
/// just before its POST. A crash after that leaves it <c>sending</c>; once its lease expires it is recorded
/// <c>uncertain</c> and shown on the tracker, never re-posted (the connector has no idempotent send). So a
/// recipient never gets the alert twice, and the rare crash inside the POST window is surfaced, not hidden.
/// A 429 proves the POST was not processed: the row is re-queued for when the shared gate reopens.
/// </remarks>
public sealed class AlertDispatcher
{
    private readonly IAlertStore _store;
    private readonly ProactiveMessenger _messenger;
    private readonly AlertCards _cards;
    private readonly IRosterRepository _rosters;
    private readonly SendThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly AlertOptions _options;
    private readonly ILogger _logger;
    private readonly IAlertSendProbe? _probe;

    public AlertDispatcher(IAlertStore store, ProactiveMessenger messenger, AlertCards cards, IRosterRepository rosters, SendThrottle throttle,
        TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertDispatcher>? logger = null, IAlertSendProbe? probe = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _messenger = messenger;
        _cards = cards;
        _rosters = rosters;
        _throttle = throttle;
        _time = time;
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _probe = probe;
    }

    /// <summary>This instance's claim owner id.</summary>
    public string InstanceId { get; init; } = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    private SendGate Gate => _throttle.Gate;

    /// <summary>Does all due work once.</summary>
    public async Task<AlertTickResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var reconciled = await _store.ReconcileStaleSendingAsync(now, cancellationToken).ConfigureAwait(false);
        if (reconciled > 0)
        {
            AlertLog.Reconciled(_logger, reconciled);
        }

        if (Gate.IsPaused)
        {
            return new AlertTickResult(0, 0, 0, 0, reconciled, 0, 0, 0, 0, true);
        }

        var roster = await _rosters.GetAsync(cancellationToken).ConfigureAwait(false);
        var alerts = new AlertCache(_store);
        await ReachedAsync(AlertSendPoint.BeforeClaim, null, cancellationToken).ConfigureAwait(false);
        var claimed = await _store.ClaimDeliveriesAsync(InstanceId, now, _options.ClaimLease, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        int sent = 0, retried = 0, notDelivered = 0;
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSends, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            switch (await SendAlertAsync(row, roster, alerts, ct).ConfigureAwait(false))
            {
                case SendOutcome.Sent: Interlocked.Increment(ref sent); break;
                case SendOutcome.Retry: Interlocked.Increment(ref retried); break;
                case SendOutcome.NotDelivered: Interlocked.Increment(ref notDelivered); break;
            }
        }).ConfigureAwait(false);

        var trackersSent = 0;
        var trackerUpdates = 0;
        var reminders = 0;
        var escalations = 0;
        if (roster is not null && !Gate.IsPaused)
        {
            trackersSent = await SendTrackersAsync(roster, alerts, cancellationToken).ConfigureAwait(false);
            reminders = await SendRemindersAsync(roster, alerts, cancellationToken).ConfigureAwait(false);
            escalations = await EscalateAsync(roster, alerts, cancellationToken).ConfigureAwait(false);
            trackerUpdates = await UpdateTrackersAsync(roster, alerts, cancellationToken).ConfigureAwait(false);
        }

        return new AlertTickResult(claimed.Count, sent, retried, notDelivered, reconciled, trackersSent, trackerUpdates, reminders, escalations, Gate.IsPaused);
    }

    private enum SendOutcome { Sent, Retry, NotDelivered, Skipped }

    private ValueTask ReachedAsync(AlertSendPoint point, ClaimedDelivery? row, CancellationToken ct) =>
        _probe?.ReachedAsync(point, row, ct) ?? ValueTask.CompletedTask;

    private async Task<SendOutcome> SendAlertAsync(ClaimedDelivery row, Roster? roster, AlertCache alerts, CancellationToken ct)
    {
        await ReachedAsync(AlertSendPoint.Claimed, row, ct).ConfigureAwait(false);
        if (Gate.IsPaused)
        {
            await _store.ReleaseAsync(row.Id, InstanceId, Gate.PausedUntil, _time.GetUtcNow(), ct).ConfigureAwait(false);
            return SendOutcome.Retry;
        }

        var alert = await alerts.GetAsync(row.AlertId, ct).ConfigureAwait(false);
        ConversationReference reference;
        try
        {
            // A rate-limit token only when a conversation must be created (a request to Teams).
            reference = await _messenger.GetOrCreatePersonalConversationAsync(row.MemberAad, c => _throttle.AcquireAsync(null, c), ct).ConfigureAwait(false);
        }
        catch (ProactiveUnreachableException)
        {
            return await RecordAsync(row, DeliveryStates.Failed, null, "Unreachable", null, 1, ct).ConfigureAwait(false);
        }
        catch (ConnectorTokenException ex) when (!ct.IsCancellationRequested)
        {
            return await TokenUnavailableAsync(row, ex, 0, ct).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (!ct.IsCancellationRequested)
        {
            // Creating a conversation is idempotent for a 1:1 chat: retry or record, nothing was sent yet.
            return await OnConnectorErrorAsync(row, ex, countsAsAttempt: true, ct).ConfigureAwait(false);
        }

        // Worded now, in this recipient's language (their choice, else the roster's preference): the stored alert holds codes.
        var language = await _cards.LanguageOfAsync(roster?.FindMemberById(row.MemberId), ct).ConfigureAwait(false);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Summary = _cards.Title(alert, language),
            Attachments = [Attachment.AdaptiveCard(_cards.Alert(alert, reference.UserId, _options.ReminderInterval, language))],
        };

        await _throttle.AcquireAsync(reference.ConversationId, ct).ConfigureAwait(false);
        if (Gate.IsPaused)
        {
            await _store.ReleaseAsync(row.Id, InstanceId, Gate.PausedUntil, _time.GetUtcNow(), ct).ConfigureAwait(false);
            return SendOutcome.Retry;
        }

        if (!await _store.MarkSendingAsync(row.Id, InstanceId, _time.GetUtcNow(), _options.ClaimLease, ct).ConfigureAwait(false))
        {
            return SendOutcome.Skipped;
        }

        await ReachedAsync(AlertSendPoint.Sending, row, ct).ConfigureAwait(false);
        ProactiveDelivery delivery;
        try
        {
            delivery = await _messenger.SendAsync(row.MemberAad, reference, activity, ct).ConfigureAwait(false);
        }
        catch (ConversationBlockedException)
        {
            return await RecordAsync(row, DeliveryStates.Blocked, 403, ConversationBlockedException.MessageWritesBlocked, null, 0, ct).ConfigureAwait(false);
        }
        catch (ConnectorDeliveryUncertainException ex)
        {
            return await RecordAsync(row, DeliveryStates.Uncertain, (int?)ex.StatusCode, ex.ErrorCode, null, 0, ct).ConfigureAwait(false);
        }
        catch (ConnectorTokenException ex) when (!ct.IsCancellationRequested)
        {
            // No request was made (MarkSending counted an attempt that did not happen).
            return await TokenUnavailableAsync(row, ex, -1, ct).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (!ct.IsCancellationRequested)
        {
            return await OnConnectorErrorAsync(row, ex, countsAsAttempt: false, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A timeout: the POST may have been delivered.
            return await RecordAsync(row, DeliveryStates.Uncertain, null, "Timeout", null, 0, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertLog.SendError(_logger, ex, row.AlertId, row.MemberId);
            return await RecordAsync(row, DeliveryStates.Uncertain, null, "Unexpected", null, 0, CancellationToken.None).ConfigureAwait(false);
        }

        await ReachedAsync(AlertSendPoint.Posted, row, ct).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        await _store.MarkSentAsync(row.Id, row.AlertId, delivery.ActivityId, delivery.ConversationId, delivery.ServiceUrl, 201, now, now + _options.ReminderInterval, CancellationToken.None).ConfigureAwait(false);
        AlertLog.Delivered(_logger, row.AlertId, row.MemberId);
        BotTelemetry.AlertSend(DeliveryStates.Sent);
        return SendOutcome.Sent;
    }

    /// <summary>429 → back to the queue until the gate reopens (not an attempt); 5xx / no answer → bounded retries; other → could not be delivered.</summary>
    private async Task<SendOutcome> OnConnectorErrorAsync(ClaimedDelivery row, ConnectorException ex, bool countsAsAttempt, CancellationToken ct)
    {
        var status = (int?)ex.StatusCode;
        // Attempts in the row were counted by MarkSending (when reached); countsAsAttempt covers failures before it.
        var attempts = row.Attempts + 1;
        var adjust = countsAsAttempt ? 1 : 0;
        if (ex.StatusCode is HttpStatusCode.TooManyRequests || (ex.StatusCode is HttpStatusCode.ServiceUnavailable && Gate.IsPaused))
        {
            AlertLog.Throttled(_logger, Gate.PausedUntil);
            return await RecordAsync(row, DeliveryStates.Queued, status, ex.ErrorCode, Gate.PausedUntil, adjust - 1, ct).ConfigureAwait(false);
        }

        var retryable = status is null or >= 500 or 412;
        if (retryable && attempts < _options.MaxSendAttempts)
        {
            var backOff = _options.RetryBaseDelay * Math.Pow(2, attempts - 1);
            return await RecordAsync(row, DeliveryStates.Queued, status, ex.ErrorCode, _time.GetUtcNow() + backOff, adjust, ct).ConfigureAwait(false);
        }

        return await RecordAsync(row, DeliveryStates.Failed, status, ex.ErrorCode, null, adjust, ct).ConfigureAwait(false);
    }

    /// <summary>How long a delivery waits after the outbound token could not be obtained (no attempt is counted: an Entra outage may last).</summary>
    public static readonly TimeSpan TokenRetryDelay = TimeSpan.FromSeconds(15);

    /// <summary>No token, so nothing was sent: back to the queue, retried later, never "delivery not confirmed".</summary>
    private async Task<SendOutcome> TokenUnavailableAsync(ClaimedDelivery row, ConnectorTokenException ex, int adjust, CancellationToken ct)
    {
        AlertLog.TokenUnavailable(_logger, ex.InnerException ?? ex, row.AlertId);
        return await RecordAsync(row, DeliveryStates.Queued, null, ex.ErrorCode, _time.GetUtcNow() + TokenRetryDelay, adjust, ct).ConfigureAwait(false);
    }

    /// <summary>True when the failure proves nothing was sent (no token, not reachable, throttled before the send).</summary>
    private static bool NothingSent(Exception ex) =>
        ex is ConnectorTokenException or ProactiveUnreachableException or UntrustedServiceUrlException
        || (ex is ConnectorException { StatusCode: HttpStatusCode.TooManyRequests } and not ConnectorDeliveryUncertainException);

    private async Task<SendOutcome> RecordAsync(ClaimedDelivery row, string state, int? status, string? errorCode, DateTimeOffset? next, int adjust, CancellationToken ct)
    {
        await _store.MarkOutcomeAsync(row.Id, row.AlertId, state, status, errorCode, next, adjust, _time.GetUtcNow(), ct).ConfigureAwait(false);
        BotTelemetry.AlertSend(state);
        if (state == DeliveryStates.Queued)
        {
            return SendOutcome.Retry;
        }

        AlertLog.NotDelivered(_logger, row.AlertId, row.MemberId, state, status, row.Attempts + 1);
        return SendOutcome.NotDelivered;
    }

    private async Task<int> SendTrackersAsync(Roster roster, AlertCache alerts, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var trackers = await _store.ClaimTrackersAsync(InstanceId, now, _options.ClaimLease, _options.BatchSize, ct).ConfigureAwait(false);
        var sent = 0;
        foreach (var tracker in trackers)
        {
            var alert = await alerts.GetAsync(tracker.AlertId, ct).ConfigureAwait(false);
            var deliveries = await _store.GetDeliveriesAsync(tracker.AlertId, ct).ConfigureAwait(false);
            var language = await _cards.LanguageOfAsync(roster.FindMemberById(tracker.MemberId), ct).ConfigureAwait(false);
            var activity = CardActivity(_cards.Tracker(alert, deliveries, roster, now, language), _cards.Text(language, "alerts.summary.tracker"));
            try
            {
                var reference = await _messenger.GetOrCreatePersonalConversationAsync(tracker.MemberAad, ct).ConfigureAwait(false);
                await _throttle.AcquireAsync(reference.ConversationId, ct).ConfigureAwait(false);
                var delivery = await _messenger.SendAsync(tracker.MemberAad, reference, activity, ct).ConfigureAwait(false);
                await _store.MarkTrackerAsync(tracker.AlertId, tracker.MemberAad, DeliveryStates.Sent, delivery.ActivityId, delivery.ConversationId, delivery.ServiceUrl, null, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (ex is ConnectorException or ProactiveUnreachableException && !ct.IsCancellationRequested)
            {
                var status = (ex as ConnectorException)?.StatusCode;
                var again = status is HttpStatusCode.TooManyRequests
                    || (ex is not ConversationBlockedException and not ConnectorDeliveryUncertainException and not ProactiveUnreachableException && tracker.Attempts < _options.MaxSendAttempts && (status is null || (int)status >= 500));
                var next = status is HttpStatusCode.TooManyRequests ? Gate.PausedUntil : _time.GetUtcNow() + (_options.RetryBaseDelay * tracker.Attempts);
                await _store.MarkTrackerAsync(tracker.AlertId, tracker.MemberAad, again ? DeliveryStates.Queued : DeliveryStates.Failed, null, null, null, next, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                AlertLog.TrackerNotUpdated(_logger, tracker.AlertId, tracker.MemberId, (int?)status);
            }
        }

        return sent;
    }

    private async Task<int> UpdateTrackersAsync(Roster roster, AlertCache alerts, CancellationToken ct)
    {
        var dirty = await _store.ClaimDirtyTrackersAsync(_options.BatchSize, ct).ConfigureAwait(false);
        var updated = 0;
        foreach (var tracker in dirty)
        {
            if (tracker.ActivityId is null || tracker.ConversationId is null || tracker.ServiceUrl is null)
            {
                continue;
            }

            var alert = await alerts.GetAsync(tracker.AlertId, ct, refresh: true).ConfigureAwait(false);
            var deliveries = await _store.GetDeliveriesAsync(tracker.AlertId, ct).ConfigureAwait(false);
            var language = await _cards.LanguageOfAsync(roster.FindMemberById(tracker.MemberId), ct).ConfigureAwait(false);
            var activity = CardActivity(_cards.Tracker(alert, deliveries, roster, _time.GetUtcNow(), language), _cards.Text(language, "alerts.summary.tracker"));
            try
            {
                await _throttle.AcquireAsync(tracker.ConversationId, ct).ConfigureAwait(false);
                await _messenger.UpdateAsync(tracker.ServiceUrl, tracker.ConversationId, tracker.ActivityId, activity, ct).ConfigureAwait(false);
                updated++;
            }
            catch (ConnectorException ex) when (!ct.IsCancellationRequested)
            {
                if (ex is not ConversationBlockedException)
                {
                    await _store.RedirtyTrackerAsync(tracker.AlertId, tracker.MemberAad, CancellationToken.None).ConfigureAwait(false);
                }

                AlertLog.TrackerNotUpdated(_logger, tracker.AlertId, tracker.MemberId, (int?)ex.StatusCode);
            }
        }

        return updated;
    }

    private async Task<int> SendRemindersAsync(Roster roster, AlertCache alerts, CancellationToken ct)
    {
        if (_options.ReminderCount == 0)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var due = await _store.ClaimRemindersAsync(now, now + _options.ReminderInterval, _options.ReminderCount, _options.BatchSize, ct).ConfigureAwait(false);
        var sent = 0;
        foreach (var reminder in due)
        {
            try
            {
                var alert = await alerts.GetAsync(reminder.AlertId, ct).ConfigureAwait(false);
                var language = await _cards.LanguageOfAsync(roster.FindMemberByAadObjectId(reminder.MemberAad), ct).ConfigureAwait(false);
                var activity = CardActivity(_cards.Reminder(alert, _options.ReminderInterval, language), _cards.Text(language, "alerts.summary.reminder"));
                var reference = await _messenger.GetOrCreatePersonalConversationAsync(reminder.MemberAad, ct).ConfigureAwait(false);
                await _throttle.AcquireAsync(reference.ConversationId, ct).ConfigureAwait(false);
                await _messenger.SendAsync(reminder.MemberAad, reference, activity, ct).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One failure (a timeout, no token) never loses the rest of the batch; a reminder that was
                // certainly not sent is given back, to go out on a later tick.
                AlertLog.ReminderNotDelivered(_logger, reminder.AlertId, reminder.RemindersSent, (int?)(ex as ConnectorException)?.StatusCode);
                if (NothingSent(ex))
                {
                    await _store.UnclaimReminderAsync(reminder.Id, _time.GetUtcNow() + TokenRetryDelay, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        return sent;
    }

    private async Task<int> EscalateAsync(Roster roster, AlertCache alerts, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var due = await _store.FindEscalationsDueAsync(now, _options.ReminderCount, ct).ConfigureAwait(false);
        var escalated = 0;
        foreach (var alertId in due)
        {
            if (!await _store.ClaimEscalationAsync(alertId, now, ct).ConfigureAwait(false))
            {
                continue;
            }

            var alert = await alerts.GetAsync(alertId, ct).ConfigureAwait(false);
            var silent = (await _store.GetDeliveriesAsync(alertId, ct).ConfigureAwait(false))
                .Where(d => d.AcknowledgedAt is null)
                .Select(d => roster.FindMemberById(d.MemberId)?.DisplayName ?? d.MemberId)
                .ToList();
            if (silent.Count == 0)
            {
                continue;
            }

            var maybeTold = 0;
            foreach (var lead in AlertOutboxWriter.Trackers(roster))
            {
                try
                {
                    var reference = await _messenger.GetOrCreatePersonalConversationAsync(AlertOutboxWriter.Normalize(lead.AadObjectId), ct).ConfigureAwait(false);
                    await _throttle.AcquireAsync(reference.ConversationId, ct).ConfigureAwait(false);
                    var text = _cards.SilentText(alert, silent, await _cards.LanguageOfAsync(lead, ct).ConfigureAwait(false));
                    await _messenger.SendAsync(AlertOutboxWriter.Normalize(lead.AadObjectId), reference, new Activity { Type = ActivityTypes.Message, Text = text }, ct).ConfigureAwait(false);
                    maybeTold++;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    maybeTold += NothingSent(ex) ? 0 : 1;
                    AlertLog.TrackerNotUpdated(_logger, alertId, lead.Id, (int?)(ex as ConnectorException)?.StatusCode);
                }
            }

            if (maybeTold == 0)
            {
                // Nobody was told (no token, nobody reachable): give the claimed escalation back for a later tick.
                await _store.UnclaimEscalationAsync(alertId, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            AlertLog.Escalated(_logger, alertId, silent.Count);
            escalated++;
        }

        return escalated;
    }

    private static Activity CardActivity(System.Text.Json.Nodes.JsonObject card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    /// <summary>Alerts read once per tick.</summary>
    private sealed class AlertCache(IAlertStore store)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AlertRecord> _alerts = new(StringComparer.Ordinal);

        public async Task<AlertRecord> GetAsync(string id, CancellationToken ct, bool refresh = false)
        {
            if (!refresh && _alerts.TryGetValue(id, out var cached))
            {
                return cached;
            }

            var alert = await store.GetAlertAsync(id, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("An alert delivery refers to an unknown alert.");
            _alerts[id] = alert;
            return alert;
        }
    }
}
