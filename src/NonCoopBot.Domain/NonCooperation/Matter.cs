using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// One instance of (possible) non-cooperation by one requested State with one specific Court request.
/// Every change appends a typed entry to <see cref="Timeline"/>; changes that the Bureau must hear about
/// at once also queue a domain event (<see cref="DequeueEvents"/>). Who may do what is checked by
/// <see cref="Authorization"/> before calling these methods; the matter checks the procedure's rules.
/// </summary>
public sealed partial class Matter
{
    /// <summary>Para 8: refused for a State that is not a State Party and has no arrangement or agreement (argument <c>state</c>).</summary>
    public const string NotARequestedStateCode = "matter.notRequestedState";

    /// <summary>Para 8, as <see cref="NotARequestedStateCode"/>, for a State whose withdrawal took effect (<c>state</c>, <c>date</c>).</summary>
    public const string WithdrawnCode = "matter.withdrawn";

    /// <summary>Para 7(b): a 7(b) matter concerns only a request for arrest and surrender (art. 89).</summary>
    public const string Scenario7BArrestOnlyCode = "matter.scenario7BArrestOnly";

    /// <summary>No Court reference was given.</summary>
    public const string NoReferenceCode = "matter.noReference";

    private readonly List<MatterEvent> _timeline;
    private readonly List<AssistingMember> _assistingMembers;
    private readonly List<IDomainEvent> _pendingEvents = [];

    private Matter(MatterSnapshot snapshot)
    {
        Id = MatterId.Parse(snapshot.Id);
        Version = snapshot.Version;
        RequestedState = snapshot.RequestedState;
        Scenario = snapshot.Scenario;
        Request = snapshot.Request;
        CourtReference = CourtReference.FromStored(snapshot.CourtReference);
        PersonSought = snapshot.PersonSought;
        Status = snapshot.Status;
        WhatIsKnown = snapshot.WhatIsKnown;
        StillToVerify = snapshot.StillToVerify;
        _assistingMembers = [.. snapshot.AssistingMembers];
        _timeline = [.. snapshot.Timeline.OrderBy(e => e.Sequence)];
    }

    public MatterId Id { get; }

    /// <summary>The stored version this object was loaded at (0 for a new matter); used for optimistic concurrency.</summary>
    public long Version { get; }

    public RequestedState RequestedState { get; }

    public Scenario Scenario { get; private set; }

    public CourtRequest Request { get; }

    public CourtReference CourtReference { get; }

    public string? PersonSought { get; }

    public MatterStatus Status { get; private set; }

    /// <summary>7(b) ⇒ <see cref="Confidentiality.BureauOnly"/>; 7(a) ⇒ <see cref="Confidentiality.HasPublicElements"/>.</summary>
    public Confidentiality Confidentiality => Scenario == Scenario.Urgent7B ? Confidentiality.BureauOnly : Confidentiality.HasPublicElements;

    /// <summary>What is known so far (7(b)).</summary>
    public string? WhatIsKnown { get; private set; }

    /// <summary>What must still be verified with the requested State (7(b), para 19).</summary>
    public string? StillToVerify { get; private set; }

    /// <summary>Bureau members asked to assist (para 19).</summary>
    public IReadOnlyList<AssistingMember> AssistingMembers => _assistingMembers;

    /// <summary>Ids of the focal points involved.</summary>
    public IReadOnlyList<string> FocalPointsInvolved => _assistingMembers.Where(m => m.IsFocalPoint).Select(m => m.MemberId).ToList();

    /// <summary>The timeline, oldest first.</summary>
    public IReadOnlyList<MatterEvent> Timeline => _timeline;

    /// <summary>Timeline entries that are not Bureau-only (the public elements of a 7(a) matter); none for 7(b).</summary>
    public IReadOnlyList<MatterEvent> PublicElements =>
        Confidentiality == Confidentiality.BureauOnly ? [] : _timeline.Where(e => !e.IsBureauOnly).ToList();

    /// <summary>When the matter was opened.</summary>
    public DateTimeOffset OpenedAt => _timeline[0].At;

    public bool IsClosed => Status == MatterStatus.Closed;

    /// <summary>
    /// Opens a matter. Refused (not thrown) when the State is not a requested State on the opening date
    /// (para 8), or when a 7(b) matter concerns an art. 93 request (para 7(b)).
    /// </summary>
    /// <param name="opening">State, scenario, request, Court reference and what is known.</param>
    /// <param name="sequence">The next number from <c>IMatterRepository.NextSequenceAsync</c>.</param>
    /// <param name="openedBy">Who opens it.</param>
    /// <param name="time">Source of the current time.</param>
    public static MatterOpeningResult Open(MatterOpening opening, long sequence, Actor openedBy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(opening.State);
        ArgumentNullException.ThrowIfNull(openedBy);
        ArgumentNullException.ThrowIfNull(time);

        var now = time.GetUtcNow().ToUniversalTime();
        var today = opening.RequestDate ?? DateOnly.FromDateTime(now.UtcDateTime);
        var state = opening.State;
        if (RequestedStateRefusal(state, today) is { } refusal)
        {
            return MatterOpeningResult.Refused(refusal);
        }

        if (opening.Scenario == Scenario.Urgent7B && opening.Request != CourtRequest.Art89ArrestAndSurrender)
        {
            return MatterOpeningResult.Refused(DomainText.Of(Scenario7BArrestOnlyCode));
        }

        if (string.IsNullOrWhiteSpace(opening.CourtReference))
        {
            return MatterOpeningResult.Refused(DomainText.Of(NoReferenceCode));
        }

        var reference = CourtReference.Parse(opening.CourtReference);
        var id = MatterId.Create(now.Year, sequence);
        var personSought = Clean(opening.PersonSought);
        var opened = new MatterOpened(1, now, openedBy, opening.Scenario, opening.Request, reference.Value, personSought);
        var matter = new Matter(new MatterSnapshot(
            id.Value,
            Version: 0,
            new RequestedState(state.Code, state.Name, state.IsStatePartyOn(today), state.HasArrangementOn(today)),
            opening.Scenario,
            opening.Request,
            reference.Value,
            personSought,
            MatterStatus.Open,
            Clean(opening.WhatIsKnown),
            Clean(opening.StillToVerify),
            [],
            [opened]));
        var warnings = reference.FormatWarning is { } warning ? new[] { warning } : [];
        return MatterOpeningResult.Opened(matter, warnings);
    }

    /// <summary>Para 8: why a matter cannot be opened for <paramref name="state"/> on <paramref name="on"/>, or null when it can.</summary>
    public static DomainText? RequestedStateRefusal(State state, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsRequestedStateOn(on))
        {
            return null;
        }

        return state.WithdrawalEffective is { } date && date <= on
            ? DomainText.Of(WithdrawnCode, ("state", state), ("date", date))
            : DomainText.Of(NotARequestedStateCode, ("state", state));
    }

    /// <summary>Restores a stored matter.</summary>
    public static Matter Rehydrate(MatterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Timeline.Count == 0 || snapshot.Timeline.OrderBy(e => e.Sequence).First() is not MatterOpened)
        {
            throw new ArgumentException($"The stored matter {snapshot.Id} has no opening entry in its timeline.", nameof(snapshot));
        }

        return new Matter(snapshot);
    }

    /// <summary>Everything needed to store this matter.</summary>
    public MatterSnapshot ToSnapshot() => new(
        Id.Value, Version, RequestedState, Scenario, Request, CourtReference.Value, PersonSought, Status,
        WhatIsKnown, StillToVerify, _assistingMembers.ToList(), _timeline.ToList());

    /// <summary>
    /// Triggers the President's good offices (paras 17-18) and queues <see cref="GoodOfficesInitiated"/>
    /// so that every Bureau member and focal point is alerted at once.
    /// </summary>
    /// <exception cref="MatterRuleException">Closed, already underway, or the basis does not fit the scenario.</exception>
    public GoodOfficesTriggered TriggerGoodOffices(Actor actor, GoodOfficesBasis basis, string? note, TimeProvider time)
    {
        EnsureOpen();
        if (Status == MatterStatus.GoodOfficesUnderway)
        {
            throw Rule("rule.alreadyUnderway");
        }

        switch (basis)
        {
            case GoodOfficesBasis.OwnInitiativeScenario7B when Scenario != Scenario.Urgent7B:
                throw Rule("rule.7aNeedsUrgency");
            case GoodOfficesBasis.OwnInitiativeUrgent7A when Scenario != Scenario.CourtReferral7A:
                throw Rule("rule.7bBasis");
            case GoodOfficesBasis.OwnInitiativeUrgent7A when Request != CourtRequest.Art89ArrestAndSurrender:
                throw Rule("rule.urgencyIsArt89");
        }

        var entry = Append(seq => new GoodOfficesTriggered(seq, Now(time), actor, basis, Clean(note)));
        Status = MatterStatus.GoodOfficesUnderway;
        _pendingEvents.Add(new GoodOfficesInitiated(Id, RequestedState, Scenario, Request, CourtReference.Value, basis, actor, entry.At));
        return entry;
    }

    /// <summary>
    /// Records that the President acts, or continues to act, as decided by the Bureau (paras 18, 20), for a
    /// 7(a) or a 7(b) matter alike. If good offices are not under way they are triggered on that basis (and the
    /// Bureau is alerted); if they are, the Bureau's decision is added to the timeline (Bureau-only).
    /// </summary>
    public GoodOfficesTriggered RecordBureauDecisionOnGoodOffices(Actor actor, string? note, TimeProvider time)
    {
        EnsureOpen();
        return Status == MatterStatus.GoodOfficesUnderway
            ? Append(seq => new GoodOfficesTriggered(seq, Now(time), actor, GoodOfficesBasis.BureauDecision, Clean(note)))
            : TriggerGoodOffices(actor, GoodOfficesBasis.BureauDecision, note, time);
    }

    /// <summary>
    /// Records the President's oral report after an interaction (para 20) and queues <see cref="OralReportFiled"/>.
    /// In a 7(b) matter, whether the triggering information was verified (para 19) must be stated.
    /// </summary>
    /// <exception cref="MatterRuleException">Closed, or 7(b) without the verification answer.</exception>
    public OralReportRecorded RecordOralReport(
        Actor actor,
        DateTimeOffset interactionAt,
        string withWhom,
        string summary,
        string? outcome,
        string? nextSteps,
        bool? informationVerified,
        TimeProvider time)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(withWhom);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        if (Scenario == Scenario.Urgent7B && informationVerified is null)
        {
            throw Rule("rule.7bVerified");
        }

        var entry = Append(seq => new OralReportRecorded(
            seq, Now(time), actor, interactionAt.ToUniversalTime(), withWhom.Trim(), summary.Trim(), Clean(outcome), Clean(nextSteps),
            Scenario == Scenario.Urgent7B ? informationVerified : null)
        {
            // The basis on which the President acted stays on the record (para 19): "verified" adds to it.
            BasisKnown = Scenario == Scenario.Urgent7B ? WhatIsKnown : null,
            BasisStillToVerify = Scenario == Scenario.Urgent7B ? StillToVerify : null,
        });
        _pendingEvents.Add(new OralReportFiled(Id, RequestedState, entry.Sequence, actor, entry.At));
        return entry;
    }

    /// <summary>
    /// Records a Court decision referring the matter to the Assembly (para 7(a), 13). A 7(b) matter becomes
    /// a 7(a) matter, with public elements; its earlier good-offices entries stay Bureau-only.
    /// </summary>
    public ReferralRecorded RecordReferral(Actor actor, string decisionReference, DateOnly decisionDate, string? note, TimeProvider time)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(decisionReference);
        var entry = Append(seq => new ReferralRecorded(seq, Now(time), actor, CourtReference.Parse(decisionReference).Value, decisionDate, Clean(note)));
        Scenario = Scenario.CourtReferral7A;
        return entry;
    }

    /// <summary>The President asks a focal point or another Bureau member to assist (para 19).</summary>
    public FocalPointAssistanceRequested RequestAssistance(Actor actor, BureauMember member, string request, TimeProvider time)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(member);
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        var entry = Append(seq => new FocalPointAssistanceRequested(seq, Now(time), actor, member.Id, member.DisplayName, member.IsFocalPoint, request.Trim()));
        if (!_assistingMembers.Any(m => m.MemberId == member.Id))
        {
            _assistingMembers.Add(new AssistingMember(member.Id, member.DisplayName, member.IsFocalPoint));
        }

        return entry;
    }

    /// <summary>Adds an entry to the contact log.</summary>
    public ContactLogged LogContact(Actor actor, DateTimeOffset contactAt, string withWhom, string summary, TimeProvider time)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(withWhom);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        return Append(seq => new ContactLogged(seq, Now(time), actor, contactAt.ToUniversalTime(), withWhom.Trim(), summary.Trim()));
    }

    /// <summary>Records that an emergency Bureau meeting was convened at short notice (paras 14(a), 20).</summary>
    public EmergencyMeetingConvened RecordEmergencyMeeting(Actor actor, DateTimeOffset meetingAt, string? purpose, TimeProvider time)
    {
        EnsureOpen();
        return Append(seq => new EmergencyMeetingConvened(seq, Now(time), actor, meetingAt.ToUniversalTime(), Clean(purpose)));
    }

    /// <summary>Records the President's open letter (para 14(b)); the time limit may be no more than two weeks. 7(a) only.</summary>
    public OpenLetterSent RecordOpenLetter(Actor actor, DateOnly sentOn, DateOnly respondBy, TimeProvider time)
    {
        EnsureOpen();
        if (Scenario != Scenario.CourtReferral7A)
        {
            throw Rule("rule.openLetter7B");
        }

        if (!FormalProcedureRules.IsAllowedResponseTimeLimit(sentOn, respondBy))
        {
            throw Rule("rule.letterTimeLimit", ("sent", sentOn), ("latest", FormalProcedureRules.LatestResponseDate(sentOn)));
        }

        return Append(seq => new OpenLetterSent(seq, Now(time), actor, sentOn, respondBy));
    }

    /// <summary>Updates what is known and what must still be verified (para 19).</summary>
    public InformationUpdated UpdateInformation(Actor actor, string? whatIsKnown, string? stillToVerify, TimeProvider time)
    {
        EnsureOpen();
        WhatIsKnown = Clean(whatIsKnown);
        StillToVerify = Clean(stillToVerify);
        return Append(seq => new InformationUpdated(seq, Now(time), actor, WhatIsKnown, StillToVerify));
    }

    /// <summary>Closes the matter. Nothing can be added afterwards.</summary>
    public MatterClosed Close(Actor actor, string reason, TimeProvider time)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var entry = Append(seq => new MatterClosed(seq, Now(time), actor, reason.Trim()));
        Status = MatterStatus.Closed;
        return entry;
    }

    /// <summary>Returns the domain events raised since the last call, and forgets them (each is returned once).</summary>
    public IReadOnlyList<IDomainEvent> DequeueEvents()
    {
        var events = _pendingEvents.ToList();
        _pendingEvents.Clear();
        return events;
    }

    private T Append<T>(Func<int, T> create)
        where T : MatterEvent
    {
        var entry = create(_timeline.Count == 0 ? 1 : _timeline[^1].Sequence + 1);
        ArgumentNullException.ThrowIfNull(entry.Actor);
        _timeline.Add(entry);
        return entry;
    }

    private void EnsureOpen()
    {
        if (Status == MatterStatus.Closed)
        {
            throw Rule("rule.closed");
        }
    }

    private MatterRuleException Rule(string code, params (string Name, object? Value)[] arguments) => MatterRuleException.Of(Id, code, arguments);

    private static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().ToUniversalTime();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
