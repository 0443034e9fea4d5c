using System.Globalization;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Meetings;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>
/// How meeting times are written: in New York and in the reader's own zone, with day and month names in the reader's
/// language (<see cref="DateTexts"/>: names from the catalogue's <c>date.*</c>; English when no catalogue is given).
/// </summary>
public static class MeetingTimes
{
    /// <summary>"Thu 3 Dec 09:00–10:00 New York" ("jeu. 3 déc. 09:00–10:00 New York").</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, string? zoneId, TextCatalogue? texts = null, string language = TextCatalogue.English)
    {
        var zone = TimeZones.FindOrUtc(zoneId);
        var s = TimeZoneInfo.ConvertTime(start, zone);
        var e = TimeZoneInfo.ConvertTime(end, zone);
        var endText = s.Date == e.Date ? e.ToString("HH:mm", CultureInfo.InvariantCulture) : Day(e, texts, language);
        return $"{Day(s, texts, language)}–{endText} {City(zone.Id)}";
    }

    /// <summary>"Wed 2 Dec 10:05 New York".</summary>
    public static string At(DateTimeOffset at, string? zoneId, TextCatalogue? texts = null, string language = TextCatalogue.English)
    {
        var zone = TimeZones.FindOrUtc(zoneId);
        return $"{Day(TimeZoneInfo.ConvertTime(at, zone), texts, language)} {City(zone.Id)}";
    }

    /// <summary>"Thu 3 Dec 09:00": the names in <paramref name="language"/> (the bot runs culture-invariant).</summary>
    private static string Day(DateTimeOffset at, TextCatalogue? texts, string language)
    {
        if (texts is null)
        {
            return at.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        }

        return texts.FormatPattern(language, at.DateTime, texts.Get(language, DateTexts.DayTimePattern));
    }

    /// <summary>"America/New_York" → "New York"; "UTC" stays.</summary>
    public static string City(string zoneId) =>
        zoneId.Contains('/', StringComparison.Ordinal) ? zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ') : zoneId;

    /// <summary>Both zones, or one when they are the same.</summary>
    public static (string NewYork, string Local) Both(DateTimeOffset start, DateTimeOffset end, string? readerZone, TextCatalogue texts, string language)
    {
        var ny = Span(start, end, TimeZones.NewYork, texts, language);
        var local = Span(start, end, readerZone, texts, language);
        var same = TimeZones.FindOrUtc(readerZone).Id == TimeZones.FindOrUtc(TimeZones.NewYork).Id;
        ArgumentNullException.ThrowIfNull(texts);
        return (ny, !same ? local : texts.Get(language, "meetings.yourTimeZone"));
    }

    /// <summary>Wire form of a slot start in card data: ISO-8601 UTC.</summary>
    public static string Key(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="Key"/>.</summary>
    public static DateTimeOffset? ParseKey(string? text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
