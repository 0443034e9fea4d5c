// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Globalization;
using System.Text;

namespace NonCoopBot.Dialogs.Cards;

internal sealed partial class AelParser
{
    // ---------- string interpolation (lexer mode STRING_INTERPOLATION_MODE) ----------
    private static AelExpression ParseInterpolation(string text)
    {
        var children = new List<AelExpression> { new AelConstant(string.Empty) };
        var pending = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '`')
            {
                // The interpolation ends at an unescaped backtick: the rest cannot parse.
                throw new FormatException($"unexpected '`' at offset {i} in \"{text}\"");
            }

            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '`' || text[i + 1] == '$'))
            {
                Flush();
                children.Add(new AelConstant(text[i + 1].ToString()));
                i += 2;
                continue;
            }

            if (c == '$' && TryMatchTemplate(text, i, out var end))
            {
                Flush();
                children.Add(Parse(TrimExpression(text[i..end])));
                i = end;
                continue;
            }

            pending.Append(c);
            i++;
        }

        Flush();
        return Make(AelFunctions.Concat, [.. children]);

        void Flush()
        {
            if (pending.Length > 0)
            {
                children.Add(new AelConstant(pending.ToString()));
                pending.Clear();
            }
        }
    }

    /// <summary>TEMPLATE : '$' '{' (STRING | OBJECT_DEFINITION | ~[\r\n{}'"`])+ '}'.</summary>
    private static bool TryMatchTemplate(string text, int start, out int end)
    {
        end = start;
        if (start + 1 >= text.Length || text[start + 1] != '{')
        {
            return false;
        }

        var i = start + 2;
        var count = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '}')
            {
                if (count == 0)
                {
                    return false;
                }

                end = i + 1;
                return true;
            }

            if (c is '\'' or '"')
            {
                var close = MatchString(text, i);
                if (close < 0)
                {
                    return false;
                }

                i = close;
            }
            else if (c == '{')
            {
                throw new FormatException($"object literals are not supported in card templates: \"{text}\"");
            }
            else if (c is '\r' or '\n' or '`')
            {
                return false;
            }
            else
            {
                i++;
            }

            count++;
        }

        return false;
    }

    /// <summary>STRING: a quoted string with \' (or \") and \\ escapes; returns the index after the closing quote or -1.</summary>
    private static int MatchString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\'))
            {
                i += 2;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return -1;
    }

    private static string TrimExpression(string template)
    {
        var result = template.Trim();
        if (result.StartsWith('$'))
        {
            result = result[1..];
        }

        result = result.Trim();
        if (result.StartsWith('{') && result.EndsWith('}'))
        {
            result = result[1..^1];
        }

        return result.Trim();
    }

    // ---------- lexer (default mode) ----------
    private static readonly string[] Operators =
    [
        "==", "!=", "<>", "&&", "||", "<=", ">=", "=>", "??",
        "+", "-", "!", "^", "*", "/", "%", "&", "<", ">", "(", ")", ".", "[", "]", "{", "}", ",", ":", "?",
    ];

    private static List<Token> Lex(string text)
    {
        var result = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\uFEFF' or '\u00A0' or '\r' or '\n')
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                result.Add(new Token(Kind.Number, text[start..i], start));
                continue;
            }

            if (c is '\'' or '"')
            {
                var close = MatchString(text, i);
                if (close < 0)
                {
                    throw new FormatException($"unterminated string in \"{text}\"");
                }

                result.Add(new Token(Kind.String, text[i..close], i));
                i = close;
                continue;
            }

            if (char.IsAsciiLetter(c) || c is '_' or '#' or '@' or '$' || (c == '%' && i + 1 < text.Length && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '_')))
            {
                var start = i;
                i++;
                if (c == '@' && i < text.Length && text[i] == '@')
                {
                    i++;
                }

                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                result.Add(new Token(Kind.Identifier, text[start..i], start));
                continue;
            }

            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            if (op is null)
            {
                throw new FormatException($"unexpected character '{c}' at offset {i} in \"{text}\"");
            }

            result.Add(new Token(Kind.Operator, op, i));
            i += op.Length;
        }

        result.Add(new Token(Kind.End, string.Empty, text.Length));
        return result;
    }
}
