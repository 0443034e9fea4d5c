// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Globalization;
using System.Text;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>
/// Parser for the adaptive-expressions grammar (ExpressionAntlrLexer.g4 / ExpressionAntlrParser.g4), building the
/// same expression trees as the JavaScript library; also the templating engine's string interpolation.
/// </summary>
internal sealed partial class AelParser
{
    private readonly List<Token> tokens;
    private readonly string source;
    private int position;

    private AelParser(string source)
    {
        this.source = source;
        tokens = Lex(source);
    }

    private enum Kind
    {
        Number,
        String,
        Identifier,
        Operator,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text, int Offset);

    /// <summary>
    /// Parses a template string as <c>Template.parseInterpolatedString</c> does: null when the string has no <c>${</c>
    /// (it stays literal); otherwise the <c>concat</c> expression, or its single non-constant child when the
    /// whole string is one expression.
    /// </summary>
    public static AelExpression? ParseInterpolatedString(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        var concat = ParseInterpolation(text);
        if (concat.Children.Length == 2 && concat.Children[0] is AelConstant { Value: "" } && concat.Children[1] is not AelConstant)
        {
            return concat.Children[1];
        }

        return concat;
    }

    /// <summary><c>Expression.parse</c> of one expression (the text inside <c>${…}</c>).</summary>
    public static AelExpression Parse(string expression)
    {
        if (expression.StartsWith('='))
        {
            expression = expression[1..];
        }

        if (expression.Length == 0)
        {
            return new AelConstant(string.Empty);
        }

        var parser = new AelParser(expression);
        var result = parser.ParseTernary();
        if (parser.Peek.Kind != Kind.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}'");
        }

        return result;
    }

    // ---------- parser: precedence as in ExpressionAntlrParser.g4 (highest first) ----------
    // unary ! - +; ^ (right); * / %; + -; == !=; &; < <= > >=; &&; ||; ??; ?: .
    private static readonly string[][] BinaryLevels =
    [
        ["??"],
        ["||"],
        ["&&"],
        ["<", "<=", ">", ">="],
        ["&"],
        ["==", "!=", "<>"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    private Token Peek => tokens[position];

    private Token Next() => tokens[position++];

    private bool TryTake(string op)
    {
        if (Peek.Kind == Kind.Operator && Peek.Text == op)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(string op)
    {
        if (!TryTake(op))
        {
            throw Error($"expected '{op}' but found '{(Peek.Kind == Kind.End ? "end of expression" : Peek.Text)}'");
        }
    }

    private FormatException Error(string message) => new($"{message} in \"{source}\"");

    private AelExpression ParseTernary()
    {
        var left = ParseBinary(0);
        while (TryTake("?"))
        {
            var middle = ParseTernary();
            Expect(":");
            var right = ParseBinary(0);
            left = Make(AelFunctions.If, left, middle, right);
        }

        return left;
    }

    private AelExpression ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParsePower();
        }

        var left = ParseBinary(level + 1);
        while (Peek.Kind == Kind.Operator && BinaryLevels[level].Contains(Peek.Text))
        {
            var op = Next().Text;
            var right = ParseBinary(level + 1);
            left = Make(op, left, right);
        }

        return left;
    }

    private AelExpression ParsePower()
    {
        var left = ParseUnary();
        if (TryTake("^"))
        {
            var right = ParsePower();
            return Make("^", left, right);
        }

        return left;
    }

    private AelExpression ParseUnary()
    {
        if (Peek.Kind == Kind.Operator && Peek.Text is "!" or "-" or "+")
        {
            var op = Next().Text;
            var operand = ParseUnary();
            return op == "!" ? Make(AelFunctions.Not, operand) : Make(op, new AelConstant(0d), operand);
        }

        return ParsePrimary();
    }

    private AelExpression ParsePrimary()
    {
        var token = Next();
        AelExpression result;
        var text = token.Text;
        switch (token.Kind)
        {
            case Kind.Number:
                result = new AelConstant(double.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
                break;
            case Kind.String:
                result = new AelConstant(UnquoteString(token.Text));
                break;
            case Kind.Identifier:
                result = token.Text switch
                {
                    "true" => new AelConstant(true),
                    "false" => new AelConstant(false),
                    "null" => new AelConstant(null),
                    "undefined" => new AelConstant(JsValues.Undefined),
                    _ => Make(AelFunctions.Accessor, new AelConstant(token.Text)),
                };
                break;
            case Kind.Operator when token.Text == "(":
                result = ParseTernary();
                Expect(")");
                text = "(" + text + ")";
                break;
            case Kind.Operator when token.Text == "[":
                result = Make(AelFunctions.CreateArray, [.. ParseArgs("]")]);
                text = "[]";
                break;
            case Kind.Operator when token.Text == "{":
                throw Error("object literals are not supported in card templates");
            default:
                throw Error($"unexpected '{(token.Kind == Kind.End ? "end of expression" : token.Text)}'");
        }

        while (true)
        {
            if (TryTake("."))
            {
                var member = Next();
                if (member.Kind != Kind.Identifier)
                {
                    throw Error($"expected a property name after '.' but found '{member.Text}'");
                }

                result = Make(AelFunctions.Accessor, new AelConstant(member.Text), result);
                text += "." + member.Text;
            }
            else if (Peek.Kind == Kind.Operator && (Peek.Text == "(" || (Peek.Text == "!" && tokens[position + 1].Text == "(")))
            {
                var name = text;
                if (TryTake("!"))
                {
                    name += "!";
                }

                Expect("(");
                var args = ParseArgs(")");
                result = Make(name, [.. args]);
                text = name + "()";
            }
            else if (TryTake("["))
            {
                var index = ParseTernary();
                Expect("]");
                result = Make(AelFunctions.Element, result, index);
                text += "[]";
            }
            else
            {
                return result;
            }
        }
    }

    private List<AelExpression> ParseArgs(string close)
    {
        var args = new List<AelExpression>();
        if (TryTake(close))
        {
            return args;
        }

        do
        {
            if (Peek.Kind == Kind.Identifier && tokens[position + 1].Text == "=>")
            {
                throw Error("lambda expressions are not supported in card templates");
            }

            args.Add(ParseTernary());
        }
        while (TryTake(","));
        Expect(close);
        return args;
    }

    private static string UnquoteString(string token)
    {
        var quote = token[0];
        var text = token[1..^1].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal);

        // evalEscape: \r \n \t \\ become the characters, any other backslash sequence stays as it is.
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is not '\r' and not '\n')
            {
                var replacement = text[i + 1] switch
                {
                    'r' => "\r",
                    'n' => "\n",
                    't' => "\t",
                    '\\' => "\\",
                    _ => null,
                };
                builder.Append(replacement ?? text.Substring(i, 2));
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static AelExpression Make(string type, params AelExpression[] children)
    {
        var function = AelFunctions.Lookup(type)
            ?? throw new CardTemplateException(
                $"Unsupported function or operator '{type}' in a card template expression. Supported: {string.Join(", ", AelFunctions.SupportedNames.Order(StringComparer.Ordinal))}.");
        var expression = new AelExpression(type, function, children);
        function.Validate(expression);
        return expression;
    }
}
