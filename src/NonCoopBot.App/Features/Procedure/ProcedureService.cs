using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Texts;
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
    IOptions<ProcedureOptions> options,
    TextCatalogue texts)
{
    /// <summary>The procedure's words in <paramref name="language"/>.</summary>
    public ProcedureWording Wording(string language) => new(texts, language);

    /// <summary>"No such matter that you can see", in <paramref name="language"/>.</summary>
    public string NoMatter(string language, string matter) => texts.Format(language, "procedure.noMatter", ("matter", matter));

    /// <summary>The States data with the Secretariat's recorded withdrawals, accessions and arrangements applied.</summary>
    public async Task<StateDirectory> StatesAsync(CancellationToken ct) =>
        states.WithStatusChanges(await procedures.GetStateStatusChangesAsync(ct).ConfigureAwait(false));

    /// <summary>Records the Court's decision: opens a 7(a) matter, or attaches to an existing one (a 7(b) becomes 7(a)).</summary>
    public async Task<ProcedureOutcome> RecordReferralAsync(Sender sender, ReferralInput input, bool inPersonalChat, string language, CancellationToken ct)
    {
        var w = Wording(language);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(input);
        var auth = new ProcedureAuthorization(sender.Roster);
        if (auth.CanRecordReferral(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        if (input.RequestDate > input.DecisionDate)
        {
            return ProcedureOutcome.Refused(w.T("procedure.referral.requestAfterDecision", ("request", w.Day(input.RequestDate)), ("decision", w.Day(input.DecisionDate))));
        }

        var state = input.State;
        if (!state.IsRequestedStateOn(input.RequestDate))
        {
            return ProcedureOutcome.Refused(NotRequestedState(w, state, input.RequestDate));
        }

        var actor = ActorOf(sender);
        Matter matter;
        bool isNew;
        if (input.ExistingMatter is { } id)
        {
            var existing = await matters.GetAsync(id, ct).ConfigureAwait(false);
            if (existing is null || !sender.Authorization.CanReadMatter(sender.Principal, existing).IsAllowed)
            {
                return ProcedureOutcome.Refused(w.T("procedure.referral.noMatter", ("matter", id.Value)));
            }

            if (existing.Scenario == Scenario.Urgent7B && !inPersonalChat)
            {
                return ProcedureOutcome.Refused(w.T("procedure.referral.privateChat"));
            }

            if (!string.Equals(existing.RequestedState.Code, state.Code, StringComparison.OrdinalIgnoreCase))
            {
                return ProcedureOutcome.Refused(w.T("procedure.referral.otherState", ("matter", existing.Id.Value), ("state", existing.RequestedState.NameIn(w.Language)), ("given", state.NameIn(w.Language))));
            }

            if (await procedures.GetAsync(existing.Id, ct).ConfigureAwait(false) is not null)
            {
                return ProcedureOutcome.Refused(w.T("procedure.referral.already", ("matter", existing.Id.Value), ("procedure", w.T("command.procedure"))));
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
                return ProcedureOutcome.Refused(Wording(language).Say(opened.Refusal!));
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
            return ProcedureOutcome.Refused(Wording(language).Rule(ex));
        }

        var decision = new CourtDecision(input.Chamber.Trim(), input.DecisionDate, CourtReference.Parse(input.DecisionReference).Value, state.Code, state.Name,
            input.Request, CourtReference.Parse(input.RequestReference).Value, input.RequestDate, string.IsNullOrWhiteSpace(input.PersonSought) ? null : input.PersonSought.Trim());
        var procedure = FormalProcedure.Start(matter.Id, decision, actor, time);
        await SaveAsync(procedure, matter, isNew, sender.Roster, ct).ConfigureAwait(false);
        return new(true, w.T(isNew ? "procedure.referral.recordedNew" : "procedure.referral.recordedExisting",
            ("matter", matter.Id.Value), ("chamber", decision.Chamber), ("reference", decision.DecisionReference), ("date", w.Day(decision.DecisionDate)),
            ("state", state.NameIn(w.Language)), ("procedure", w.T("command.procedure"))), matter.Id);
    }

    /// <summary>Records a step's state and date as the Bureau decided (President or acting Vice-President).</summary>
    public async Task<ProcedureOutcome> RecordStepAsync(Sender sender, MatterId id, ProcedureStep step, StepState state, DateOnly? date, DateOnly? limit, string? facilitator, string language, CancellationToken ct)
    {
        var w = Wording(language);
        var auth = new ProcedureAuthorization(sender.Roster);
        if (auth.CanRecordStep(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        var (procedure, matter, missing) = await LoadAsync(sender, id, language, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var actor = ActorOf(sender);
        try
        {
            if (step == ProcedureStep.OpenLetter && limit is { } respondBy && state is StepState.Planned or StepState.Done)
            {
                procedure!.RecordOpenLetter(actor, state, date ?? throw MatterRuleException.Of(id, "rule.letterDate"), respondBy, time);
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
            return ProcedureOutcome.Refused(w.T("procedure.nothingChanged", ("reason", w.Rule(ex))));
        }

        await SaveAsync(procedure, null, false, sender.Roster, ct).ConfigureAwait(false);
        var record = procedure[step];
        var when = record.Date is { } d ? $" ({w.Day(d)})" : string.Empty;
        var extra = step switch
        {
            ProcedureStep.OpenLetter when procedure.RespondBy is { } r => " " + w.T("procedure.step.viewsBy", ("date", w.Day(r))),
            ProcedureStep.PlenaryDiscussion when procedure.Facilitator is { } f => " " + w.T("procedure.detail.facilitator", ("name", f)),
            _ => string.Empty,
        };
        return new(true, w.T("procedure.step.recorded", ("matter", matter!.Id.Value), ("letter", FormalProcedure.Letter(step)), ("step", w.StepName(step)),
            ("state", w.State(record.State).ToLowerInvariant()), ("when", when)) + extra, matter.Id);
    }

    public async Task<ProcedureOutcome> RecordWrittenResponseAsync(Sender sender, MatterId id, DateOnly receivedOn, string language, CancellationToken ct)
    {
        var w = Wording(language);
        if (new ProcedureAuthorization(sender.Roster).CanRecordWrittenResponse(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        var (procedure, matter, missing) = await LoadAsync(sender, id, language, ct).ConfigureAwait(false);
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
            return ProcedureOutcome.Refused(Wording(language).Rule(ex));
        }

        await SaveAsync(procedure, null, false, sender.Roster, ct).ConfigureAwait(false);
        return new(true, w.T("procedure.response.recorded", ("matter", matter!.Id.Value), ("state", procedure.Decision.StateNameIn(w.Language)), ("date", w.Day(receivedOn)), ("due", w.Day(procedure.StepCDueOn!.Value))), matter.Id);
    }

    /// <summary>Ticks a checklist item; who and when are kept, a second tick changes nothing.</summary>
    public async Task<ProcedureOutcome> TickAsync(Sender sender, MatterId id, ChecklistItem item, string language, CancellationToken ct)
    {
        var w = Wording(language);
        var (procedure, matter, missing) = await LoadAsync(sender, id, language, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var auth = new ProcedureAuthorization(sender.Roster);
        if (FormalProcedure.IsBureauOnly(item) && auth.ViewFor(sender.Principal) != ProcedureView.Bureau)
        {
            return ProcedureOutcome.Refused(NoMatter(language, id.Value));
        }

        if (auth.CanTick(sender.Principal, item) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        try
        {
            var (entry, ticked) = procedure!.Tick(ActorOf(sender), item, time);
            if (!ticked)
            {
                return new(true, w.T("procedure.tick.already", ("item", w.ItemTitle(item)), ("name", entry.By!.Name), ("at", w.Dates.Utc(entry.At!.Value))));
            }
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(Wording(language).Rule(ex));
        }

        await SaveAsync(procedure, null, false, sender.Roster, ct).ConfigureAwait(false);
        return new(true, w.T("procedure.tick.done", ("matter", matter!.Id.Value), ("item", w.ItemTitle(item))), matter.Id);
    }

    /// <summary>The President records that good offices run as decided by the Bureau (para 18), for 7(a) and 7(b).</summary>
    public async Task<ProcedureOutcome> RecordBureauDecisionAsync(Sender sender, MatterId id, string language, CancellationToken ct)
    {
        var w = Wording(language);
        if (sender.Authorization.CanTriggerGoodOffices(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        var matter = await matters.GetAsync(id, ct).ConfigureAwait(false);
        if (matter is null)
        {
            return ProcedureOutcome.Refused(w.T("procedure.decision.noMatter", ("matter", id.Value)));
        }

        var wasUnderway = matter.Status == MatterStatus.GoodOfficesUnderway;
        try
        {
            matter.RecordBureauDecisionOnGoodOffices(ActorOf(sender), null, time);
        }
        catch (MatterRuleException ex)
        {
            return ProcedureOutcome.Refused(Wording(language).Rule(ex));
        }

        await matters.UpdateAsync(matter, matter.Version, ct).ConfigureAwait(false);
        return new(true, wasUnderway
            ? w.T("procedure.decision.continues", ("matter", matter.Id.Value))
            : w.T("procedure.decision.recorded", ("matter", matter.Id.Value)), matter.Id);
    }

    public async Task<ProcedureOutcome> SetAssemblySessionAsync(Sender sender, DateOnly startsOn, string language, CancellationToken ct)
    {
        var w = Wording(language);
        if (new ProcedureAuthorization(sender.Roster).CanKeepSecretariatRecords(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        var previous = await procedures.GetNextAssemblySessionAsync(ct).ConfigureAwait(false);
        await procedures.SetNextAssemblySessionAsync(startsOn, ActorOf(sender).Name, time.GetUtcNow(), ct).ConfigureAwait(false);
        return new(true, previous is { } p && p != startsOn
            ? w.T("procedure.session.changed", ("date", w.Day(startsOn)), ("was", w.Day(p)))
            : w.T("procedure.session.set", ("date", w.Day(startsOn))));
    }

    public async Task<ProcedureOutcome> RecordStateStatusAsync(Sender sender, State state, StateStatusChangeKind kind, DateOnly effectiveOn, string language, CancellationToken ct)
    {
        var w = Wording(language);
        if (new ProcedureAuthorization(sender.Roster).CanKeepSecretariatRecords(sender.Principal) is { IsAllowed: false } denied)
        {
            return ProcedureOutcome.Refused(Wording(language).Refusal(denied.DenialReason!));
        }

        await procedures.AddStateStatusChangeAsync(new StateStatusChange(state.Code, kind, effectiveOn, ActorOf(sender).Name, time.GetUtcNow()), ct).ConfigureAwait(false);
        var current = states.CurrentTo is { } c ? " " + w.T("procedure.stateStatus.current", ("date", w.Day(c))) : string.Empty;
        return new(true, w.T("procedure.stateStatus.recorded." + kind, ("state", state.NameIn(w.Language)), ("date", w.Day(effectiveOn))) + current);
    }

    /// <summary>The procedure and its matter, if the sender may see them.</summary>
    public async Task<(FormalProcedure? Procedure, Matter? Matter, ProcedureOutcome? Missing)> LoadAsync(Sender sender, MatterId id, string language, CancellationToken ct)
    {
        var notFound = ProcedureOutcome.Refused(NoMatter(language, id.Value));
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
        var plan = procedure.Reminders(options.Value.ReminderLeadTime)
            .Select(r => new ReminderRecipients(r, r.IsBureauOnly ? leads : [.. leads, .. secretariat]))
            .ToList();
        if (procedure.Checklist.Any(c => c.Item is ChecklistItem.DecisionForwarded or ChecklistItem.PressRelease && !c.IsDone))
        {
            var opened = procedure.RecordedAt;
            plan.Add(new ReminderRecipients(
                new ProcedureReminder(ProcedureReminderTexts.ChecklistOpen, opened, false),
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

    private static string NotRequestedState(ProcedureWording w, State state, DateOnly requestDate)
    {
        var reason = state.WithdrawalEffective is { } withdrawn && withdrawn <= requestDate
            ? " " + w.T("procedure.referral.withdrawn", ("date", w.Day(withdrawn)))
            : state.AccessionEffective is { } a && a > requestDate
                ? " " + w.T("procedure.referral.acceded", ("date", w.Day(a)))
                : string.Empty;
        return w.T("procedure.referral.notRequestedState", ("state", state.NameIn(w.Language)), ("date", w.Day(requestDate))) + reason + " " + w.T("procedure.referral.para8");
    }

    /// <summary>Reads a yyyy-MM-dd date.</summary>
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads the referral form; null with the reason when something is missing or wrong.</summary>
    public static (ReferralInput? Input, string? Error) ParseReferral(JsonObject? data, StateDirectory directory, ProcedureWording w)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(directory);
        (string Field, int Max)? tooLong = null;
        string Text(string key, int max)
        {
            var text = data?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : string.Empty;
            if (text.Length > max)
            {
                // Refused rather than cut: what was typed comes back in the form, whole.
                tooLong ??= (key, max);
            }

            return text;
        }

        var chamber = Text("chamber", 200);
        var decisionReference = Text("decisionReference", 100);
        var stateText = Text("state", 100);
        var requestReference = Text("requestReference", 100);
        var person = Text("personSought", 200);
        var matterText = Text("matterId", 20);
        if (tooLong is { } field)
        {
            return (null, w.T("procedure.form.tooLong", ("field", w.T("card." + ProcedureCards.ReferralFormCard + "." + field.Field + ".label")), ("max", field.Max)));
        }

        if (chamber.Length == 0 || decisionReference.Length == 0 || stateText.Length == 0 || requestReference.Length == 0)
        {
            return (null, w.T("procedure.form.missing"));
        }

        if (!TryDate(Text("decisionDate", 10), out var decisionDate) || !TryDate(Text("requestDate", 10), out var requestDate))
        {
            return (null, w.T("procedure.form.dates"));
        }

        if (!Enum.TryParse<CourtRequest>(Text("request", 40), out var request) || !Enum.IsDefined(request))
        {
            return (null, w.T("procedure.form.request"));
        }

        var match = directory.Match(stateText);
        if (!match.IsExact)
        {
            return (null, match.Candidates.Count > 0
                ? w.T("procedure.form.stateCandidates", ("given", stateText), ("candidates", string.Join(w.T("procedure.or"), match.Candidates.Take(3).Select(c => c.NameIn(w.Language)))))
                : w.T("procedure.form.stateUnknown", ("given", stateText)));
        }

        MatterId? existing = null;
        if (matterText.Length > 0)
        {
            if (!MatterId.TryParse(matterText, out var id))
            {
                return (null, w.T("procedure.form.matterId", ("given", matterText)));
            }

            existing = id;
        }

        return (new ReferralInput(chamber, decisionDate, decisionReference, match.State!, request, requestReference, requestDate, person.Length == 0 ? null : person, existing), null);
    }
}
