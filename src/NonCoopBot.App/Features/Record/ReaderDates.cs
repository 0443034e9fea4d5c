using System.Globalization;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.Record;

/// <summary>
/// Dates and times as a reader of the record, the procedure, the contact log and the roster reads them, in their
/// language: month names and order from the catalogue (<c>record.date.*</c>), so "3 December 2026", "3 décembre 2026",
/// "3 de diciembre de 2026". The app runs with invariant globalization, so culture data cannot come from .NET.
/// </summary>
public sealed class ReaderDates(TextCatalogue texts, string language)
{
    public string Language { get; } = language;

    /// <summary>"3 December 2026".</summary>
    public string Day(DateOnly date) =>
        texts.Format(Language, "record.date.day", ("d", date.Day), ("month", Month(date.Month, "record.date.months")), ("year", date.Year));

    /// <summary>"3 Dec 2026" (short month).</summary>
    public string ShortDay(DateOnly date) =>
        texts.Format(Language, "record.date.day", ("d", date.Day), ("month", Month(date.Month, "record.date.monthsShort")), ("year", date.Year));

    /// <summary>"3 Dec 2026, 14:00" as the clock reads in <paramref name="zone"/> (the zone is not named).</summary>
    public string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return texts.Format(Language, "record.date.time", ("day", ShortDay(DateOnly.FromDateTime(local.DateTime))), ("time", local.ToString("HH:mm", CultureInfo.InvariantCulture)));
    }

    /// <summary>"3 Dec 2026, 14:00 UTC".</summary>
    public string Utc(DateTimeOffset at) => Time(at, TimeZoneInfo.Utc) + " UTC";

    /// <summary>"3 Dec 2026, 09:00 (America/New_York)"; UTC when the zone is unknown.</summary>
    public string InZone(DateTimeOffset at, string? timeZone)
    {
        if (!string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return Time(at, zone) + $" ({timeZone})";
        }

        return Time(at, TimeZoneInfo.Utc) + " (UTC)";
    }

    private string Month(int month, string key) => texts.Get(Language, key).Split(',')[month - 1].Trim();
}
