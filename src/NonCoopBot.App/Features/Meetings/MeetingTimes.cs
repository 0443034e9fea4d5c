using System.Globalization;
using NonCoopBot.Domain.Meetings;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>How meeting times are written: in New York and in the reader's own zone.</summary>
public static class MeetingTimes
{
    /// <summary>"Thu 3 Dec 09:00–10:00 New York".</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, string? zoneId)
    {
        var zone = TimeZones.FindOrUtc(zoneId);
        var s = TimeZoneInfo.ConvertTime(start, zone);
        var e = TimeZoneInfo.ConvertTime(end, zone);
        var c = CultureInfo.InvariantCulture;
        return $"{s.ToString("ddd d MMM HH:mm", c)}–{e.ToString(s.Date == e.Date ? "HH:mm" : "ddd d MMM HH:mm", c)} {City(zone.Id)}";
    }

    /// <summary>"Wed 2 Dec 10:05 New York".</summary>
    public static string At(DateTimeOffset at, string? zoneId)
    {
        var zone = TimeZones.FindOrUtc(zoneId);
        return $"{TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} {City(zone.Id)}";
    }

    /// <summary>"America/New_York" → "New York"; "UTC" stays.</summary>
    public static string City(string zoneId) =>
        zoneId.Contains('/', StringComparison.Ordinal) ? zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ') : zoneId;

    /// <summary>Both zones, or one when they are the same.</summary>
    public static (string NewYork, string Local) Both(DateTimeOffset start, DateTimeOffset end, string? readerZone)
    {
        var ny = Span(start, end, TimeZones.NewYork);
        var local = Span(start, end, readerZone);
        return (ny, TimeZones.FindOrUtc(readerZone).Id == TimeZones.FindOrUtc(TimeZones.NewYork).Id ? "(your time zone)" : local);
    }

    /// <summary>Wire form of a slot start in card data: ISO-8601 UTC.</summary>
    public static string Key(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="Key"/>.</summary>
    public static DateTimeOffset? ParseKey(string? text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
