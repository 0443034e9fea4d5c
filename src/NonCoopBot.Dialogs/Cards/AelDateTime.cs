// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>
/// <c>formatDateTime(timestamp, format?, locale?)</c> as adaptive-expressions 4.x does it: the C#-style format is
/// converted to a Day.js format (<c>convertCSharpDateTimeToDayjs</c>) and applied in UTC with Day.js's English
/// locale. Timestamps are ISO 8601 strings; a timestamp without a zone is UTC.
/// </summary>
internal static partial class AelDateTime
{
    private const string DefaultDayjsFormat = "YYYY-MM-DDTHH:mm:ss.SSS[Z]";

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static AelResult FormatDateTime(List<object?> args)
    {
        if (args[0] is not string timestamp)
        {
            return AelResult.Fail($"{JsValues.ToJsString(args[0])} is not a timestamp string (formatDateTime).");
        }

        if (!TryParseIso(timestamp, out var instant))
        {
            return AelResult.Fail($"{timestamp} is not a valid datetime string (only ISO 8601 timestamps are supported).");
        }

        var format = DefaultDayjsFormat;
        if (args.Count == 3 && args[1] is string f3 && args[2] is string locale)
        {
            format = f3.Length > 0 ? TimestampFormatter(f3) : DefaultDayjsFormat;
            var language = locale.Length >= 2 ? locale[..2] : locale;
            if (!language.Equals("en", StringComparison.OrdinalIgnoreCase))
            {
                return AelResult.Fail($"formatDateTime: locale '{locale}' is not supported (English only).");
            }
        }
        else if (args.Count == 2 && args[1] is string f2)
        {
            format = TimestampFormatter(f2);
        }

        return AelResult.Ok(FormatDayjs(instant, format));
    }

    private static string TimestampFormatter(string format)
    {
        if (format.Length == 0)
        {
            return DefaultDayjsFormat;
        }

        try
        {
            return ConvertCSharpToDayjs(format);
        }
        catch (FormatException)
        {
            return format;
        }
    }

    [GeneratedRegex(@"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoTimestamp();

    private static bool TryParseIso(string text, out DateTimeOffset instant)
    {
        instant = default;
        var match = IsoTimestamp().Match(text);
        if (!match.Success || (match.Groups[8].Success && !match.Groups[4].Success))
        {
            return false;
        }

        int Part(int group, int fallback) =>
            match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;

        var millis = match.Groups[7].Success
            ? int.Parse((match.Groups[7].Value + "00")[..3], CultureInfo.InvariantCulture)
            : 0;
        var offset = TimeSpan.Zero;
        if (match.Groups[8].Success && match.Groups[8].Value != "Z")
        {
            var sign = match.Groups[8].Value[0] == '-' ? -1 : 1;
            var hours = int.Parse(match.Groups[8].Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups[8].Value.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = sign * new TimeSpan(hours, minutes, 0);
        }

        try
        {
            var (hour, minute, second) = (Part(4, 0), Part(5, 0), Part(6, 0));
            var addDay = false;
            if (hour == 24 && minute == 0 && second == 0 && millis == 0)
            {
                hour = 0;
                addDay = true;
            }

            instant = new DateTimeOffset(Part(1, 0), Part(2, 1), Part(3, 1), hour, minute, second, millis, offset);
            if (addDay)
            {
                instant = instant.AddDays(1);
            }

            instant = instant.ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    // Day.js REGEX_FORMAT: \[([^\]]+)]|YYYY|YY|M{1,4}|D{1,2}|d{1,4}|H{1,2}|h{1,2}|a|A|m{1,2}|s{1,2}|Z{1,2}|SSS
    [GeneratedRegex(@"\[([^\]]+)]|YYYY|YY|M{1,4}|D{1,2}|d{1,4}|H{1,2}|h{1,2}|a|A|m{1,2}|s{1,2}|Z{1,2}|SSS")]
    private static partial Regex DayjsTokens();

    private static string FormatDayjs(DateTimeOffset t, string format)
    {
        var hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        var weekday = (int)t.DayOfWeek;
        return DayjsTokens().Replace(format, m =>
        {
            if (m.Groups[1].Success)
            {
                return m.Groups[1].Value;
            }

            return m.Value switch
            {
                "YY" => Str(t.Year)[^2..],
                "YYYY" => Str(t.Year).PadLeft(4, '0'),
                "M" => Str(t.Month),
                "MM" => Str(t.Month).PadLeft(2, '0'),
                "MMM" => Months[t.Month - 1][..3],
                "MMMM" => Months[t.Month - 1],
                "D" => Str(t.Day),
                "DD" => Str(t.Day).PadLeft(2, '0'),
                "d" => Str(weekday),
                "dd" => Weekdays[weekday][..2],
                "ddd" => Weekdays[weekday][..3],
                "dddd" => Weekdays[weekday],
                "H" => Str(t.Hour),
                "HH" => Str(t.Hour).PadLeft(2, '0'),
                "h" => Str(hour12),
                "hh" => Str(hour12).PadLeft(2, '0'),
                "a" => t.Hour < 12 ? "am" : "pm",
                "A" => t.Hour < 12 ? "AM" : "PM",
                "m" => Str(t.Minute),
                "mm" => Str(t.Minute).PadLeft(2, '0'),
                "s" => Str(t.Second),
                "ss" => Str(t.Second).PadLeft(2, '0'),
                "SSS" => Str(t.Millisecond).PadLeft(3, '0'),
                "Z" => "+00:00",
                _ => "+0000",
            };
        });

        static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private enum State
    {
        None, LowerD1, LowerD2, LowerD3, LowerD4, LowerF1, LowerF2, LowerF3, CapitalF1, CapitalF2, CapitalF3, LowerG,
        LowerH1, LowerH2, CapitalH1, CapitalH2, LowerM1, LowerM2, CapitalM1, CapitalM2, CapitalM3, CapitalM4,
        LowerS1, LowerS2, LowerT1, LowerT2, LowerY1, LowerY2, LowerY3, LowerY4, LowerZ1, LowerZ2, LowerZ3,
        InSingleQuoteLiteral, InDoubleQuoteLiteral, EscapeSequence,
    }

    /// <summary>Port of <c>convertCSharpDateTimeToDayjs</c> (adaptive-expressions datetimeFormatConverter.ts).</summary>
    internal static string ConvertCSharpToDayjs(string format)
    {
        var result = new StringBuilder();
        var state = State.None;
        var buffer = new StringBuilder();
        if (format.Length == 0)
        {
            return string.Empty;
        }

        if (format.Length == 1)
        {
            switch (format)
            {
                case "R" or "r" or "U" or "u":
                    throw new FormatException($"format '{format}' is not supported in Day.js");
                case "O" or "o":
                    format = "YYYY-MM-DDTHH:mm:ss.SSS0000Z";
                    break;
            }
        }

        void ChangeState(State next)
        {
            switch (state)
            {
                case State.LowerD1: result.Append('D'); break;
                case State.LowerD2: result.Append("DD"); break;
                case State.LowerD3: result.Append("ddd"); break;
                case State.LowerD4: result.Append("dddd"); break;
                case State.LowerF1 or State.CapitalF1: throw new FormatException("S not supported in Day.js");
                case State.LowerF2 or State.CapitalF2: throw new FormatException("SS not supported in Day.js");
                case State.LowerF3 or State.CapitalF3: result.Append("SSS"); break;
                case State.LowerG: throw new FormatException("Era not supported in Day.js");
                case State.LowerH1: result.Append('h'); break;
                case State.LowerH2: result.Append("hh"); break;
                case State.CapitalH1: result.Append('H'); break;
                case State.CapitalH2: result.Append("HH"); break;
                case State.LowerM1: result.Append('m'); break;
                case State.LowerM2: result.Append("mm"); break;
                case State.CapitalM1: result.Append('M'); break;
                case State.CapitalM2: result.Append("MM"); break;
                case State.CapitalM3: result.Append("MMM"); break;
                case State.CapitalM4: result.Append("MMMM"); break;
                case State.LowerS1: result.Append('s'); break;
                case State.LowerS2: result.Append("ss"); break;
                case State.LowerT1 or State.LowerT2: result.Append('A'); break;
                case State.LowerY1 or State.LowerY2: result.Append("YY"); break;
                case State.LowerY3 or State.LowerY4: result.Append("YYYY"); break;
                case State.LowerZ1 or State.LowerZ2: result.Append("ZZ"); break;
                case State.LowerZ3: result.Append('Z'); break;
                case State.InSingleQuoteLiteral or State.InDoubleQuoteLiteral or State.EscapeSequence: result.Append(buffer); break;
            }

            buffer.Clear();
            state = next;
        }

        void Step(State first, params State[] chain)
        {
            // Advance along first → chain[0] → … ; stay on the last; anything else starts at first.
            var all = new[] { first }.Concat(chain).ToArray();
            var at = Array.IndexOf(all, state);
            if (at < 0)
            {
                ChangeState(first);
            }
            else if (at < all.Length - 1)
            {
                state = all[at + 1];
            }
        }

        foreach (var c in format)
        {
            if (state == State.EscapeSequence)
            {
                buffer.Append(c);
                ChangeState(State.None);
            }
            else if (state == State.InDoubleQuoteLiteral)
            {
                if (c == '`')
                {
                    ChangeState(State.None);
                }
                else
                {
                    buffer.Append(c);
                }
            }
            else if (state == State.InSingleQuoteLiteral)
            {
                if (c == '\'')
                {
                    ChangeState(State.None);
                }
                else
                {
                    buffer.Append(c);
                }
            }
            else
            {
                switch (c)
                {
                    case 'd': Step(State.LowerD1, State.LowerD2, State.LowerD3, State.LowerD4); break;
                    case 'f': Step(State.LowerF1, State.LowerF2, State.LowerF3); break;
                    case 'F': Step(State.CapitalF1, State.CapitalF2, State.CapitalF3); break;
                    case 'g': Step(State.LowerG); break;
                    case 'h': Step(State.LowerH1, State.LowerH2); break;
                    case 'H': Step(State.CapitalH1, State.CapitalH2); break;
                    case 'K': ChangeState(State.None); result.Append('Z'); break;
                    case 'm': Step(State.LowerM1, State.LowerM2); break;
                    case 'M': Step(State.CapitalM1, State.CapitalM2, State.CapitalM3, State.CapitalM4); break;
                    case 's': Step(State.LowerS1, State.LowerS2); break;
                    case 't': Step(State.LowerT1, State.LowerT2); break;
                    case 'y': Step(State.LowerY1, State.LowerY2, State.LowerY3, State.LowerY4); break;
                    case 'z': Step(State.LowerZ1, State.LowerZ2, State.LowerZ3); break;
                    case ':': ChangeState(State.None); result.Append(':'); break;
                    case '/': ChangeState(State.None); result.Append('/'); break;
                    case '`': ChangeState(State.InDoubleQuoteLiteral); break;
                    case '\'': ChangeState(State.InSingleQuoteLiteral); break;
                    case '%': ChangeState(State.None); break;
                    case '\\': ChangeState(State.EscapeSequence); break;
                    default: ChangeState(State.None); result.Append(c); break;
                }
            }
        }

        if (state is State.EscapeSequence or State.InDoubleQuoteLiteral or State.InSingleQuoteLiteral)
        {
            throw new FormatException("Invalid Format String");
        }

        ChangeState(State.None);
        return result.ToString();
    }
}
