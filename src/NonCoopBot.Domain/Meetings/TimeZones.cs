namespace NonCoopBot.Domain.Meetings;

/// <summary>
/// Time zones by IANA id (the roster) or Windows id (Graph's <c>workingHours.timeZone.name</c>). Windows ids are
/// converted with <see cref="TimeZoneInfo.TryConvertWindowsIdToIanaId(string, out string?)"/>; that needs ICU, which
/// an invariant-globalization build does not load, so the CLDR "001" mappings of the common zones are kept here too.
/// </summary>
public static class TimeZones
{
    /// <summary>New York: every meeting time is also shown there (the Bureau sits in New York).</summary>
    public const string NewYork = "America/New_York";

    private static readonly Dictionary<string, string> WindowsToIana = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = "Etc/UTC", ["GMT Standard Time"] = "Europe/London", ["Greenwich Standard Time"] = "Atlantic/Reykjavik",
        ["W. Europe Standard Time"] = "Europe/Berlin", ["Romance Standard Time"] = "Europe/Paris",
        ["Central Europe Standard Time"] = "Europe/Budapest", ["Central European Standard Time"] = "Europe/Warsaw",
        ["E. Europe Standard Time"] = "Europe/Chisinau", ["FLE Standard Time"] = "Europe/Kiev", ["GTB Standard Time"] = "Europe/Bucharest",
        ["Russian Standard Time"] = "Europe/Moscow", ["Turkey Standard Time"] = "Europe/Istanbul", ["Israel Standard Time"] = "Asia/Jerusalem",
        ["Egypt Standard Time"] = "Africa/Cairo", ["South Africa Standard Time"] = "Africa/Johannesburg",
        ["W. Central Africa Standard Time"] = "Africa/Lagos", ["E. Africa Standard Time"] = "Africa/Nairobi",
        ["Morocco Standard Time"] = "Africa/Casablanca", ["Arabian Standard Time"] = "Asia/Dubai", ["Arab Standard Time"] = "Asia/Riyadh",
        ["Iran Standard Time"] = "Asia/Tehran", ["Pakistan Standard Time"] = "Asia/Karachi", ["India Standard Time"] = "Asia/Calcutta",
        ["Bangladesh Standard Time"] = "Asia/Dhaka", ["SE Asia Standard Time"] = "Asia/Bangkok", ["China Standard Time"] = "Asia/Shanghai",
        ["Singapore Standard Time"] = "Asia/Singapore", ["Tokyo Standard Time"] = "Asia/Tokyo", ["Korea Standard Time"] = "Asia/Seoul",
        ["AUS Eastern Standard Time"] = "Australia/Sydney", ["New Zealand Standard Time"] = "Pacific/Auckland",
        ["Eastern Standard Time"] = "America/New_York", ["Central Standard Time"] = "America/Chicago",
        ["Mountain Standard Time"] = "America/Denver", ["Pacific Standard Time"] = "America/Los_Angeles",
        ["Central Standard Time (Mexico)"] = "America/Mexico_City", ["SA Pacific Standard Time"] = "America/Bogota",
        ["SA Western Standard Time"] = "America/La_Paz", ["Pacific SA Standard Time"] = "America/Santiago",
        ["Argentina Standard Time"] = "America/Buenos_Aires", ["E. South America Standard Time"] = "America/Sao_Paulo",
        ["Venezuela Standard Time"] = "America/Caracas", ["Atlantic Standard Time"] = "America/Halifax",
        ["Hawaiian Standard Time"] = "Pacific/Honolulu", ["Fiji Standard Time"] = "Pacific/Fiji",
    };

    /// <summary>The zone for an IANA or Windows id, or null when unknown.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        id = id.Trim();
        if (TryFind(id) is { } direct)
        {
            return direct;
        }

        var iana = TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var converted) ? converted
            : WindowsToIana.GetValueOrDefault(id);
        return iana is null ? null : TryFind(iana);
    }

    /// <summary>The zone, or UTC when the id is unknown.</summary>
    public static TimeZoneInfo FindOrUtc(string? id) => Find(id) ?? TimeZoneInfo.Utc;

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
