using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Features.Export;

/// <summary>
/// The texts of the export (<c>Texts/export.*.json</c>): the document, its plot and the export card in the requester's
/// language (<see cref="Get"/>, <see cref="Format"/>, <see cref="When"/>); the chat answers of the <c>export</c> command
/// come from the turn (<c>turn.T</c>). The download answers of a link that is not valid, expired or used (and the sign-in's
/// refusals) are in the browser's language (<see cref="BrowserLanguage"/>): the browser's request is not a Teams turn, and
/// such a link names nobody whose language could be read. The English properties below are those answers' English texts.
/// </summary>
public static class ExportTexts
{
    private static TextCatalogue Texts => NonCoopBot.App.Features.NonCoopBotRoutes.Texts;

    /// <summary>
    /// The language of a browser's request: the first of English, French and Spanish in its <c>Accept-Language</c>
    /// (highest quality first, then header order; <c>fr-CH</c> is French); English when it names none of them.
    /// </summary>
    public static string BrowserLanguage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var accepted in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(a => a.Quality ?? 1))
        {
            if (TextCatalogue.Normalize(accepted.Value.Value) is { } language)
            {
                return language;
            }
        }

        return TextCatalogue.English;
    }

    /// <summary>A text of the export in <paramref name="language"/>.</summary>
    public static string Get(string language, string key) => Texts.Get(language, "export." + key);

    /// <summary>A text of the export in <paramref name="language"/> with its placeholders filled.</summary>
    public static string Format(string language, string key, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Texts.Format(language, "export." + key, args);

    /// <summary>
    /// A time as the export writes it, in the reader's zone and language, the zone named after it:
    /// <c>29 Nov 2026, 09:00 (America/New_York)</c>, <c>29 nov. 2026 09:00 (America/New_York)</c>; UTC when the zone is unknown.
    /// </summary>
    public static string When(string language, DateTimeOffset at, string timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)
            ? $"{Texts.FormatDateTime(language, at, timeZone)} ({timeZone})"
            : $"{Texts.FormatDateTime(language, at)} (UTC)";

    public static string OnlyInPrivateChat => Get(TextCatalogue.English, "onlyInPrivateChat");

    public static string Denied => Get(TextCatalogue.English, "denied");

    public static string NotFound => Get(TextCatalogue.English, "notFound");

    public static string LinkInvalid => Get(TextCatalogue.English, "linkInvalid");

    public static string LinkExpired => Get(TextCatalogue.English, "linkExpired");

    public static string LinkUsed => Get(TextCatalogue.English, "linkUsed");

    public static string LinkNoLongerAllowed => Get(TextCatalogue.English, "linkNoLongerAllowed");

    public static string PublicOnlyNote => Get(TextCatalogue.English, "publicOnlyNote");

    public static string AcknowledgementsHeading => Get(TextCatalogue.English, "acknowledgementsHeading");
}
