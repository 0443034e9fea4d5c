namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// One field of a contact entry that is not acceptable, with a sentence that says what to give, and a stable
/// <see cref="Code"/> by which the app writes that sentence in its reader's language.
/// </summary>
public sealed record ContactFieldError(string Field, string Message)
{
    public string Code { get; init; } = string.Empty;
}

/// <summary>The rules a contact entry must meet, whatever the form or the dialog claims (checked on the server).</summary>
public static class ContactRules
{
    public const int SummaryMaxLength = 4000;
    public const int TextMaxLength = 2000;
    public const int NameMaxLength = 200;
    public const int MaxOfficials = 10;

    /// <summary>Every error in <paramref name="details"/>; empty when it can be recorded at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ContactFieldError> Validate(ContactDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = new List<ContactFieldError>();
        if (details.ContactAt > now.AddMinutes(5))
        {
            errors.Add(new("when", "The time of the contact is in the future; give the time it took place.") { Code = "future" });
        }

        if (details.ContactAt < now.AddYears(-5))
        {
            errors.Add(new("when", "The date of the contact is more than five years ago; check the date.") { Code = "tooOld" });
        }

        if (!Enum.IsDefined(details.Channel))
        {
            errors.Add(new("channel", "Choose a channel: meeting, call, démarche, letter or other.") { Code = "channel" });
        }

        if (details.Officials.Count == 0 || details.Officials.Any(o => string.IsNullOrWhiteSpace(o.Name)))
        {
            errors.Add(new("officials", "Give at least one official met, with a name.") { Code = "officials" });
        }
        else if (details.Officials.Count > MaxOfficials || details.Officials.Any(o => o.Name.Length > NameMaxLength || (o.Title?.Length ?? 0) > NameMaxLength))
        {
            errors.Add(new("officials", $"Give at most {MaxOfficials} officials, each name and title under {NameMaxLength} characters.") { Code = "officialsTooMany" });
        }

        if (string.IsNullOrWhiteSpace(details.Summary))
        {
            errors.Add(new("summary", "Give a summary of the contact.") { Code = "summary" });
        }
        else if (details.Summary.Length > SummaryMaxLength)
        {
            errors.Add(new("summary", $"The summary is longer than {SummaryMaxLength} characters.") { Code = "summaryTooLong" });
        }

        if ((details.Outcome?.Length ?? 0) > TextMaxLength || (details.FollowUp?.Length ?? 0) > TextMaxLength)
        {
            errors.Add(new("outcome", $"Outcome and follow-up are each limited to {TextMaxLength} characters.") { Code = "textTooLong" });
        }

        if (details.NextContact is { } next && next < DateOnly.FromDateTime(details.ContactAt.UtcDateTime).AddDays(-1))
        {
            errors.Add(new("nextContact", "The next contact is before this contact; give a later date or leave it empty.") { Code = "nextBefore" });
        }

        return errors;
    }

    /// <summary>Reads a channel as written in a form or typed ("démarche", "demarche", "call", …).</summary>
    public static ContactChannel? ParseChannel(string? text) =>
        (text ?? string.Empty).Trim().ToLowerInvariant().Replace('é', 'e') switch
        {
            "meeting" => ContactChannel.Meeting,
            "call" or "phone call" or "telephone" => ContactChannel.Call,
            "demarche" => ContactChannel.Demarche,
            "letter" => ContactChannel.Letter,
            "other" => ContactChannel.Other,
            _ => null,
        };

    /// <summary>The channel's name as shown.</summary>
    public static string Label(this ContactChannel channel) => channel switch
    {
        ContactChannel.Meeting => "meeting",
        ContactChannel.Call => "call",
        ContactChannel.Demarche => "démarche",
        ContactChannel.Letter => "letter",
        _ => "other",
    };

    /// <summary>"Name (Title); Name (Title)" read back into officials; a line without a title keeps only the name.</summary>
    public static IReadOnlyList<ContactOfficial> ParseOfficials(string? text) =>
        (text ?? string.Empty)
            .Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part =>
            {
                var open = part.IndexOf('(', StringComparison.Ordinal);
                return open > 0 && part.EndsWith(')')
                    ? new ContactOfficial(part[..open].Trim(), part[(open + 1)..^1].Trim())
                    : new ContactOfficial(part, string.Empty);
            })
            .ToList();

    /// <summary>The officials written back as "Name (Title); …".</summary>
    public static string FormatOfficials(IEnumerable<ContactOfficial> officials) =>
        string.Join("; ", officials.Select(o => string.IsNullOrWhiteSpace(o.Title) ? o.Name : $"{o.Name} ({o.Title})"));
}
