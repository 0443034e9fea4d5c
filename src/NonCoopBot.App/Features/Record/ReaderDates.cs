using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Features.Record;

/// <summary>
/// Dates and times as a reader of the record, the procedure, the contact log and the roster reads them, in their
/// language, through the one formatter (<see cref="DateTexts"/>): "3 December 2026", "3 décembre 2026",
/// "3 de diciembre de 2026"; "3 Dec 2026, 14:00", "3 déc. 2026 14:00", "3 dic. 2026 14:00".
/// </summary>
public sealed class ReaderDates(TextCatalogue texts, string language)
{
    public string Language { get; } = language;

    /// <summary>"3 December 2026".</summary>
    public string Day(DateOnly date) => texts.FormatLongDate(Language, date);

    /// <summary>"3 Dec 2026" (short month).</summary>
    public string ShortDay(DateOnly date) => texts.FormatDate(Language, date);

    /// <summary>"3 Dec 2026, 14:00" as the clock reads in <paramref name="zone"/> (the zone is not named).</summary>
    public string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return texts.FormatPattern(Language, TimeZoneInfo.ConvertTime(at, zone).DateTime, texts.Get(Language, DateTexts.DateTimePattern));
    }

    /// <summary>"3 Dec 2026, 14:00 UTC".</summary>
    public string Utc(DateTimeOffset at) => texts.FormatDateTimeUtc(Language, at);

    /// <summary>"3 Dec 2026, 09:00 (America/New_York)"; UTC when the zone is unknown.</summary>
    public string InZone(DateTimeOffset at, string? timeZone)
    {
        if (!string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return Time(at, zone) + $" ({timeZone})";
        }

        return Time(at, TimeZoneInfo.Utc) + " (UTC)";
    }
}
