using System.Text;
using System.Text.RegularExpressions;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>A string literal of a C# source file: where it is, its text (interpolation holes as <c>{…}</c>), and the code before it on its statement.</summary>
internal sealed record CodeLiteral(string File, int Line, string Text, string Context)
{
    public override string ToString() => $"{File}:{Line}: \"{Text}\"";
}

/// <summary>
/// Reads the string literals of C# sources without a compiler: regular, verbatim, interpolated and raw literals; comments and
/// character literals are skipped. Good enough to find the texts a person would read (<see cref="NoTextInCodeTests"/>).
/// </summary>
internal static partial class CodeLiterals
{
    public static IEnumerable<CodeLiteral> Of(string file, string source)
    {
        var i = 0;
        var statementStart = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && Next(source, i) == '/')
            {
                i = SkipTo(source, i, "\n");
                continue;
            }

            if (c == '/' && Next(source, i) == '*')
            {
                i = SkipTo(source, i + 2, "*/") + 1;
                continue;
            }

            if (c == '\'')
            {
                i = SkipCharLiteral(source, i);
                continue;
            }

            if (c is ';' or '{' or '}')
            {
                statementStart = i + 1;
                i++;
                continue;
            }

            if (c is '"' or '$' or '@' && StartsLiteral(source, i, out var prefix))
            {
                var start = i;
                var (text, end) = ReadLiteral(source, i + prefix.Length, prefix);
                var context = source[Math.Max(statementStart, start - 300)..start];
                yield return new CodeLiteral(file, LineOf(source, start), text, context);
                i = end;
                continue;
            }

            i++;
        }
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static int SkipTo(string s, int from, string end)
    {
        var at = s.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? s.Length : at + 1;
    }

    private static int SkipCharLiteral(string s, int i)
    {
        var j = i + 1;
        while (j < s.Length && s[j] != '\'' && s[j] != '\n')
        {
            j += s[j] == '\\' ? 2 : 1;
        }

        return j + 1;
    }

    private static bool StartsLiteral(string s, int i, out string prefix)
    {
        var j = i;
        while (j < s.Length && s[j] is '$' or '@' && j - i < 4)
        {
            j++;
        }

        prefix = s[i..j];
        return j < s.Length && s[j] == '"' && (i == 0 || !char.IsLetterOrDigit(s[i - 1]) || prefix.Length == 0);
    }

    /// <summary>Reads a literal starting at its first quote; returns its text and the index after it.</summary>
    private static (string Text, int End) ReadLiteral(string s, int quote, string prefix)
    {
        var interpolated = prefix.Contains('$', StringComparison.Ordinal);
        var verbatim = prefix.Contains('@', StringComparison.Ordinal);
        var quotes = 0;
        while (quote + quotes < s.Length && s[quote + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var close = s.IndexOf(new string('"', quotes), quote + quotes, StringComparison.Ordinal);
            close = close < 0 ? s.Length : close;
            var raw = s[(quote + quotes)..close];
            return (interpolated ? Holes().Replace(raw, "{…}") : raw, Math.Min(s.Length, close + quotes));
        }

        if (quotes == 2)
        {
            return (string.Empty, quote + 2);
        }

        var text = new StringBuilder();
        var j = quote + 1;
        var depth = 0;
        while (j < s.Length)
        {
            var c = s[j];
            if (depth > 0)
            {
                if (c == '"')
                {
                    // A string inside a hole: skip it.
                    j = s.IndexOf('"', j + 1) + 1;
                    continue;
                }

                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                j++;
                continue;
            }

            if (interpolated && c == '{')
            {
                if (Next(s, j) == '{')
                {
                    text.Append('{');
                    j += 2;
                    continue;
                }

                text.Append("{…}");
                depth = 1;
                j++;
                continue;
            }

            if (!verbatim && c == '\\')
            {
                text.Append(Next(s, j) == 'n' ? '\n' : Next(s, j));
                j += 2;
                continue;
            }

            if (c == '"')
            {
                if (verbatim && Next(s, j) == '"')
                {
                    text.Append('"');
                    j += 2;
                    continue;
                }

                return (text.ToString(), j + 1);
            }

            text.Append(c);
            j++;
        }

        return (text.ToString(), j);
    }

    private static int LineOf(string s, int index)
    {
        var line = 1;
        for (var k = 0; k < index; k++)
        {
            line += s[k] == '\n' ? 1 : 0;
        }

        return line;
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Holes();
}
