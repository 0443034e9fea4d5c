using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Domain.Members;
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

    /// <summary>One matter's card data as <paramref name="view"/> allows (the stage never says "good offices" outside a full view).</summary>
    public static JsonObject Summary(MatterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var matter = view.Matter;
        return new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["reference"] = InertText.Of(matter.CourtReference.Value),
            ["requestedState"] = matter.RequestedState.Name,
            ["scenario"] = matter.Scenario.Label(),
            ["courtRequest"] = matter.Request.Label(),
            ["state"] = StatusText(view.Stage),
            ["openedAt"] = Iso(matter.OpenedAt),
        };
    }

    public static JsonNode MattersCard(BotCards cards, IEnumerable<MatterView> views)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return cards.Bind("matters", new JsonObject { ["matters"] = new JsonArray([.. views.Select(v => (JsonNode)Summary(v))]) });
    }

    /// <summary>The status card of one matter, showing only what <paramref name="view"/> allows.</summary>
    public static JsonNode StatusCard(BotCards cards, MatterView view)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(view);
        var matter = view.Matter;
        var summary = Summary(view);
        summary["scenarioText"] = matter.Scenario.Explanation();
        summary["personSought"] = matter.PersonSought is null ? "—" : InertText.Of(matter.PersonSought);
        var timeline = new JsonArray([.. view.Entries.Select(e => (JsonNode)new JsonObject
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

    /// <summary>One timeline entry as a sentence; every name and reference a person typed is made inert.</summary>
    public static string EventText(MatterEvent entry) => entry switch
    {
        MatterOpened e => $"Matter opened by {Name(e.Actor)}: {e.Request.Label()}, Court reference {InertText.Of(e.CourtReference)}.",
        GoodOfficesTriggered e => $"Good offices initiated by {Name(e.Actor)} ({BasisText(e.Basis)}).",
        OralReportRecorded e => $"Oral report by {Name(e.Actor)} on the interaction of {When(e.InteractionAt)} with {InertText.Of(e.WithWhom)}.",
        ReferralRecorded e => $"Court decision {InertText.Of(e.DecisionReference)} of {e.DecisionDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} recorded by {Name(e.Actor)}.",
        FocalPointAssistanceRequested e => $"{Name(e.Actor)} asked {InertText.Of(e.MemberName)} to assist.",
        ContactLogged e => $"{Name(e.Actor)} logged a contact with {InertText.Of(e.WithWhom)} on {When(e.ContactAt)}.",
        EmergencyMeetingConvened e => $"Bureau meeting convened for {When(e.MeetingAt)}.",
        OpenLetterSent e => $"Open letter sent on {e.SentOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}; views requested by {e.RespondBy.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.",
        InformationUpdated e => $"Information updated by {Name(e.Actor)}.",
        MatterClosed e => $"Matter closed by {Name(e.Actor)}.",
        _ => "Entry recorded.",
    };

    private static string Name(Actor actor) => InertText.Of(actor.Name);

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
