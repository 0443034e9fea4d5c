using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>Turns matters into card data. Facts only (para 12): who, which request, what, when.</summary>
public static class MatterCards
{
    public static string StatusText(MatterStatus status) => status switch
    {
        MatterStatus.Open => "Open",
        MatterStatus.GoodOfficesUnderway => "Good offices under way",
        MatterStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    /// <param name="bureauReader">False for a reader outside the Bureau: good offices (Bureau-only) are not shown in the state.</param>
    public static JsonObject Summary(Matter matter, bool bureauReader = true)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["reference"] = matter.CourtReference.Value,
            ["requestedState"] = matter.RequestedState.Name,
            ["scenario"] = matter.Scenario.Label(),
            ["courtRequest"] = matter.Request.Label(),
            ["state"] = StatusText(!bureauReader && matter.Status == MatterStatus.GoodOfficesUnderway ? MatterStatus.Open : matter.Status),
            ["openedAt"] = Iso(matter.OpenedAt),
        };
    }

    public static JsonNode MattersCard(BotCards cards, IEnumerable<Matter> matters, bool bureauReader = true)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return cards.Bind("matters", new JsonObject { ["matters"] = new JsonArray([.. matters.Select(m => (JsonNode)Summary(m, bureauReader))]) });
    }

    public static JsonNode StatusCard(BotCards cards, Matter matter, bool includeBureauOnly)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(matter);
        var summary = Summary(matter, includeBureauOnly);
        summary["scenarioText"] = matter.Scenario.Explanation();
        summary["personSought"] = matter.PersonSought ?? "—";
        var entries = includeBureauOnly ? matter.Timeline : matter.PublicElements;
        var timeline = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
        {
            ["at"] = Iso(e.At),
            ["kind"] = KindText(e),
            ["text"] = EventText(e),
        })]);
        return cards.Bind("matter-status", new JsonObject { ["matter"] = summary, ["timeline"] = timeline });
    }

    public static string KindText(MatterEvent entry) => entry switch
    {
        MatterOpened => "Opened",
        GoodOfficesTriggered => "Good offices",
        OralReportRecorded => "Oral report",
        ReferralRecorded => "Court referral",
        FocalPointAssistanceRequested => "Assistance",
        ContactLogged => "Contact",
        EmergencyMeetingConvened => "Meeting",
        OpenLetterSent => "Open letter",
        InformationUpdated => "Information",
        MatterClosed => "Closed",
        _ => "Entry",
    };

    public static string EventText(MatterEvent entry) => entry switch
    {
        MatterOpened e => $"Matter opened by {e.Actor.Name}: {e.Request.Label()}, Court reference {e.CourtReference}.",
        GoodOfficesTriggered e => $"Good offices initiated by {e.Actor.Name} ({BasisText(e.Basis)}).",
        OralReportRecorded e => $"Oral report by {e.Actor.Name} on the interaction of {When(e.InteractionAt)} with {e.WithWhom}.",
        ReferralRecorded e => $"Court decision {e.DecisionReference} of {e.DecisionDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} recorded by {e.Actor.Name}.",
        FocalPointAssistanceRequested e => $"{e.Actor.Name} asked {e.MemberName} to assist.",
        ContactLogged e => $"{e.Actor.Name} logged a contact with {e.WithWhom} on {When(e.ContactAt)}.",
        EmergencyMeetingConvened e => $"Bureau meeting convened for {When(e.MeetingAt)}.",
        OpenLetterSent e => $"Open letter sent on {e.SentOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}; views requested by {e.RespondBy.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.",
        InformationUpdated e => $"Information updated by {e.Actor.Name}.",
        MatterClosed e => $"Matter closed by {e.Actor.Name}.",
        _ => "Entry recorded.",
    };

    public static string BasisText(GoodOfficesBasis basis) => basis switch
    {
        GoodOfficesBasis.OwnInitiativeScenario7B => "President's initiative, para 17, scenario 7(b)",
        GoodOfficesBasis.OwnInitiativeUrgent7A => "President's initiative, para 17, urgent 7(a) matter",
        GoodOfficesBasis.BureauDecision => "as decided by the Bureau, para 18",
        _ => basis.ToString(),
    };

    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
