using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>What the sender typed or submitted for a referral (para 13).</summary>
public sealed record ReferralInput(
    string Chamber, DateOnly DecisionDate, string DecisionReference, State State, CourtRequest Request,
    string RequestReference, DateOnly RequestDate, string? PersonSought, MatterId? ExistingMatter);

/// <summary>The outcome of an action: a sentence for the user, and the matter whose cards must be refreshed.</summary>
public sealed record ProcedureOutcome(bool Succeeded, string Message, MatterId? Changed = null)
{
    public static ProcedureOutcome Refused(string message) => new(false, message);
}

/// <summary>
/// The formal procedure's application logic: each action checks the sender's role, applies the domain rules
/// and saves the procedure, its matter and its reminders in one transaction.
/// </summary>
public sealed class ProcedureService(
    IProcedureRepository procedures,
    IMatterRepository matters,
    StateDirectory states,
    TimeProvider time,
    IOptions<ProcedureOptions> options)
{
    public const string NoMatter = "I found no matter \"{0}\" with a formal procedure that you can see. Type matters to see the open ones.";

    /// <summary>The States data with the Secretariat's recorded withdrawals, accessions and arrangements applied.</summary>
    public async Task<StateDirectory> StatesAsync(CancellationToken ct) =>
        states.WithStatusChanges(await procedures.GetStateStatusChangesAsync(ct).ConfigureAwait(false));

    /// <summary>Records the Court's decision: opens a 7(a) matter, or attaches to an existing one (a 7(b) becomes 7(a)).</summary>
    public async Task<ProcedureOutcome> RecordReferralAsync(Sender sender, ReferralInput input, bool inPersonalChat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(input);
        var auth = new ProcedureAuthorization(sender.Roster);
        if (auth.CanRecordReferral(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        if (input.RequestDate > input.DecisionDate)
        {
            return ProcedureOutcome.Refused($"The request ({Day(input.RequestDate)}) must come before the Court's decision ({Day(input.DecisionDate)}); check the dates.");
        }

        var state = input.State;
        if (!state.IsRequestedStateOn(input.RequestDate))
        {
            return ProcedureOutcome.Refused(NotRequestedState(state, input.RequestDate));
        }

        var actor = ActorOf(sender);
        Matter matter;
        bool isNew;
        if (input.ExistingMatter is { } id)
        {
            var existing = await matters.GetAsync(id, ct).ConfigureAwait(false);
            if (existing is null || !sender.Authorization.CanReadMatter(sender.Principal, existing).IsAllowed)
            {
                return ProcedureOutcome.Refused($"I found no matter \"{id}\" that you can see. Leave the matter empty to open a new 7(a) matter.");
            }

            if (existing.Scenario == Scenario.Urgent7B && !inPersonalChat)
            {
                return ProcedureOutcome.Refused("Attach a referral to an existing matter in a private chat with me.");
            }

            if (!string.Equals(existing.RequestedState.Code, state.Code, StringComparison.OrdinalIgnoreCase))
            {
                return ProcedureOutcome.Refused($"{existing.Id} concerns {existing.RequestedState.Name}, not {state.Name}; check the matter or the State.");
            }

            if (await procedures.GetAsync(existing.Id, ct).ConfigureAwait(false) is not null)
            {
                return ProcedureOutcome.Refused($"A Court referral is already recorded on {existing.Id}; type procedure {existing.Id} to follow it.");
            }

            matter = existing;
            isNew = false;
        }
        else
        {
            var opening = new MatterOpening(state, Scenario.CourtReferral7A, input.Request, input.RequestReference, input.PersonSought, RequestDate: input.RequestDate);
            var opened = Matter.Open(opening, await matters.NextSequenceAsync(ct).ConfigureAwait(false), actor, time);
            if (opened.Matter is null)
            {
                return ProcedureOutcome.Refused(opened.RefusalReason!);
            }

            matter = opened.Matter;
            isNew = true;
        }

        try
        {
            matter.RecordReferral(actor, input.DecisionReference, input.DecisionDate, input.Chamber, time);
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(ex.Message);
        }

        var decision = new CourtDecision(input.Chamber.Trim(), input.DecisionDate, CourtReference.Parse(input.DecisionReference).Value, state.Code, state.Name,
            input.Request, CourtReference.Parse(input.RequestReference).Value, input.RequestDate, string.IsNullOrWhiteSpace(input.PersonSought) ? null : input.PersonSought.Trim());
        var procedure = FormalProcedure.Start(matter.Id, decision, actor, time);
        await SaveAsync(procedure, matter, isNew, sender.Roster, ct).ConfigureAwait(false);
        var how = isNew ? $"Matter {matter.Id} opened (scenario 7(a))" : $"{matter.Id} is now a 7(a) matter";
        return new(true, $"Court referral recorded. {how}: {decision.Chamber}, {decision.DecisionReference} of {Day(decision.DecisionDate)}, concerning {state.Name}. The Secretariat's checklist (para 13) is open: forward the decision to all States Parties without delay; issue a press release. Type procedure {matter.Id} to follow the steps.", matter.Id);
    }

    /// <summary>Records a step's state and date as the Bureau decided (President or acting Vice-President).</summary>
    public async Task<ProcedureOutcome> RecordStepAsync(Sender sender, MatterId id, ProcedureStep step, StepState state, DateOnly? date, DateOnly? limit, string? facilitator, CancellationToken ct)
    {
        var auth = new ProcedureAuthorization(sender.Roster);
        if (auth.CanRecordStep(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        var (procedure, matter, missing) = await LoadAsync(sender, id, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var actor = ActorOf(sender);
        try
        {
            if (step == ProcedureStep.OpenLetter && limit is { } respondBy && state is StepState.Planned or StepState.Done)
            {
                procedure!.RecordOpenLetter(actor, state, date ?? throw new MatterRuleException(id, "Give the date of the letter, then limit and the date for the State's views."), respondBy, time);
            }
            else
            {
                procedure!.RecordStep(actor, step, state, date, await procedures.GetNextAssemblySessionAsync(ct).ConfigureAwait(false), time);
            }

            if (step == ProcedureStep.PlenaryDiscussion && !string.IsNullOrWhiteSpace(facilitator))
            {
                procedure.AppointFacilitator(facilitator);
            }
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(ex.Message + " Nothing was changed.");
        }

        await SaveAsync(procedure, null, false, sender.Roster, ct).ConfigureAwait(false);
        var record = procedure[step];
        var when = record.Date is { } d ? $" ({Day(d)})" : string.Empty;
        var extra = step switch
        {
            ProcedureStep.OpenLetter when procedure.RespondBy is { } r => $" Views requested by {Day(r)}; step (c) falls due then, or earlier on a written response. The copy to all States Parties is on the checklist.",
            ProcedureStep.PlenaryDiscussion when procedure.Facilitator is { } f => $" Facilitator for a draft resolution: {f}.",
            _ => string.Empty,
        };
        return new(true, $"{matter!.Id}: step {FormalProcedure.Letter(step)} {FormalProcedure.StepName(step)}: {ProcedureCards.StateText(record.State).ToLowerInvariant()}{when}.{extra}", matter.Id);
    }

    public async Task<ProcedureOutcome> RecordWrittenResponseAsync(Sender sender, MatterId id, DateOnly receivedOn, CancellationToken ct)
    {
        if (new ProcedureAuthorization(sender.Roster).CanRecordWrittenResponse(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        var (procedure, matter, missing) = await LoadAsync(sender, id, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        try
        {
            procedure!.RecordWrittenResponse(receivedOn);
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(ex.Message);
        }

        await SaveAsync(procedure, null, false, sender.Roster, ct).ConfigureAwait(false);
        return new(true, $"{matter!.Id}: written response of {procedure.Decision.StateName} received on {Day(receivedOn)}. Step (c) falls due on {Day(procedure.StepCDueOn!.Value)} (para 14(c)).", matter.Id);
    }

    /// <summary>Ticks a checklist item; who and when are kept, a second tick changes nothing.</summary>
    public async Task<ProcedureOutcome> TickAsync(Sender sender, MatterId id, ChecklistItem item, CancellationToken ct)
    {
        var (procedure, matter, missing) = await LoadAsync(sender, id, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var auth = new ProcedureAuthorization(sender.Roster);
        if (FormalProcedure.IsBureauOnly(item) && auth.ViewFor(sender.Principal) != ProcedureView.Bureau)
        {
            return ProcedureOutcome.Refused(string.Format(CultureInfo.InvariantCulture, NoMatter, id));
        }

        if (auth.CanTick(sender.Principal, item) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        try
        {
            var (entry, ticked) = procedure!.Tick(ActorOf(sender), item, time);
            if (!ticked)
            {
                return new(true, $"Already done: {ProcedureCards.ItemTitle(item)}, by {entry.By!.Name} on {entry.At!.Value.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)}.");
            }
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(ex.Message);
        }

        await SaveAsync(procedure, null, false, sender.Roster, ct).ConfigureAwait(false);
        return new(true, $"{matter!.Id}: done — {ProcedureCards.ItemTitle(item)}.", matter.Id);
    }

    /// <summary>The President records that good offices run as decided by the Bureau (para 18), for 7(a) and 7(b).</summary>
    public async Task<ProcedureOutcome> RecordBureauDecisionAsync(Sender sender, MatterId id, CancellationToken ct)
    {
        if (sender.Authorization.CanTriggerGoodOffices(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        var matter = await matters.GetAsync(id, ct).ConfigureAwait(false);
        if (matter is null)
        {
            return ProcedureOutcome.Refused($"I found no matter \"{id}\". Type matters to see the open ones.");
        }

        var wasUnderway = matter.Status == MatterStatus.GoodOfficesUnderway;
        try
        {
            matter.RecordBureauDecisionOnGoodOffices(ActorOf(sender), "As decided by the Bureau (para 18).", time);
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(ex.Message);
        }

        await matters.UpdateAsync(matter, matter.Version, ct).ConfigureAwait(false);
        return new(true, wasUnderway
            ? $"{matter.Id}: recorded that the President continues the good offices as decided by the Bureau (paras 18, 20)."
            : $"{matter.Id}: good offices recorded as decided by the Bureau (para 18); every Bureau member is being alerted.", matter.Id);
    }

    public async Task<ProcedureOutcome> SetAssemblySessionAsync(Sender sender, DateOnly startsOn, CancellationToken ct)
    {
        if (new ProcedureAuthorization(sender.Roster).CanKeepSecretariatRecords(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        var previous = await procedures.GetNextAssemblySessionAsync(ct).ConfigureAwait(false);
        await procedures.SetNextAssemblySessionAsync(startsOn, ActorOf(sender).Name, time.GetUtcNow(), ct).ConfigureAwait(false);
        return new(true, previous is { } p && p != startsOn
            ? $"The next session of the Assembly now begins on {Day(startsOn)} (was {Day(p)})."
            : $"The next session of the Assembly begins on {Day(startsOn)}.");
    }

    public async Task<ProcedureOutcome> RecordStateStatusAsync(Sender sender, State state, StateStatusChangeKind kind, DateOnly effectiveOn, CancellationToken ct)
    {
        if (new ProcedureAuthorization(sender.Roster).CanKeepSecretariatRecords(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(denied.DenialReason!);
        }

        await procedures.AddStateStatusChangeAsync(new StateStatusChange(state.Code, kind, effectiveOn, ActorOf(sender).Name, time.GetUtcNow()), ct).ConfigureAwait(false);
        var what = kind switch
        {
            StateStatusChangeKind.Withdrawal => "withdrawal from the Rome Statute, effective",
            StateStatusChangeKind.Accession => "entry into force of the Rome Statute (accession),",
            _ => "ad hoc arrangement or agreement with the Court, effective",
        };
        var current = states.CurrentTo is { } c ? $" The States data is current to {Day(c)}; recorded changes apply on their dates." : string.Empty;
        return new(true, $"Recorded for {state.Name}: {what} {Day(effectiveOn)}.{current}");
    }

    /// <summary>The procedure and its matter, if the sender may see them.</summary>
    public async Task<(FormalProcedure? Procedure, Matter? Matter, ProcedureOutcome? Missing)> LoadAsync(Sender sender, MatterId id, CancellationToken ct)
    {
        var notFound = ProcedureOutcome.Refused(string.Format(CultureInfo.InvariantCulture, NoMatter, id));
        var procedure = await procedures.GetAsync(id, ct).ConfigureAwait(false);
        var matter = procedure is null ? null : await matters.GetAsync(id, ct).ConfigureAwait(false);
        if (procedure is null || matter is null || new ProcedureAuthorization(sender.Roster).ViewFor(sender.Principal) is null
            || !sender.Authorization.CanReadMatter(sender.Principal, matter).IsAllowed)
        {
            return (null, null, notFound);
        }

        return (procedure, matter, null);
    }

    public Task<DateOnly?> NextSessionAsync(CancellationToken ct) => procedures.GetNextAssemblySessionAsync(ct);

    /// <summary>
    /// Step (a) of para 14 follows an emergency Bureau meeting booked on the matter: planned for the day of the meeting
    /// (unless the step is already done or decided against, or already planned for that day). True when it changed.
    /// </summary>
    public async Task<bool> LinkEmergencyMeetingAsync(MatterId id, DateTimeOffset start, Actor convener, Roster roster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var procedure = await procedures.GetAsync(id, ct).ConfigureAwait(false);
        if (procedure is null)
        {
            return false;
        }

        var day = DateOnly.FromDateTime(start.UtcDateTime);
        var step = procedure[ProcedureStep.EmergencyBureauMeeting];
        if (step.State is StepState.Done or StepState.DecidedAgainst || (step.State == StepState.Planned && step.Date == day))
        {
            return false;
        }

        procedure.RecordStep(convener, ProcedureStep.EmergencyBureauMeeting, StepState.Planned, day, null, time);
        await SaveAsync(procedure, null, false, roster, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Saves the procedure (and matter) with the reminders it now needs: all to the President and acting Vice-President; public ones also to the Secretariat.</summary>
    private Task SaveAsync(FormalProcedure procedure, Matter? matter, bool matterIsNew, Roster roster, CancellationToken ct)
    {
        var leads = new[] { roster.President, roster.ActingPresident }.OfType<BureauMember>().Select(m => m.AadObjectId).ToList();
        var secretariat = roster.Secretariat.Select(s => s.AadObjectId).ToList();
        var plan = procedure.Reminders(options.Value.ReminderLeadTime, procedure.Decision.StateName)
            .Select(r => new ReminderRecipients(r, r.IsBureauOnly ? leads : [.. leads, .. secretariat]))
            .ToList();
        if (procedure.Checklist.Any(c => c.Item is ChecklistItem.DecisionForwarded or ChecklistItem.PressRelease && !c.IsDone))
        {
            var opened = procedure.RecordedAt;
            plan.Add(new ReminderRecipients(
                new ProcedureReminder("checklist-open", opened, false, $"Court referral recorded on {procedure.MatterId} ({procedure.Decision.StateName}): the para 13 checklist is open (decision forwarded to all States Parties; press release). Type procedure {procedure.MatterId} to tick the items."),
                secretariat));
        }

        return procedures.SaveAsync(procedure, matter, matterIsNew, plan, ct);
    }

    private static Actor ActorOf(Sender sender) => sender.Principal switch
    {
        Principal.Member m => Actor.From(m.BureauMember),
        Principal.Secretariat s => Actor.From(s.Staff),
        _ => throw new InvalidOperationException("Only roster members act on the procedure."),
    };

    private static string NotRequestedState(State state, DateOnly requestDate)
    {
        var reason = state.WithdrawalEffective is { } w && w <= requestDate
            ? $" Its withdrawal from the Rome Statute took effect on {Day(w)}, before the request."
            : state.AccessionEffective is { } a && a > requestDate
                ? $" The Statute entered into force for it on {Day(a)}, after the request."
                : string.Empty;
        return $"{state.Name} was not a State Party on {Day(requestDate)}, the date of the Court's request, and had no ad hoc arrangement or agreement with the Court on record.{reason} {Matter.NotARequestedStateMessage}";
    }

    private static string Day(DateOnly date) => ProcedureCards.Day(date);

    /// <summary>Reads a yyyy-MM-dd date.</summary>
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads the referral form; null with the reason when something is missing or wrong.</summary>
    public static (ReferralInput? Input, string? Error) ParseReferral(JsonObject? data, StateDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string Text(string key, int max)
        {
            var text = data?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : string.Empty;
            return text.Length <= max ? text : text[..max];
        }


        var chamber = Text("chamber", 200);
        var decisionReference = Text("decisionReference", 100);
        var stateText = Text("state", 100);
        var requestReference = Text("requestReference", 100);
        var person = Text("personSought", 200);
        var matterText = Text("matterId", 20);
        if (chamber.Length == 0 || decisionReference.Length == 0 || stateText.Length == 0 || requestReference.Length == 0)
        {
            return (null, "Give the chamber, the decision reference, the requested State and the reference of the request.");
        }

        if (!TryDate(Text("decisionDate", 10), out var decisionDate) || !TryDate(Text("requestDate", 10), out var requestDate))
        {
            return (null, "Give the dates of the decision and of the request as YYYY-MM-DD.");
        }

        if (!Enum.TryParse<CourtRequest>(Text("request", 40), out var request) || !Enum.IsDefined(request))
        {
            return (null, "Choose the request concerned: art. 89 arrest and surrender, or art. 93 other cooperation.");
        }

        var match = directory.Match(stateText);
        if (!match.IsExact)
        {
            return (null, match.Candidates.Count > 0
                ? $"\"{stateText}\" could be {string.Join(" or ", match.Candidates.Take(3).Select(c => c.Name))}; give the State's name as in the UN list."
                : $"I do not know a State called \"{stateText}\"; give its name as in the UN list.");
        }

        MatterId? existing = null;
        if (matterText.Length > 0)
        {
            if (!MatterId.TryParse(matterText, out var id))
            {
                return (null, $"\"{matterText}\" is not a matter number (for example NC-2026-001); leave it empty to open a new matter.");
            }

            existing = id;
        }

        return (new ReferralInput(chamber, decisionDate, decisionReference, match.State!, request, requestReference, requestDate, person.Length == 0 ? null : person, existing), null);
    }
}
