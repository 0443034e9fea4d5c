using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>The procedure card and the referral form, as data for the templates in cards/. Facts only (para 12).</summary>
public static class ProcedureCards
{
    public const string ProcedureCard = "procedure";
    public const string ReferralFormCard = "referral-form";

    /// <summary>One reader's view of the procedure: the Secretariat (and channels) see the public steps only; times in the reader's time zone.</summary>
    public static JsonNode Procedure(BotCards cards, FormalProcedure procedure, Matter matter, ProcedureView view, TimeZoneInfo zone, DateOnly? nextSession, Func<ChecklistItem, bool> canTick)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(matter);
        var bureau = view == ProcedureView.Bureau;
        var d = procedure.Decision;
        var steps = new JsonArray();
        foreach (var record in procedure.Steps.Where(r => bureau || !FormalProcedure.IsBureauOnly(r.Step)))
        {
            var step = new JsonObject
            {
                ["letter"] = FormalProcedure.Letter(record.Step),
                ["name"] = Capitalise(FormalProcedure.StepName(record.Step)),
                ["status"] = StatusText(record),
            };
            if (Detail(procedure, record.Step, nextSession) is { } detail)
            {
                step["detail"] = detail;
            }

            steps.Add(step);
        }

        var checklist = new JsonArray();
        foreach (var entry in procedure.Checklist.Where(c => bureau || !FormalProcedure.IsBureauOnly(c.Item)))
        {
            checklist.Add(new JsonObject
            {
                ["matterId"] = matter.Id.Value,
                ["item"] = entry.Item.ToString(),
                ["title"] = ItemTitle(entry.Item),
                ["status"] = entry.IsDone ? $"Done by {entry.By!.Name}, {Local(entry.At!.Value, zone)}" : "Not done yet",
                ["canTick"] = !entry.IsDone && !matter.IsClosed && canTick(entry.Item),
            });
        }

        var data = new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["view"] = bureau ? "Bureau view: every step." : "Public steps of the procedure (paras 13-14).",
            ["requestedState"] = d.StateName,
            ["decision"] = $"{d.Chamber}, {d.DecisionReference}, {Day(d.DecisionDate)}",
            ["request"] = $"{d.Request.Label()}, {d.RequestReference}, of {Day(d.RequestDate)}",
            ["nextSession"] = nextSession is { } s ? Day(s) : "Not recorded yet",
            ["nextDue"] = procedure.NextDue(bureau).Text,
            ["steps"] = steps,
            ["checklist"] = checklist,
            ["timeZone"] = zone.Id,
        };
        if (d.PersonSought is { } person)
        {
            data["personSought"] = person;
        }

        return cards.Bind(ProcedureCard, data);
    }

    /// <summary>The referral form, with an error and the values given so far (nothing typed is lost).</summary>
    public static JsonNode ReferralForm(BotCards cards, string? error, JsonObject? values)
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

        return cards.Bind(ReferralFormCard, data);
    }

    public static string ItemTitle(ChecklistItem item) => item switch
    {
        ChecklistItem.DecisionForwarded => "Decision forwarded to all States Parties (para 13)",
        ChecklistItem.PressRelease => "Press release issued by the Secretariat (para 13)",
        ChecklistItem.LetterCopyToStatesParties => "Copy of the open letter sent to all States Parties (para 14(b))",
        ChecklistItem.Art97Reminder => "Requested State reminded of consultations with the Court under art. 97 (para 19)",
        _ => item.ToString(),
    };

    public static string StateText(StepState state) => state switch
    {
        StepState.NotStarted => "Not started",
        StepState.Planned => "Planned",
        StepState.Done => "Done",
        StepState.DecidedAgainst => "Decided against",
        _ => state.ToString(),
    };

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

    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string StatusText(StepRecord record) =>
        record.Date is { } date ? $"{StateText(record.State)} · {Day(date)}" : StateText(record.State);

    private static string? Detail(FormalProcedure procedure, ProcedureStep step, DateOnly? nextSession) => step switch
    {
        ProcedureStep.OpenLetter when procedure.RespondBy is { } limit =>
            $"Views requested by {Day(limit)} (para 14(b)).{(procedure.WrittenResponseOn is { } r ? $" Written response received on {Day(r)}." : string.Empty)}",
        ProcedureStep.AmbassadorialMeeting when procedure.StepCDueOn is { } due && procedure[step].State == StepState.NotStarted => $"Due on {Day(due)} (para 14(c)).",
        ProcedureStep.WorkingGroupPublicMeeting when procedure[step].State is StepState.NotStarted => procedure.CheckWorkingGroupMeeting(nextSession) is { IsOffered: true } ? "Offered: " + procedure.CheckWorkingGroupMeeting(nextSession).Reason : procedure.CheckWorkingGroupMeeting(nextSession).Reason,
        ProcedureStep.PlenaryDiscussion when procedure.Facilitator is { } f => $"Facilitator for a draft resolution: {f}.",
        _ => null,
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
