namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The person asked to assist (para 19) accepted or declined; a decline gives a reason.</summary>
/// <param name="RequestSequence">The timeline sequence of the <see cref="FocalPointAssistanceRequested"/> entry answered.</param>
public sealed record AssistanceAnswered(int Sequence, DateTimeOffset At, Actor Actor, int RequestSequence, bool Accepted, string? Reason)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}

/// <summary>How a contact with the requested State took place.</summary>
public enum ContactChannel
{
    Meeting,
    Call,
    Demarche,
    Letter,
    Other,
}

/// <summary>An official met: name and title.</summary>
public sealed record ContactOfficial(string Name, string Title);

/// <summary>What a focal point, an assisting member or the President records about one contact with the requested State.</summary>
/// <param name="ContactAt">When (UTC).</param>
/// <param name="TimeZone">The IANA zone the author gave the time in (shown back to them).</param>
public sealed record ContactDetails(
    DateTimeOffset ContactAt,
    string TimeZone,
    ContactChannel Channel,
    IReadOnlyList<ContactOfficial> Officials,
    string Summary,
    string? Outcome,
    string? FollowUp,
    DateOnly? NextContact);

/// <summary>
/// A contact-log entry. A correction is a new entry whose <see cref="CorrectsSequence"/> names the entry it
/// replaces; the earlier version stays on the timeline.
/// </summary>
public sealed record ContactRecorded(int Sequence, DateTimeOffset At, Actor Actor, ContactDetails Details, int? CorrectsSequence)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}
