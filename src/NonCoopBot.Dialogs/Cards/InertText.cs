using System.Text;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>
/// Text a person typed (a summary, a name, a reference), made inert for a card's TextBlock/FactSet or a
/// message's markdown: it shows as typed but cannot become a link, a mention, formatting or a
/// <c>${…}</c> template binding. Markdown punctuation is backslash-escaped (CommonMark), line-start
/// list/heading markers are escaped, and the places where renderers auto-link (<c>://</c>, <c>www.</c>,
/// <c>@</c>, a dot inside a word such as <c>evil.example</c>) get a zero-width space. Apply it where the text is shown, never where it is stored.
/// </summary>
public static class InertText
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>The inert form of <paramref name="text"/> ("" for null).</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                builder.Append(c);
                lineStart = true;
                continue;
            }

            if (lineStart && c is ' ' or '\t')
            {
                builder.Append(c);
                continue;
            }

            if (IsMarkdownPunctuation(c) || (lineStart && c is '-' or '+' or '=') || (c == '.' && DigitsBefore(builder)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            lineStart = false;
            if (c == '@' || (c == ':' && Next(text, i, "//")) || (c == 'w' && Prev(text, i, "ww") && Next(text, i, ".")) || IsDomainDot(text, i))
            {
                builder.Append(ZeroWidthSpace);
            }
        }

        return builder.ToString();
    }

    private static bool IsMarkdownPunctuation(char c) =>
        c is '\\' or '*' or '_' or '`' or '[' or ']' or '(' or ')' or '<' or '>' or '#' or '~' or '|' or '$' or '{' or '}' or '!' or '&';

    /// <summary>True when the current line so far is only digits (an ordered-list marker "1." would follow).</summary>
    private static bool DigitsBefore(StringBuilder builder)
    {
        var i = builder.Length - 1;
        var digits = 0;
        while (i >= 0 && char.IsAsciiDigit(builder[i]))
        {
            i--;
            digits++;
        }

        while (i >= 0 && builder[i] is ' ' or '\t')
        {
            i--;
        }

        return digits > 0 && (i < 0 || builder[i] is '\n' or '\r');
    }

    /// <summary>A dot between letters or digits ("evil.example"): renderers may turn such text into a link.</summary>
    private static bool IsDomainDot(string text, int i) =>
        text[i] == '.' && i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);

    private static bool Next(string text, int i, string expected) =>
        string.CompareOrdinal(text, i + 1, expected, 0, expected.Length) == 0;

    private static bool Prev(string text, int i, string expected) =>
        i >= expected.Length && string.CompareOrdinal(text, i - expected.Length, expected, 0, expected.Length) == 0;
}
