using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>The procedure card and the referral form, as data for the templates in cards/, in the reader's language. Facts only (para 12).</summary>
public static class ProcedureCards
{
    public const string ProcedureCard = "procedure";
    public const string ReferralFormCard = "referral-form";

    /// <summary>One reader's view of the procedure: the Secretariat (and channels) see the public steps only; times in the reader's time zone.</summary>
    public static JsonNode Procedure(BotCards cards, FormalProcedure procedure, Matter matter, ProcedureView view, TimeZoneInfo zone, DateOnly? nextSession, Func<ChecklistItem, bool> canTick, string language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(matter);
        var w = new ProcedureWording(cards.Texts, language);
        var bureau = view == ProcedureView.Bureau;
        var d = procedure.Decision;
        var steps = new JsonArray();
        foreach (var record in procedure.Steps.Where(r => bureau || !FormalProcedure.IsBureauOnly(r.Step)))
        {
            var step = new JsonObject
            {
                ["letter"] = FormalProcedure.Letter(record.Step),
                ["name"] = w.StepTitle(record.Step),
                ["status"] = w.Status(record),
            };
            if (w.Detail(procedure, record.Step, nextSession) is { } detail)
            {
                step["detail"] = detail;
            }

            steps.Add((JsonNode)step);
        }

        var checklist = new JsonArray();
        foreach (var entry in procedure.Checklist.Where(c => bureau || !FormalProcedure.IsBureauOnly(c.Item)))
        {
            checklist.Add((JsonNode)new JsonObject
            {
                ["matterId"] = matter.Id.Value,
                ["item"] = entry.Item.ToString(),
                ["title"] = w.ItemTitle(entry.Item),
                ["status"] = entry.IsDone ? w.T("procedure.card.doneBy", ("name", entry.By!.Name), ("at", w.Dates.Time(entry.At!.Value, zone))) : w.T("procedure.card.notDone"),
                ["canTick"] = !entry.IsDone && !matter.IsClosed && canTick(entry.Item),
            });
        }

        var data = new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["view"] = w.T(bureau ? "procedure.card.bureauView" : "procedure.card.publicView"),
            ["requestedState"] = d.StateNameIn(w.Language),
            ["decision"] = $"{d.Chamber}, {d.DecisionReference}, {w.Day(d.DecisionDate)}",
            ["request"] = w.T("procedure.card.request", ("request", w.Request(d.Request)), ("reference", d.RequestReference), ("date", w.Day(d.RequestDate))),
            ["nextSession"] = nextSession is { } s ? w.Day(s) : w.T("procedure.card.notRecorded"),
            ["nextDue"] = w.NextDue(procedure, bureau),
            ["steps"] = steps,
            ["checklist"] = checklist,
            ["timeZone"] = zone.Id,
        };
        if (d.PersonSought is { } person)
        {
            data["personSought"] = person;
        }

        return cards.Bind(ProcedureCard, data, language);
    }

    /// <summary>The referral form, with an error and the values given so far (nothing typed is lost).</summary>
    public static JsonNode ReferralForm(BotCards cards, string? error, JsonObject? values, string language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var data = new JsonObject();
        foreach (var key in new[] { "chamber", "decisionDate", "decisionReference", "state", "request", "requestReference", "requestDate", "personSought", "matterId" })
        {
            data[key] = values?[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : string.Empty;
        }

        if (error is not null)
        {
            data["error"] = error;
        }

        return cards.Bind(ReferralFormCard, data, language);
    }

    /// <summary>The reader's time zone from the roster (IANA id); UTC when unknown.</summary>
    public static TimeZoneInfo ZoneOf(Principal? reader)
    {
        var id = (reader as Principal.Member)?.BureauMember.TimeZone;
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }
}

/// <summary>
/// The procedure's words in one reader's language, from the catalogue (<c>procedure.*</c>): step names, step states,
/// checklist items, what is due next, step (d)'s offer, and the Domain's refusals mapped to their texts.
/// </summary>
public sealed class ProcedureWording(TextCatalogue texts, string language)
{
    public string Language { get; } = language;

    public ReaderDates Dates { get; } = new(texts, language);

    public string T(string key, params ReadOnlySpan<(string Name, object? Value)> args) => texts.Format(Language, key, args);

    public string Day(DateOnly date) => Dates.Day(date);

    /// <summary>"open letter to the requested State" (lower case, for sentences).</summary>
    public string StepName(ProcedureStep step) => T("procedure.step." + step);

    /// <summary>"Open letter to the requested State" (as a title).</summary>
    public string StepTitle(ProcedureStep step)
    {
        var name = StepName(step);
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }

    public string State(StepState state) => T("procedure.state." + state);

    public string ItemTitle(ChecklistItem item) => T("procedure.item." + item);

    public string Request(CourtRequest request) => T("procedure.request." + request);

    public string Status(StepRecord record) =>
        record.Date is { } date ? $"{State(record.State)} · {Day(date)}" : State(record.State);

    public string? Detail(FormalProcedure procedure, ProcedureStep step, DateOnly? nextSession) => step switch
    {
        ProcedureStep.OpenLetter when procedure.RespondBy is { } limit =>
            T("procedure.detail.viewsBy", ("date", Day(limit))) + (procedure.WrittenResponseOn is { } r ? " " + T("procedure.detail.responseOn", ("date", Day(r))) : string.Empty),
        ProcedureStep.AmbassadorialMeeting when procedure.StepCDueOn is { } due && procedure[step].State == StepState.NotStarted => T("procedure.detail.dueOn", ("date", Day(due))),
        ProcedureStep.WorkingGroupPublicMeeting when procedure[step].State is StepState.NotStarted => WorkingGroup(procedure, nextSession, offeredPrefix: true),
        ProcedureStep.PlenaryDiscussion when procedure.Facilitator is { } f => T("procedure.detail.facilitator", ("name", f)),
        _ => null,
    };

    /// <summary>Why step (d) is or is not offered (para 14(d)), as <see cref="FormalProcedure.CheckWorkingGroupMeeting"/> decides.</summary>
    public string WorkingGroup(FormalProcedure procedure, DateOnly? nextSession, bool offeredPrefix = false)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var check = procedure.CheckWorkingGroupMeeting(nextSession);
        return (check.IsOffered && offeredPrefix ? T("procedure.wg.offeredPrefix") + " " : string.Empty) + Say(check.Reason);
    }

    /// <summary>What is due next, as <see cref="FormalProcedure.NextDue"/> decides.</summary>
    public string NextDue(FormalProcedure procedure, bool includeBureauOnly)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var next = procedure.NextDue(includeBureauOnly);
        if (next.Step is not { } step)
        {
            return T("procedure.next.allDone");
        }

        if (next.Date is not { } date)
        {
            return T("procedure.next.notStarted", ("letter", FormalProcedure.Letter(step)), ("step", StepName(step)));
        }

        return procedure[step].State == StepState.Planned
            ? T("procedure.next.planned", ("letter", FormalProcedure.Letter(step)), ("step", StepName(step)), ("date", Day(date)))
            : T(procedure.WrittenResponseOn == date ? "procedure.next.cDueResponse" : "procedure.next.cDueLimit", ("date", Day(date)));
    }

    /// <summary>A denial of the Domain (<see cref="ProcedureAuthorization"/>'s codes) in this language.</summary>
    public string Refusal(string denial) => texts.Denial(Language, denial);

    /// <summary>A broken rule of the procedure or the matter in this language.</summary>
    public string Rule(MatterRuleException rule) => texts.RuleText(Language, rule);

    /// <summary>What the Domain says (a code and its arguments) in this language.</summary>
    public string Say(DomainText text) => texts.Say(Language, text);
}
