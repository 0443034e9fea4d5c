using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Features.Export;

/// <summary>
/// The texts of the exported document, the download answers and the export card, from the catalogue
/// (<c>Texts/export.*.json</c>). The chat answers of the <c>export</c> command are in the reader's language; the document
/// itself, its download answers and the card are written in English for now (see docs/languages.md).
/// </summary>
public static class ExportTexts
{
    private static string T(string key) => NonCoopBot.App.Features.NonCoopBotRoutes.Texts.Get(TextCatalogue.English, "export." + key);

    public static string OnlyInPrivateChat => T("onlyInPrivateChat");

    public static string Denied => T("denied");

    public static string NotFound => T("notFound");

    public static string LinkInvalid => T("linkInvalid");

    public static string LinkExpired => T("linkExpired");

    public static string LinkUsed => T("linkUsed");

    public static string LinkNoLongerAllowed => T("linkNoLongerAllowed");

    public static string DocumentTitle => T("documentTitle");

    public static string ConfidentialBadge => T("confidentialBadge");

    public static string PublicOnlyNote => T("publicOnlyNote");

    public static string TimelineHeading => T("timelineHeading");

    public static string AcknowledgementsHeading => T("acknowledgementsHeading");

    public static string NoEntries => T("noEntries");

    public static string NoAlerts => T("noAlerts");

    public static string PlotTitle => T("plotTitle");

    public static string PlotXLabel => T("plotXLabel");

    public static string PlotYLabel => T("plotYLabel");

    public static string PlotInMarkdown => T("plotInMarkdown");

    public static string NotYet => T("notYet");

    /// <summary>A text of the document with its placeholders filled.</summary>
    public static string Format(string key, params ReadOnlySpan<(string Name, object? Value)> args) =>
        NonCoopBot.App.Features.NonCoopBotRoutes.Texts.Format(TextCatalogue.English, "export." + key, args);

    public static string CardLinkNote(string lifetime) =>
        NonCoopBot.App.Features.NonCoopBotRoutes.Texts.Format(TextCatalogue.English, "export.cardLinkNote", ("lifetime", lifetime));
}
