using System.Text.Json.Serialization;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// One entry of a matter's timeline. <see cref="At"/> is when it was recorded (UTC, from the
/// <see cref="TimeProvider"/>); entries that describe an interaction carry its own time too.
/// The <c>kind</c> discriminator makes the timeline storable as JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MatterOpened), "matterOpened")]
[JsonDerivedType(typeof(GoodOfficesTriggered), "goodOfficesTriggered")]
[JsonDerivedType(typeof(OralReportRecorded), "oralReportRecorded")]
[JsonDerivedType(typeof(ReferralRecorded), "referralRecorded")]
[JsonDerivedType(typeof(FocalPointAssistanceRequested), "focalPointAssistanceRequested")]
[JsonDerivedType(typeof(ContactLogged), "contactLogged")]
[JsonDerivedType(typeof(EmergencyMeetingConvened), "emergencyMeetingConvened")]
[JsonDerivedType(typeof(OpenLetterSent), "openLetterSent")]
[JsonDerivedType(typeof(InformationUpdated), "informationUpdated")]
[JsonDerivedType(typeof(MatterClosed), "closed")]
[JsonDerivedType(typeof(AssistanceAnswered), "assistanceAnswered")]
[JsonDerivedType(typeof(ContactRecorded), "contactRecorded")]
public abstract record MatterEvent(int Sequence, DateTimeOffset At, Actor Actor)
{
    /// <summary>True if only Bureau members may read this entry (good offices are confidential, para 11, 17-20).</summary>
    [JsonIgnore]
    public abstract bool IsBureauOnly { get; }
}

/// <summary>The matter was opened.</summary>
public sealed record MatterOpened(
    int Sequence, DateTimeOffset At, Actor Actor, Scenario Scenario, CourtRequest Request, string CourtReference, string? PersonSought)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => Scenario == Scenario.Urgent7B;
}

/// <summary>The President's good offices were triggered (paras 17-18); Bureau members are notified immediately.</summary>
public sealed record GoodOfficesTriggered(int Sequence, DateTimeOffset At, Actor Actor, GoodOfficesBasis Basis, string? Note)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}

/// <summary>The President's oral report to the Bureau after an interaction (para 20).</summary>
/// <param name="InteractionAt">When the interaction took place.</param>
/// <param name="WithWhom">Officials of the requested State or other stakeholders.</param>
/// <param name="InformationVerified">7(b) only (para 19): whether the information that triggered the action was verified.</param>
public sealed record OralReportRecorded(
    int Sequence,
    DateTimeOffset At,
    Actor Actor,
    DateTimeOffset InteractionAt,
    string WithWhom,
    string Summary,
    string? Outcome,
    string? NextSteps,
    bool? InformationVerified)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;

    /// <summary>7(b): what was known when the report was recorded (the basis on which the President acted).</summary>
    public string? BasisKnown { get; init; }

    /// <summary>7(b): what was still to verify when the report was recorded; kept even when the answer is "verified".</summary>
    public string? BasisStillToVerify { get; init; }
}

/// <summary>A Court decision referring the matter to the Assembly (para 7(a), 13).</summary>
public sealed record ReferralRecorded(int Sequence, DateTimeOffset At, Actor Actor, string DecisionReference, DateOnly DecisionDate, string? Note)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => false;
}

/// <summary>The President asked a focal point or another Bureau member to assist (para 19).</summary>
public sealed record FocalPointAssistanceRequested(
    int Sequence, DateTimeOffset At, Actor Actor, string MemberId, string MemberName, bool IsFocalPoint, string Request)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}

/// <summary>An entry of the contact log: a contact with officials of the requested State or other stakeholders.</summary>
public sealed record ContactLogged(int Sequence, DateTimeOffset At, Actor Actor, DateTimeOffset ContactAt, string WithWhom, string Summary)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}

/// <summary>
/// An emergency Bureau meeting convened at short notice (paras 14(a), 20). <see cref="Purpose"/> is <see cref="Step14A"/> (step (a) of
/// the formal procedure of a 7(a) matter) or <see cref="Para20"/> (a meeting on the President's good offices), which the record words.
/// </summary>
public sealed record EmergencyMeetingConvened(int Sequence, DateTimeOffset At, Actor Actor, DateTimeOffset MeetingAt, string? Purpose)
    : MatterEvent(Sequence, At, Actor)
{
    public const string Step14A = "para-14a";

    public const string Para20 = "para-20";

    public override bool IsBureauOnly => true;
}

/// <summary>The President's open letter on behalf of the Bureau (para 14(b)); views requested by <see cref="RespondBy"/>.</summary>
public sealed record OpenLetterSent(int Sequence, DateTimeOffset At, Actor Actor, DateOnly SentOn, DateOnly RespondBy)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => false;
}

/// <summary>What is known, and what must still be verified (para 19, 7(b)), was updated.</summary>
public sealed record InformationUpdated(int Sequence, DateTimeOffset At, Actor Actor, string? WhatIsKnown, string? StillToVerify)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}

/// <summary>The matter was closed.</summary>
public sealed record MatterClosed(int Sequence, DateTimeOffset At, Actor Actor, string Reason)
    : MatterEvent(Sequence, At, Actor)
{
    public override bool IsBureauOnly => true;
}
