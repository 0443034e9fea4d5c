namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// Something that happened on a matter which other parts of the bot must act on (the outbox seam).
/// Take them with <see cref="Matter.DequeueEvents"/> after saving the matter.
/// </summary>
public interface IDomainEvent
{
    MatterId MatterId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// The President's good offices were triggered. The President immediately notifies the Bureau
/// (para 17): a later feature alerts all 21 Bureau members and the 4 focal points. Always Bureau-only.
/// </summary>
public sealed record GoodOfficesInitiated(
    MatterId MatterId,
    RequestedState RequestedState,
    Scenario Scenario,
    CourtRequest Request,
    string CourtReference,
    GoodOfficesBasis Basis,
    Actor InitiatedBy,
    DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>
/// The President's oral report after an interaction was recorded (para 20): Bureau members are told
/// a summary is ready to read. Always Bureau-only.
/// </summary>
public sealed record OralReportFiled(
    MatterId MatterId,
    RequestedState RequestedState,
    int TimelineSequence,
    Actor ReportedBy,
    DateTimeOffset OccurredAt) : IDomainEvent;
