using System.Globalization;
using System.Text;

namespace NonCoopBot.Dialogs.Texts;

/// <summary>
/// The one formatter of dates and times a person reads, per language, from the catalogue (the app runs with invariant
/// globalization, so no culture data is loaded: month and day names, the patterns and the date words are catalogue texts
/// <c>date.*</c> in <c>Dialogs/Texts/dialogs.&lt;lang&gt;.json</c>). English: <c>3 Dec 2026, 14:00</c>; French:
/// <c>3 déc. 2026 14:00</c>; Spanish: <c>3 dic. 2026 14:00</c>. Every feature formats its times with these methods.
/// </summary>
public static class DateTexts
{
    /// <summary>Date and time: <c>3 Dec 2026, 14:00</c> / <c>3 déc. 2026 14:00</c>.</summary>
    public const string DateTimePattern = "date.pattern.dateTime";

    /// <summary>Date: <c>3 Dec 2026</c> / <c>3 déc. 2026</c>.</summary>
    public const string DatePattern = "date.pattern.date";

    /// <summary>Date with the month written out: <c>3 December 2026</c> / <c>3 décembre 2026</c> / <c>3 de diciembre de 2026</c>.</summary>
    public const string LongDatePattern = "date.pattern.longDate";

    /// <summary>Weekday, day and time: <c>Thu 3 Dec 14:00</c> / <c>jeu. 3 déc. 14:00</c>.</summary>
    public const string DayTimePattern = "date.pattern.dayTime";

    /// <summary>Time of day: <c>14:00</c>.</summary>
    public const string TimePattern = "date.pattern.time";

    /// <summary><paramref name="at"/> in the time zone <paramref name="timeZone"/> (IANA id; UTC when null or unknown), as date and time.</summary>
    public static string FormatDateTime(this TextCatalogue texts, string language, DateTimeOffset at, string? timeZone = null) =>
        texts.FormatPattern(language, Local(at, timeZone), texts.Get(language, DateTimePattern));

    /// <summary><paramref name="at"/> in UTC as date and time followed by "UTC": <c>3 déc. 2026 14:00 UTC</c>.</summary>
    public static string FormatDateTimeUtc(this TextCatalogue texts, string language, DateTimeOffset at) =>
        texts.FormatDateTime(language, at) + " UTC";

    /// <summary>A calendar date: <c>3 déc. 2026</c>.</summary>
    public static string FormatDate(this TextCatalogue texts, string language, DateOnly date) =>
        texts.FormatPattern(language, date.ToDateTime(TimeOnly.MinValue), texts.Get(language, DatePattern));

    /// <summary>A calendar date with the month written out: <c>3 décembre 2026</c>.</summary>
    public static string FormatLongDate(this TextCatalogue texts, string language, DateOnly date) =>
        texts.FormatPattern(language, date.ToDateTime(TimeOnly.MinValue), texts.Get(language, LongDatePattern));

    /// <summary><paramref name="at"/> in <paramref name="timeZone"/> as weekday, day and time: <c>jeu. 3 déc. 14:00</c>.</summary>
    public static string FormatDayTime(this TextCatalogue texts, string language, DateTimeOffset at, string? timeZone = null) =>
        texts.FormatPattern(language, Local(at, timeZone), texts.Get(language, DayTimePattern));

    /// <summary><paramref name="at"/> in <paramref name="timeZone"/> as a time of day: <c>14:00</c>.</summary>
    public static string FormatTime(this TextCatalogue texts, string language, DateTimeOffset at, string? timeZone = null) =>
        texts.FormatPattern(language, Local(at, timeZone), texts.Get(language, TimePattern));

    /// <summary>
    /// Formats a local date and time with a .NET-style pattern (<c>d dd M MM MMM MMMM ddd dddd yy yyyy H HH h hh mm tt</c>,
    /// <c>'quoted'</c> literals, anything else as is), the month and day names taken from the catalogue in <paramref name="language"/>.
    /// </summary>
    public static string FormatPattern(this TextCatalogue texts, string language, DateTime local, string pattern)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(pattern);
        var builder = new StringBuilder(pattern.Length + 16);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var close = pattern.IndexOf('\'', i + 1);
                close = close < 0 ? pattern.Length : close;
                builder.Append(pattern, i + 1, close - i - 1);
                i = close + 1;
                continue;
            }

            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            builder.Append(Token(texts, language, local, c, run) ?? new string(c, run));
            i += run;
        }

        return builder.ToString();
    }

    /// <summary>The month names of <paramref name="language"/> (January first), full or short.</summary>
    public static IReadOnlyList<string> Months(this TextCatalogue texts, string language, bool full) =>
        Names(texts, language, full ? "date.months" : "date.monthsShort", 12);

    /// <summary>The weekday names of <paramref name="language"/> (Sunday first, as <see cref="DayOfWeek"/>), full or short.</summary>
    public static IReadOnlyList<string> Days(this TextCatalogue texts, string language, bool full) =>
        Names(texts, language, full ? "date.days" : "date.daysShort", 7);

    /// <summary>
    /// Rewrites the date words of any of the three languages into the English forms the date parser reads, whatever the
    /// reader's language: month names and abbreviations ("déc.", "diciembre" → "Dec"), day words ("aujourd'hui", "mañana"
    /// → "today", "tomorrow"), and drops linking words ("à", "a las", "de", "at"). Other words are kept as written.
    /// </summary>
    public static string ToEnglishDateWords(this TextCatalogue texts, string text)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var words = DateWords.GetValue(texts, Build);
        var result = new List<string>();
        foreach (var token in (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = Fold(token);
            if (words.Fillers.Contains(folded))
            {
                continue;
            }

            result.Add(words.Map.TryGetValue(folded, out var english) ? english : token.TrimEnd(','));
        }

        return string.Join(' ', result);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TextCatalogue, DateWordTable> DateWords = new();

    private sealed record DateWordTable(Dictionary<string, string> Map, HashSet<string> Fillers);

    private static DateWordTable Build(TextCatalogue texts)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var fillers = new HashSet<string>(StringComparer.Ordinal);
        var englishShort = texts.Months(TextCatalogue.English, full: false);
        foreach (var language in TextCatalogue.Languages)
        {
            for (var m = 0; m < 12; m++)
            {
                map.TryAdd(Fold(texts.Months(language, full: true)[m]), englishShort[m]);
                map.TryAdd(Fold(texts.Months(language, full: false)[m]), englishShort[m]);
            }

            foreach (var word in new[] { "now", "today", "tomorrow", "yesterday" })
            {
                foreach (var alternative in texts.Get(language, "date.word." + word).Split('|'))
                {
                    map.TryAdd(Fold(alternative), word);
                }
            }

            fillers.UnionWith(texts.Get(language, "date.word.filler").Split('|').Select(Fold));
        }

        fillers.ExceptWith(map.Keys);
        return new DateWordTable(map, fillers);
    }

    /// <summary>Folded (<see cref="TextFold"/>), trailing dot or comma dropped.</summary>
    private static string Fold(string word) => TextFold.Fold(word.Trim().TrimEnd('.', ','));

    /// <summary>The wall-clock time of <paramref name="at"/> in <paramref name="timeZone"/> (IANA id; UTC when null or unknown).</summary>
    public static DateTime Local(DateTimeOffset at, string? timeZone)
    {
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(at, zone).DateTime;
    }

    private static string? Token(TextCatalogue texts, string language, DateTime local, char c, int run)
    {
        var inv = CultureInfo.InvariantCulture;
        return (c, run) switch
        {
            ('d', 1) => local.Day.ToString(inv),
            ('d', 2) => local.Day.ToString("00", inv),
            ('d', 3) => texts.Days(language, full: false)[(int)local.DayOfWeek],
            ('d', _) => texts.Days(language, full: true)[(int)local.DayOfWeek],
            ('M', 1) => local.Month.ToString(inv),
            ('M', 2) => local.Month.ToString("00", inv),
            ('M', 3) => texts.Months(language, full: false)[local.Month - 1],
            ('M', _) => texts.Months(language, full: true)[local.Month - 1],
            ('y', 2) => (local.Year % 100).ToString("00", inv),
            ('y', _) => local.Year.ToString(inv),
            ('H', 1) => local.Hour.ToString(inv),
            ('H', _) => local.Hour.ToString("00", inv),
            ('h', 1) => (local.Hour % 12 == 0 ? 12 : local.Hour % 12).ToString(inv),
            ('h', _) => (local.Hour % 12 == 0 ? 12 : local.Hour % 12).ToString("00", inv),
            ('m', _) => local.Minute.ToString("00", inv),
            ('t', _) => local.Hour < 12 ? "AM" : "PM",
            _ => null,
        };
    }

    private static string[] Names(TextCatalogue texts, string language, string key, int count)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var names = texts.Get(language, key).Split('|');
        return names.Length == count
            ? names
            : throw new InvalidOperationException($"Text '{key}' ({language}) must list {count} names separated by '|'.");
    }
}
