using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.FocalPoints;

/// <summary>
/// Reads the contact form's inputs on the server, whatever the card claims: each value must be a string of
/// bounded length, the date and time well formed, the channel one of the form's choices. The time is read in
/// the author's roster time zone (the card cannot choose it).
/// </summary>
public static class ContactForm
{
    /// <summary>The input ids of <c>cards/contact-log-form.json</c>.</summary>
    public static readonly string[] InputIds = ["date", "time", "channel", "officials", "summary", "outcome", "followUp", "nextContact"];

    private const int MaxInputLength = ContactRules.SummaryMaxLength;

    /// <summary>The entry, or the errors (each naming its field); <paramref name="values"/> is what to show back in the form.</summary>
    public static (ContactDetails? Details, IReadOnlyList<ContactFieldError> Errors, JsonObject Values) Read(JsonObject? data, string timeZone, DateTimeOffset now)
    {
        var errors = new List<ContactFieldError>();
        var values = new JsonObject();
        string? Text(string id)
        {
            var node = data?[id];
            if (node is null)
            {
                return null;
            }

            if (node is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length > MaxInputLength)
            {
                errors.Add(ContactFieldError.Of(id, "unreadable", ("field", id)));
                return null;
            }

            values[id] = s;
            return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        }

        var dateText = Text("date");
        var timeText = Text("time");
        var channelText = Text("channel");
        var officialsText = Text("officials");
        var summary = Text("summary");
        var outcome = Text("outcome");
        var followUp = Text("followUp");
        var nextText = Text("nextContact");

        var zone = FindZone(timeZone);
        DateTimeOffset? at = null;
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(ContactFieldError.Of("date", "date"));
        }
        else if (!TimeOnly.TryParseExact(timeText, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(ContactFieldError.Of("time", "time"));
        }
        else
        {
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        var channel = ContactRules.ParseChannel(channelText);
        if (channel is null)
        {
            errors.Add(ContactFieldError.Of("channel", "channel"));
        }

        DateOnly? next = null;
        if (nextText is not null)
        {
            if (DateOnly.TryParseExact(nextText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var n))
            {
                next = n;
            }
            else
            {
                errors.Add(ContactFieldError.Of("nextContact", "nextContact"));
            }
        }

        if (at is null || channel is null || errors.Count > 0)
        {
            // Also report the field rules that can be checked without a time.
            var probe = new ContactDetails(now, timeZone, channel ?? ContactChannel.Other, ContactRules.ParseOfficials(officialsText), summary ?? string.Empty, outcome, followUp, null);
            errors.AddRange(ContactRules.Validate(probe, now).Where(e => e.Field is "officials" or "summary" or "outcome"));
            return (null, errors, values);
        }

        var details = new ContactDetails(at.Value, timeZone, channel.Value, ContactRules.ParseOfficials(officialsText), summary ?? string.Empty, outcome, followUp, next);
        var ruleErrors = ContactRules.Validate(details, now);
        return ruleErrors.Count > 0 ? (null, ruleErrors, values) : (details, [], values);
    }

    /// <summary>The form's values for an existing entry (a correction starts from the current version).</summary>
    public static JsonObject ValuesOf(ContactDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var zone = FindZone(details.TimeZone);
        var local = TimeZoneInfo.ConvertTime(details.ContactAt, zone);
        return new JsonObject
        {
            ["date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["channel"] = details.Channel.ToString().ToLowerInvariant(),
            ["officials"] = ContactRules.FormatOfficials(details.Officials),
            ["summary"] = details.Summary,
            ["outcome"] = details.Outcome ?? string.Empty,
            ["followUp"] = details.FollowUp ?? string.Empty,
            ["nextContact"] = details.NextContact?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }

    private static TimeZoneInfo FindZone(string timeZone)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
