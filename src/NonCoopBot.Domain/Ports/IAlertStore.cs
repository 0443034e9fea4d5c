using NonCoopBot.Domain.Alerts;

namespace NonCoopBot.Domain.Ports;

/// <summary>
/// The alert ledger: alerts, one delivery row per recipient, tracker rows and the audit of refused
/// acknowledgements. Every state change is one committed transaction, so several instances can share it.
/// </summary>
public interface IAlertStore
{
    /// <summary>Queues a new alert with its deliveries and trackers inside the matter's transaction.</summary>
    Task EnqueueAsync(IMatterTransaction transaction, NewAlert alert, CancellationToken cancellationToken);

    Task<AlertRecord?> GetAlertAsync(string alertId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAlertIdsForMatterAsync(string matterId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryRow>> GetDeliveriesAsync(string alertId, CancellationToken cancellationToken);

    Task<DeliveryRow?> GetDeliveryAsync(string alertId, string memberAad, CancellationToken cancellationToken);

    Task<IReadOnlyList<TrackerRow>> GetTrackersAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Rows left <c>sending</c> past their lease (their instance died mid-send) become <c>uncertain</c>: never re-posted.</summary>
    Task<int> ReconcileStaleSendingAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims due queued deliveries for <paramref name="owner"/> until <c>now + lease</c>.</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Gives a claimed, not yet started row back, due again at <paramref name="nextAttemptAt"/>.</summary>
    Task ReleaseAsync(long id, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks the row <c>sending</c> (committed) just before the POST; false when this instance no longer holds it.</summary>
    Task<bool> MarkSendingAsync(long id, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records a delivered alert; the first reminder is due at <paramref name="nextReminderAt"/>.</summary>
    Task MarkSentAsync(long id, string alertId, string activityId, string conversationId, string serviceUrl, int statusCode, DateTimeOffset now, DateTimeOffset nextReminderAt, CancellationToken cancellationToken);

    /// <summary>Records any other outcome (<see cref="DeliveryStates"/>); <paramref name="attemptAdjustment"/> −1 un-counts a throttled attempt.</summary>
    Task MarkOutcomeAsync(long id, string alertId, string state, int? statusCode, string? errorCode, DateTimeOffset? nextAttemptAt, int attemptAdjustment, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims queued trackers and marks them sending in one committed transaction.</summary>
    Task<IReadOnlyList<TrackerRow>> ClaimTrackersAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Records the tracker's outcome: sent (with its ids), or queued again / failed.</summary>
    Task MarkTrackerAsync(string alertId, string memberAad, string state, string? activityId, string? conversationId, string? serviceUrl, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims sent trackers with pending changes (clearing the flag).</summary>
    Task<IReadOnlyList<TrackerRow>> ClaimDirtyTrackersAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Sets a tracker's pending-change flag again (its PUT did not go through).</summary>
    Task RedirtyTrackerAsync(string alertId, string memberAad, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="senderAad"/>'s acknowledgement of <paramref name="alertId"/> exactly once.</summary>
    Task<AckResult> AcknowledgeAsync(string alertId, string senderAad, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Audits a refused acknowledgement (no card inputs are stored).</summary>
    Task<bool> AuditRefusalAsync(string alertId, string senderAad, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deliveries still to go out (queued or being sent): the alert queue depth.</summary>
    Task<int> CountPendingDeliveriesAsync(CancellationToken cancellationToken);

    /// <summary>The number of audited refusals.</summary>
    Task<int> CountAuditAsync(CancellationToken cancellationToken);

    /// <summary>Claims due reminders (counted first: a crash loses one rather than doubling it); the next is due at <paramref name="next"/>.</summary>
    Task<IReadOnlyList<ClaimedReminder>> ClaimRemindersAsync(DateTimeOffset now, DateTimeOffset next, int maxReminders, int limit, CancellationToken cancellationToken);

    /// <summary>Alerts whose silent recipients have had every reminder and one more interval (escalation due).</summary>
    Task<IReadOnlyList<string>> FindEscalationsDueAsync(DateTimeOffset now, int maxReminders, CancellationToken cancellationToken);

    /// <summary>Takes the escalation of one alert (true for exactly one caller).</summary>
    Task<bool> ClaimEscalationAsync(string alertId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back a claimed reminder that was certainly not sent (un-counts it; due again at <paramref name="nextReminderAt"/>).</summary>
    Task UnclaimReminderAsync(long id, DateTimeOffset nextReminderAt, CancellationToken cancellationToken);

    /// <summary>Gives back a claimed escalation that reached nobody, so a later tick takes it again.</summary>
    Task UnclaimEscalationAsync(string alertId, CancellationToken cancellationToken);
}
