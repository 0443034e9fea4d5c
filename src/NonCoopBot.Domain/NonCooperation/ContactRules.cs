namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// One field of a contact entry that is not acceptable, and what to give (<see cref="Text"/>: <c>contact.&lt;code&gt;</c> and its
/// arguments, worded by the App in its reader's language).
/// </summary>
public sealed record ContactFieldError(string Field, DomainText Text)
{
    /// <summary>The error's code without its prefix ("future", "summary", …).</summary>
    public string Code => Text.Code["contact.".Length..];

    public static ContactFieldError Of(string field, string code, params (string Name, object? Value)[] arguments) =>
        new(field, DomainText.Of("contact." + code, arguments));
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
            errors.Add(ContactFieldError.Of("when", "future"));
        }

        if (details.ContactAt < now.AddYears(-5))
        {
            errors.Add(ContactFieldError.Of("when", "tooOld"));
        }

        if (!Enum.IsDefined(details.Channel))
        {
            errors.Add(ContactFieldError.Of("channel", "channel"));
        }

        if (details.Officials.Count == 0 || details.Officials.Any(o => string.IsNullOrWhiteSpace(o.Name)))
        {
            errors.Add(ContactFieldError.Of("officials", "officials"));
        }
        else if (details.Officials.Count > MaxOfficials || details.Officials.Any(o => o.Name.Length > NameMaxLength || (o.Title?.Length ?? 0) > NameMaxLength))
        {
            errors.Add(ContactFieldError.Of("officials", "officialsTooMany", ("max", MaxOfficials), ("nameMax", NameMaxLength)));
        }

        if (string.IsNullOrWhiteSpace(details.Summary))
        {
            errors.Add(ContactFieldError.Of("summary", "summary"));
        }
        else if (details.Summary.Length > SummaryMaxLength)
        {
            errors.Add(ContactFieldError.Of("summary", "summaryTooLong", ("max", SummaryMaxLength)));
        }

        if ((details.Outcome?.Length ?? 0) > TextMaxLength || (details.FollowUp?.Length ?? 0) > TextMaxLength)
        {
            errors.Add(ContactFieldError.Of("outcome", "textTooLong", ("max", TextMaxLength)));
        }

        if (details.NextContact is { } next && next < DateOnly.FromDateTime(details.ContactAt.UtcDateTime).AddDays(-1))
        {
            errors.Add(ContactFieldError.Of("nextContact", "nextBefore"));
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
