namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// Everything needed to store and restore a <see cref="Matter"/> (see <see cref="Matter.ToSnapshot"/>,
/// <see cref="Matter.Rehydrate"/>). Pending domain events are not part of it: dequeue them after saving.
/// </summary>
public sealed record MatterSnapshot(
    string Id,
    long Version,
    RequestedState RequestedState,
    Scenario Scenario,
    CourtRequest Request,
    string CourtReference,
    string? PersonSought,
    MatterStatus Status,
    string? WhatIsKnown,
    string? StillToVerify,
    IReadOnlyList<AssistingMember> AssistingMembers,
    IReadOnlyList<MatterEvent> Timeline);
