using System.Text.Json.Nodes;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Alerts;

/// <summary>Delivery-ledger states (the <c>state</c> column).</summary>
public static class DeliveryStates
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Blocked = "blocked";
    public const string Uncertain = "uncertain";
}

/// <summary>One alert (the <c>alerts</c> row).</summary>
public sealed record AlertRecord(
    string Id, string MatterId, string Kind, string Scenario, JsonObject Payload, DateTimeOffset CreatedAt, int Recipients,
    DateTimeOffset? FirstAckAt, DateTimeOffset? AllAckedAt, DateTimeOffset? SilentNotifiedAt)
{
    /// <summary>True for a 7(b) matter (confidential to the Bureau).</summary>
    public bool IsScenario7B => Scenario == nameof(NonCooperation.Scenario.Urgent7B);
}

/// <summary>A claimed delivery row.</summary>
public sealed record ClaimedDelivery(long Id, string AlertId, string MemberId, string MemberAad, string IdempotencyKey, int Attempts);

/// <summary>One ledger row as the tracker shows it.</summary>
public sealed record DeliveryRow(
    long Id, string AlertId, string MemberId, string MemberAad, string State, int Attempts, int? StatusCode, string? ActivityId,
    string? ConversationId, string? ServiceUrl, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, int RemindersSent);

/// <summary>A tracker (President / acting VP) row.</summary>
public sealed record TrackerRow(string AlertId, string MemberAad, string MemberId, string State, int Attempts, string? ActivityId, string? ConversationId, string? ServiceUrl, int Updates);

/// <summary>A due reminder, already counted (at most once per reminder: a crash loses a reminder, never doubles it).</summary>
public sealed record ClaimedReminder(long Id, string AlertId, string MemberAad, int RemindersSent, string? ConversationId, string? ServiceUrl);

/// <summary>What happened to an acknowledgement.</summary>
public enum AckOutcome
{
    /// <summary>Recorded now.</summary>
    Recorded,

    /// <summary>Already recorded earlier (a second tap, a re-delivery); nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>No such alert, or the sender is not one of its recipients.</summary>
    NotRecipient,
}

/// <summary>The result of <see cref="Ports.IAlertStore.AcknowledgeAsync"/>.</summary>
public sealed record AckResult(AckOutcome Outcome, DateTimeOffset? AcknowledgedAt);

/// <summary>A new alert to queue with the matter change that raised it: one delivery per recipient, one tracker per President/acting VP.</summary>
public sealed record NewAlert(
    string Id, MatterId MatterId, string Kind, string Scenario, JsonObject Payload, DateTimeOffset CreatedAt,
    IReadOnlyList<NewDelivery> Deliveries, IReadOnlyList<NewTracker> Trackers);

/// <summary>One queued delivery of a <see cref="NewAlert"/>.</summary>
public sealed record NewDelivery(string MemberId, string MemberAad, string IdempotencyKey);

/// <summary>One queued tracker card of a <see cref="NewAlert"/>.</summary>
public sealed record NewTracker(string MemberId, string MemberAad);
