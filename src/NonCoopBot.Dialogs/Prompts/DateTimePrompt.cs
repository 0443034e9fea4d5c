using System.Globalization;
using System.Text.RegularExpressions;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>
/// Asks for a date and time, read in the request's time zone (the member's own, from the roster) unless
/// the answer names one. Accepts "now", "today 14:30", "yesterday 9:15", "14:30", "2026-11-28 14:30",
/// "28/11/2026 14:30" (day first), "28 Nov 2026 14:30", each optionally followed by "UTC", an offset
/// such as "+02:00", or an IANA zone such as "Europe/Paris". The date words of French and Spanish are read too, from
/// anyone ("aujourd'hui 14h30", "demain à 9h", "mañana a las 14:00", "3 déc. 2026 14:00", "3 de diciembre de 2026 14:00";
/// see <see cref="DateTexts.ToEnglishDateWords"/>). The answer is a UTC <see cref="DateTimeOffset"/>.
/// </summary>
public sealed partial class DateTimePrompt : Prompt<DateTimeOffset>
{
    private readonly TimeProvider time;

    public DateTimePrompt(string id, TimeProvider time, Func<DateTimeOffset, string?>? validator = null, int maxAttempts = 3)
        : base(id, validator, maxAttempts) => this.time = time;

    /// <summary>With a validator that answers in the turn's language.</summary>
    public DateTimePrompt(string id, TimeProvider time, Func<TurnContext, DateTimeOffset, string?> validator, int maxAttempts = 3)
        : base(id, validator, maxAttempts) => this.time = time;

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy", "d MMM", "d MMMM",
    ];

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "h:mmtt", "h:mm tt", "htt", "h tt", "H'h'mm", "H'h'", "H'H'mm", "H'H'"];

    protected override Recognized<DateTimeOffset> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return TryParse(turn.Texts(), turn.Language, CommandText.Normalize(turn.Text), request.TimeZone, time.GetUtcNow(), out var value, out var error)
            ? Recognized<DateTimeOffset>.Ok(value)
            : Recognized<DateTimeOffset>.Fail(error);
    }

    /// <summary>Parses an answer, saying why not in English; exposed for tests and for other prompts.</summary>
    public static bool TryParse(string text, string? defaultTimeZone, DateTimeOffset nowUtc, out DateTimeOffset value, out string error) =>
        TryParse(TextCatalogue.Library, TextCatalogue.English, text, defaultTimeZone, nowUtc, out value, out error);

    /// <summary>Parses an answer written with the date words of any language, saying why not in <paramref name="language"/>.</summary>
    public static bool TryParse(TextCatalogue texts, string language, string text, string? defaultTimeZone, DateTimeOffset nowUtc, out DateTimeOffset value, out string error)
    {
        ArgumentNullException.ThrowIfNull(texts);
        value = default;
        error = texts.Get(language, "prompt.datetime.retry");
        text = texts.ToEnglishDateWords(text ?? string.Empty);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (!TrySplitZone(text, defaultTimeZone, out var body, out var zone, out var offset, out var unknownZone))
        {
            error = texts.Format(language, "prompt.datetime.unknownZone", ("zone", unknownZone));
            return false;
        }

        if (body.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            value = nowUtc;
            return true;
        }

        var localNow = offset is { } fixedOffset ? nowUtc.ToOffset(fixedOffset).DateTime : TimeZoneInfo.ConvertTime(nowUtc, zone!).DateTime;
        if (!TryParseLocal(body, localNow, out var local))
        {
            return false;
        }

        if (offset is { } o)
        {
            value = new DateTimeOffset(local, o).ToUniversalTime();
            return true;
        }

        if (zone!.IsInvalidTime(local))
        {
            error = texts.Format(language, "prompt.datetime.noSuchTime", ("time", texts.FormatPattern(language, local, texts.Get(language, DateTexts.TimePattern))), ("zone", zone.Id));
            return false;
        }

        value = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }

    private static bool TryParseLocal(string body, DateTime localNow, out DateTime local)
    {
        local = default;
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var today = localNow.Date;

        // Time only.
        if (TryTime(body, out var onlyTime))
        {
            local = today + onlyTime;
            return true;
        }

        // Relative day + time.
        var first = parts[0].ToLowerInvariant();
        DateTime? day = first switch
        {
            "today" => today,
            "yesterday" => today.AddDays(-1),
            "tomorrow" => today.AddDays(1),
            _ => null,
        };
        if (day is not null)
        {
            var rest = string.Join(' ', parts.Skip(1));
            if (rest.Length == 0 || !TryTime(rest, out var t))
            {
                return false;
            }

            local = day.Value + t;
            return true;
        }

        // Absolute date + time: try each split point (dates have 1 to 3 words).
        for (var n = Math.Min(3, parts.Length - 1); n >= 1; n--)
        {
            var datePart = string.Join(' ', parts.Take(n));
            var timePart = string.Join(' ', parts.Skip(n));
            if (DateTime.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
                && TryTime(timePart, out var t))
            {
                if (!datePart.Any(char.IsDigit) || !ContainsYear(datePart))
                {
                    date = new DateTime(today.Year, date.Month, date.Day, 0, 0, 0, DateTimeKind.Unspecified);
                }

                local = DateTime.SpecifyKind(date.Date + t, DateTimeKind.Unspecified);
                return true;
            }
        }

        return false;
    }

    private static bool ContainsYear(string datePart) => YearPattern().IsMatch(datePart);

    private static bool TryTime(string text, out TimeSpan time)
    {
        time = default;
        var compact = text.Trim().ToUpperInvariant();
        if (DateTime.TryParseExact(compact, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed.TimeOfDay;
            return true;
        }

        return false;
    }

    private static bool TrySplitZone(string text, string? defaultZone, out string body, out TimeZoneInfo? zone, out TimeSpan? offset, out string unknownZone)
    {
        body = text;
        zone = null;
        offset = null;
        unknownZone = string.Empty;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = parts[^1];
        if (parts.Length > 1 || last.Contains('/', StringComparison.Ordinal) || last.Equals("utc", StringComparison.OrdinalIgnoreCase))
        {
            if (last.Equals("utc", StringComparison.OrdinalIgnoreCase) || last.Equals("gmt", StringComparison.OrdinalIgnoreCase) || last == "Z")
            {
                offset = TimeSpan.Zero;
                body = string.Join(' ', parts[..^1]);
                return true;
            }

            var offsetMatch = OffsetPattern().Match(last);
            if (offsetMatch.Success)
            {
                var sign = offsetMatch.Groups[1].Value == "-" ? -1 : 1;
                var hours = int.Parse(offsetMatch.Groups[2].Value, CultureInfo.InvariantCulture);
                var minutes = offsetMatch.Groups[3].Success ? int.Parse(offsetMatch.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
                offset = sign * new TimeSpan(hours, minutes, 0);
                body = string.Join(' ', parts[..^1]);
                return true;
            }

            if (last.Contains('/', StringComparison.Ordinal) && char.IsLetter(last[0]))
            {
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(last, out zone))
                {
                    unknownZone = last;
                    return false;
                }

                body = string.Join(' ', parts[..^1]);
                return true;
            }
        }

        if (defaultZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(defaultZone, out zone))
        {
            return true;
        }

        zone = TimeZoneInfo.Utc;
        return true;
    }

    [GeneratedRegex(@"^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"\d{4}")]
    private static partial Regex YearPattern();
}
