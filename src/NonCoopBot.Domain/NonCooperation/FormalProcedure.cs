using System.Globalization;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The steps of the formal response procedure (para 14 (a)–(f)).</summary>
public enum ProcedureStep
{
    /// <summary>(a) Emergency Bureau meeting.</summary>
    EmergencyBureauMeeting,

    /// <summary>(b) Open letter from the President to the requested State.</summary>
    OpenLetter,

    /// <summary>(c) Bureau meeting with the requested State at ambassadorial level.</summary>
    AmbassadorialMeeting,

    /// <summary>(d) Public meeting of the New York Working Group.</summary>
    WorkingGroupPublicMeeting,

    /// <summary>(e) Bureau report to the Assembly with a recommendation.</summary>
    ReportToAssembly,

    /// <summary>(f) Plenary discussion; a facilitator for a draft resolution if appointed.</summary>
    PlenaryDiscussion,
}

/// <summary>Where a step stands, as the Bureau decides (para 14: "could").</summary>
public enum StepState
{
    NotStarted,
    Planned,
    Done,
    DecidedAgainst,
}

/// <summary>Items to tick, each with who and when.</summary>
public enum ChecklistItem
{
    /// <summary>Para 13: the Court's decision forwarded to all States Parties without delay (Secretariat).</summary>
    DecisionForwarded,

    /// <summary>Para 13: the public informed by a press release of the Secretariat.</summary>
    PressRelease,

    /// <summary>Para 14(b): a copy of the open letter sent to all States Parties.</summary>
    LetterCopyToStatesParties,

    /// <summary>Para 19: the President reminded the requested State of art. 97 (consultations with the Court). Bureau-only.</summary>
    Art97Reminder,
}

/// <summary>The Court's decision referring non-cooperation to the Assembly (para 13), with the request it concerns.</summary>
/// <param name="RequestDate">Date of the Court's request; party status is judged on it (art. 127(2)).</param>
public sealed record CourtDecision(
    string Chamber,
    DateOnly DecisionDate,
    string DecisionReference,
    string StateCode,
    string StateName,
    CourtRequest Request,
    string RequestReference,
    DateOnly RequestDate,
    string? PersonSought)
{
    /// <summary>
    /// The requested State's name in <paramref name="language"/>, from <see cref="StateCode"/>; <see cref="StateName"/> is the
    /// English name stored with the decision (records stored before names were translated hold only that), read when the
    /// code is unknown.
    /// </summary>
    public string StateNameIn(string? language) => StateDirectory.NameOf(StateCode, language, StateName);
}

/// <summary>One step's state and date, with who recorded it and when.</summary>
public sealed record StepRecord(ProcedureStep Step, StepState State, DateOnly? Date, Actor? By, DateTimeOffset? At);

/// <summary>One checklist item; <see cref="By"/> and <see cref="At"/> are set when ticked.</summary>
public sealed record ChecklistEntry(ChecklistItem Item, Actor? By, DateTimeOffset? At)
{
    public bool IsDone => At is not null;
}

/// <summary>Whether step (d) may be taken, and why (para 14(d)): <c>rule.wgMeetingFirst</c>, <c>rule.wgNoSession</c>, <c>rule.wgOffered</c> or <c>rule.wgNotOffered</c> with the dates.</summary>
public sealed record WorkingGroupCheck(bool IsOffered, DomainText Reason);

/// <summary>
/// A reminder the procedure needs: a unique key (the kind and the date are part of it, e.g. <c>letter-before:2026-12-10</c>;
/// the App words it from the key in each recipient's language), when, and whether Bureau-only.
/// </summary>
public sealed record ProcedureReminder(string Key, DateTimeOffset DueAt, bool IsBureauOnly);

/// <summary>What is due next on the procedure: the step and its date (none when every step is done or decided against).</summary>
public sealed record NextDue(ProcedureStep? Step, DateOnly? Date);

/// <summary>Everything needed to store and restore a <see cref="FormalProcedure"/>.</summary>
public sealed record FormalProcedureSnapshot(
    string MatterId,
    long Version,
    CourtDecision Decision,
    Actor RecordedBy,
    DateTimeOffset RecordedAt,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<ChecklistEntry> Checklist,
    DateOnly? LetterSentOn,
    DateOnly? RespondBy,
    DateOnly? WrittenResponseOn,
    string? Facilitator);

/// <summary>
/// The formal response procedure of a 7(a) matter (paras 13–14): the Court's decision, the para 13
/// checklist, steps (a)–(f) each with its state and date, the open letter's time limit, the written
/// response, and the facilitator. Pure: time comes from a <see cref="TimeProvider"/>; who may do what is
/// checked by <see cref="Members.ProcedureAuthorization"/> before calling these methods.
/// </summary>
public sealed class FormalProcedure
{
    private readonly Dictionary<ProcedureStep, StepRecord> _steps;
    private readonly List<ChecklistEntry> _checklist;

    private FormalProcedure(FormalProcedureSnapshot snapshot)
    {
        MatterId = NonCooperation.MatterId.Parse(snapshot.MatterId);
        Version = snapshot.Version;
        Decision = snapshot.Decision;
        RecordedBy = snapshot.RecordedBy;
        RecordedAt = snapshot.RecordedAt;
        _steps = Enum.GetValues<ProcedureStep>().ToDictionary(s => s, s => snapshot.Steps.FirstOrDefault(r => r.Step == s) ?? new StepRecord(s, StepState.NotStarted, null, null, null));
        _checklist = [.. snapshot.Checklist];
        LetterSentOn = snapshot.LetterSentOn;
        RespondBy = snapshot.RespondBy;
        WrittenResponseOn = snapshot.WrittenResponseOn;
        Facilitator = snapshot.Facilitator;
    }

    public MatterId MatterId { get; }

    /// <summary>The stored version (0 for a new procedure).</summary>
    public long Version { get; }

    public CourtDecision Decision { get; }

    public Actor RecordedBy { get; }

    public DateTimeOffset RecordedAt { get; }

    public IReadOnlyList<StepRecord> Steps => Enum.GetValues<ProcedureStep>().Select(s => _steps[s]).ToList();

    public IReadOnlyList<ChecklistEntry> Checklist => _checklist;

    public DateOnly? LetterSentOn { get; private set; }

    /// <summary>The time limit the open letter set for the State's views (para 14(b)).</summary>
    public DateOnly? RespondBy { get; private set; }

    public DateOnly? WrittenResponseOn { get; private set; }

    public string? Facilitator { get; private set; }

    /// <summary>Steps (a) and (c) are Bureau meetings; (b), (d), (e), (f) are the public steps.</summary>
    public static bool IsBureauOnly(ProcedureStep step) => step is ProcedureStep.EmergencyBureauMeeting or ProcedureStep.AmbassadorialMeeting;

    /// <summary>The art. 97 reminder belongs to the President's good offices (para 19): Bureau-only.</summary>
    public static bool IsBureauOnly(ChecklistItem item) => item == ChecklistItem.Art97Reminder;

    public StepRecord this[ProcedureStep step] => _steps[step];

    /// <summary>Starts the procedure on a Court referral, with the para 13 checklist and the art. 97 item.</summary>
    public static FormalProcedure Start(MatterId matterId, CourtDecision decision, Actor recordedBy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(matterId);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(recordedBy);
        return new FormalProcedure(new FormalProcedureSnapshot(
            matterId.Value, 0, decision, recordedBy, Now(time), [],
            [new(ChecklistItem.DecisionForwarded, null, null), new(ChecklistItem.PressRelease, null, null), new(ChecklistItem.Art97Reminder, null, null)],
            null, null, null, null));
    }

    public static FormalProcedure Rehydrate(FormalProcedureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new FormalProcedure(snapshot);
    }

    public FormalProcedureSnapshot ToSnapshot() => new(
        MatterId.Value, Version, Decision, RecordedBy, RecordedAt, Steps, _checklist.ToList(), LetterSentOn, RespondBy, WrittenResponseOn, Facilitator);

    /// <summary>Step (c) falls due when the letter's time limit expires or a written response is recorded, whichever comes first.</summary>
    public DateOnly? StepCDueOn => FormalProcedureRules.AmbassadorialMeetingDueOn(RespondBy, WrittenResponseOn);

    /// <summary>
    /// Records a step's state and date. Step (b) planned or done needs <see cref="RecordOpenLetter"/> (its time
    /// limit); step (d) planned or done needs the next session more than three months after meeting (c).
    /// </summary>
    /// <exception cref="MatterRuleException">The step's rule is not met; the message says why.</exception>
    public StepRecord RecordStep(Actor actor, ProcedureStep step, StepState state, DateOnly? date, DateOnly? nextSession, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (state is StepState.Planned or StepState.Done && date is null)
        {
            throw Rule("rule.stepDate", ("letter", Letter(step)));
        }

        if (step == ProcedureStep.OpenLetter && state is StepState.Planned or StepState.Done && (LetterSentOn != date || RespondBy is null))
        {
            throw Rule("rule.letterLimitNeeded");
        }

        if (step == ProcedureStep.WorkingGroupPublicMeeting && state is StepState.Planned or StepState.Done)
        {
            var check = CheckWorkingGroupMeeting(nextSession);
            if (!check.IsOffered)
            {
                throw new MatterRuleException(MatterId, check.Reason with { Arguments = [("id", MatterId.Value), .. check.Reason.Arguments] });
            }
        }

        var record = new StepRecord(step, state, state == StepState.NotStarted ? null : date, actor, Now(time));
        _steps[step] = record;
        return record;
    }

    /// <summary>Records the open letter (step (b)) with its time limit; more than two weeks is refused citing para 14(b).</summary>
    public StepRecord RecordOpenLetter(Actor actor, StepState state, DateOnly sentOn, DateOnly respondBy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (state is not (StepState.Planned or StepState.Done))
        {
            throw Rule("rule.letterNotPlanned");
        }

        if (!FormalProcedureRules.IsAllowedResponseTimeLimit(sentOn, respondBy))
        {
            throw Rule("rule.letterTimeLimit", ("sent", sentOn), ("latest", FormalProcedureRules.LatestResponseDate(sentOn)));
        }

        LetterSentOn = sentOn;
        RespondBy = respondBy;
        if (!_checklist.Any(c => c.Item == ChecklistItem.LetterCopyToStatesParties))
        {
            _checklist.Add(new ChecklistEntry(ChecklistItem.LetterCopyToStatesParties, null, null));
        }

        var record = new StepRecord(ProcedureStep.OpenLetter, state, sentOn, actor, Now(time));
        _steps[ProcedureStep.OpenLetter] = record;
        return record;
    }

    /// <summary>Records the date a written response from the requested State was received (para 14(c)).</summary>
    public void RecordWrittenResponse(DateOnly receivedOn)
    {
        if (LetterSentOn is not { } sent)
        {
            throw Rule("rule.responseNeedsLetter");
        }

        if (receivedOn < sent)
        {
            throw Rule("rule.responseBeforeLetter", ("date", sent));
        }

        WrittenResponseOn = receivedOn;
    }

    /// <summary>Records the facilitator the Bureau appointed for a draft resolution (para 14(f)).</summary>
    public void AppointFacilitator(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Facilitator = name.Trim();
    }

    /// <summary>Ticks an item once: a second tick changes nothing and returns the first one's who and when.</summary>
    /// <returns>The entry and whether this call ticked it.</returns>
    public (ChecklistEntry Entry, bool Ticked) Tick(Actor actor, ChecklistItem item, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var index = _checklist.FindIndex(c => c.Item == item);
        if (index < 0)
        {
            throw Rule(item == ChecklistItem.LetterCopyToStatesParties ? "rule.letterCopyNeedsLetter" : "rule.notOnChecklist");
        }

        if (_checklist[index].IsDone)
        {
            return (_checklist[index], false);
        }

        var entry = new ChecklistEntry(item, actor, Now(time));
        _checklist[index] = entry;
        return (entry, true);
    }

    /// <summary>Para 14(d): offered only if the next session is more than three months after meeting (c).</summary>
    public WorkingGroupCheck CheckWorkingGroupMeeting(DateOnly? nextSession)
    {
        var c = _steps[ProcedureStep.AmbassadorialMeeting];
        if (c.State is not (StepState.Planned or StepState.Done) || c.Date is not { } meetingOn)
        {
            return new(false, DomainText.Of("rule.wgMeetingFirst"));
        }

        if (nextSession is not { } session)
        {
            return new(false, DomainText.Of("rule.wgNoSession"));
        }

        return FormalProcedureRules.MayRequestWorkingGroupPublicMeeting(meetingOn, session)
            ? new(true, DomainText.Of("rule.wgOffered", ("session", session), ("meeting", meetingOn)))
            : new(false, DomainText.Of("rule.wgNotOffered", ("session", session), ("meeting", meetingOn), ("after", meetingOn.AddMonths(FormalProcedureRules.MinMonthsBeforeNextSession))));
    }

    /// <summary>
    /// What is due next: among the steps not done or decided against, the one with the earliest date (a planned
    /// date, or step (c)'s due date); else the first one not started.
    /// </summary>
    public NextDue NextDue(bool includeBureauOnly)
    {
        var open = Enum.GetValues<ProcedureStep>()
            .Where(step => includeBureauOnly || !IsBureauOnly(step))
            .Where(step => _steps[step].State is not (StepState.Done or StepState.DecidedAgainst))
            .ToList();
        if (open.Count == 0)
        {
            return new(null, null);
        }

        var dated = open
            .Select(step => (Step: step, Date: step == ProcedureStep.AmbassadorialMeeting && _steps[step].State == StepState.NotStarted ? StepCDueOn : _steps[step].Date))
            .Where(x => x.Date is not null)
            .OrderBy(x => x.Date)
            .ThenBy(x => x.Step)
            .FirstOrDefault();
        if (dated.Date is { } date)
        {
            return new(dated.Step, date);
        }

        return new(open[0], null);
    }

    /// <summary>
    /// The reminders the procedure needs now: before and at the letter's time limit (public), when step (c)
    /// falls due (Bureau-only), and on the date of each planned step. Keys carry the date, so a changed date
    /// is a new reminder and a reminder already sent is never sent again.
    /// </summary>
    public IReadOnlyList<ProcedureReminder> Reminders(TimeSpan leadTime)
    {
        var list = new List<ProcedureReminder>();
        if (RespondBy is { } limit && _steps[ProcedureStep.AmbassadorialMeeting].State == StepState.NotStarted && WrittenResponseOn is null)
        {
            var at = Start(limit);
            list.Add(new($"letter-before:{Iso(limit)}", at - leadTime, false));
            list.Add(new($"letter-at:{Iso(limit)}", at, false));
        }

        if (StepCDueOn is { } cDue && _steps[ProcedureStep.AmbassadorialMeeting].State == StepState.NotStarted)
        {
            list.Add(new($"step-c-due:{Iso(cDue)}", Start(cDue), true));
        }

        foreach (var record in _steps.Values.Where(r => r.State == StepState.Planned && r.Date is not null).OrderBy(r => r.Step))
        {
            var date = record.Date!.Value;
            list.Add(new($"step-{Letter(record.Step).Trim('(', ')')}-planned:{Iso(date)}", Start(date), IsBureauOnly(record.Step)));
        }

        return list;
    }

    public static string Letter(ProcedureStep step) => step switch
    {
        ProcedureStep.EmergencyBureauMeeting => "(a)",
        ProcedureStep.OpenLetter => "(b)",
        ProcedureStep.AmbassadorialMeeting => "(c)",
        ProcedureStep.WorkingGroupPublicMeeting => "(d)",
        ProcedureStep.ReportToAssembly => "(e)",
        ProcedureStep.PlenaryDiscussion => "(f)",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };


    /// <summary>"a".."f", "(a)".."(f)" → the step.</summary>
    public static bool TryParseStep(string? text, out ProcedureStep step)
    {
        var letter = (text ?? string.Empty).Trim().Trim('(', ')').ToLowerInvariant();
        var index = letter.Length == 1 ? letter[0] - 'a' : -1;
        step = (ProcedureStep)Math.Max(index, 0);
        return index is >= 0 and <= 5;
    }

    private MatterRuleException Rule(string code, params (string Name, object? Value)[] arguments) => MatterRuleException.Of(MatterId, code, arguments);

    private static DateTimeOffset Start(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().ToUniversalTime();
    }
}
