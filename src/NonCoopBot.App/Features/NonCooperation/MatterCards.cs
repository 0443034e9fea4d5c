using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>Turns matters into card data, in the reader's language. Facts only (para 12): who, which request, what, when.</summary>
public static class MatterCards
{
    /// <summary>One matter's card data as <paramref name="view"/> allows (the stage never says "good offices" outside a full view).</summary>
    public static JsonObject Summary(TextCatalogue texts, MatterView view, string language)
    {
        ArgumentNullException.ThrowIfNull(view);
        var matter = view.Matter;
        return new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["reference"] = InertText.Of(matter.CourtReference.Value),
            ["requestedState"] = matter.RequestedState.NameIn(language),
            ["scenario"] = matter.Scenario.Label(),
            ["courtRequest"] = texts.RequestLabel(language, matter.Request),
            ["state"] = texts.StatusLabel(language, view.Stage),
            ["openedAt"] = Iso(matter.OpenedAt),
            ["opened"] = texts.FormatDateTimeUtc(language, matter.OpenedAt),
        };
    }

    /// <summary>
    /// A matter as a choice in a prompt: "NC-2026-001 Kenya 7(b)" (the requested State in <paramref name="language"/>),
    /// described by <paramref name="description"/> or the Court's reference, which may also be typed to pick it.
    /// </summary>
    public static Choice ChoiceOf(Matter matter, string language, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return new Choice(matter.Id.Value, $"{matter.Id} {matter.RequestedState.NameIn(language)} {matter.Scenario.Label()}",
            description ?? matter.CourtReference.Value, [matter.CourtReference.Value]);
    }

    public static JsonNode MattersCard(BotCards cards, IEnumerable<MatterView> views, string language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return cards.Bind("matters", new JsonObject { ["matters"] = new JsonArray([.. views.Select(v => (JsonNode)Summary(cards.Texts, v, language))]) }, language);
    }

    /// <summary>The status card of one matter, showing only what <paramref name="view"/> allows.</summary>
    public static JsonNode StatusCard(BotCards cards, MatterView view, string language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(view);
        var texts = cards.Texts;
        var matter = view.Matter;
        var summary = Summary(texts, view, language);
        summary["scenarioText"] = texts.ScenarioExplanation(language, matter.Scenario);
        summary["personSought"] = matter.PersonSought is null ? "—" : InertText.Of(matter.PersonSought);
        var timeline = new JsonArray([.. view.Entries.Select(e => (JsonNode)new JsonObject
        {
            ["at"] = Iso(e.At),
            ["when"] = texts.FormatDateTimeUtc(language, e.At),
            ["kind"] = texts.Get(language, "matters.kind." + KindKey(e)),
            ["text"] = EventText(texts, language, e),
        })]);
        return cards.Bind("matter-status", new JsonObject { ["matter"] = summary, ["timeline"] = timeline }, language);
    }

    private static string KindKey(MatterEvent entry) => entry switch
    {
        MatterOpened => "opened",
        GoodOfficesTriggered => "goodOffices",
        OralReportRecorded => "oralReport",
        ReferralRecorded => "referral",
        FocalPointAssistanceRequested => "assistance",
        ContactLogged => "contact",
        EmergencyMeetingConvened => "meeting",
        OpenLetterSent => "openLetter",
        InformationUpdated => "information",
        MatterClosed => "closed",
        _ => "entry",
    };

    /// <summary>One timeline entry as a sentence in <paramref name="language"/>; every name and reference a person typed is made inert.</summary>
    public static string EventText(TextCatalogue texts, string language, MatterEvent entry)
    {
        ArgumentNullException.ThrowIfNull(texts);
        string T(string key, params (string, object?)[] args) => texts.Format(language, "matters.event." + key, args);
        string When(DateTimeOffset at) => texts.FormatDateTimeUtc(language, at);
        string Day(DateOnly date) => texts.FormatDate(language, date);
        return entry switch
        {
            MatterOpened e => T("opened", ("actor", Name(e.Actor)), ("request", texts.RequestLabel(language, e.Request)), ("reference", InertText.Of(e.CourtReference))),
            GoodOfficesTriggered e => T("goodOffices", ("actor", Name(e.Actor)), ("basis", texts.BasisLabel(language, e.Basis))),
            OralReportRecorded e => T("oralReport", ("actor", Name(e.Actor)), ("when", When(e.InteractionAt)), ("withWhom", InertText.Of(e.WithWhom))),
            ReferralRecorded e => T("referral", ("decision", InertText.Of(e.DecisionReference)), ("date", Day(e.DecisionDate)), ("actor", Name(e.Actor))),
            FocalPointAssistanceRequested e => T("assistance", ("actor", Name(e.Actor)), ("member", InertText.Of(e.MemberName))),
            ContactLogged e => T("contact", ("actor", Name(e.Actor)), ("withWhom", InertText.Of(e.WithWhom)), ("when", When(e.ContactAt))),
            EmergencyMeetingConvened e => T("meeting", ("when", When(e.MeetingAt))),
            OpenLetterSent e => T("openLetter", ("sent", Day(e.SentOn)), ("respondBy", Day(e.RespondBy))),
            InformationUpdated e => T("information", ("actor", Name(e.Actor))),
            MatterClosed e => T("closed", ("actor", Name(e.Actor))),
            _ => T("entry"),
        };
    }

    private static string Name(Actor actor) => InertText.Of(actor.Name);

    /// <summary>A time in UTC as English readers see it (for the areas not yet in the catalogue; prefer <see cref="DateTexts.FormatDateTimeUtc"/>).</summary>
    public static string When(DateTimeOffset at) => TextCatalogue.Library.FormatDateTimeUtc(TextCatalogue.English, at);

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
