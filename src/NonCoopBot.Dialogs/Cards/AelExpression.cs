// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Text;
using System.Text.RegularExpressions;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>The static return types of adaptive-expressions (flags).</summary>
[Flags]
internal enum AelReturnType
{
    Boolean = 1,
    Number = 2,
    Object = 4,
    String = 8,
    Array = 16,
}

/// <summary>Result of evaluating an expression: a value, or an error message (never both).</summary>
internal readonly record struct AelResult(object? Value, string? Error)
{
    public static AelResult Ok(object? value) => new(value, null);

    public static AelResult Fail(string error) => new(JsValues.Undefined, error);
}

/// <summary>Evaluation options: whether missing paths evaluate to the text <c>${path}</c> (the templating engine's substitution).</summary>
internal readonly record struct AelOptions(bool NullSubstitution)
{
    public AelOptions WithoutSubstitution() => new(false);
}

/// <summary>Where expressions read values from.</summary>
internal interface IAelMemory
{
    object? GetValue(string path);
}

/// <summary>A parsed adaptive-expressions expression: the same tree shape as the JavaScript library builds.</summary>
internal class AelExpression
{
    public AelExpression(string type, AelFunction function, params AelExpression[] children)
    {
        Type = type;
        Function = function;
        Children = children;
    }

    public string Type { get; }

    public AelFunction Function { get; }

    public AelExpression[] Children { get; }

    public virtual AelReturnType ReturnType => Function.ReturnType;

    public virtual AelResult Evaluate(IAelMemory memory, AelOptions options) => Function.Evaluate(this, memory, options);

    /// <summary><c>Expression.toString()</c> of adaptive-expressions.</summary>
    public override string ToString()
    {
        if (Type == AelFunctions.Accessor && Children.Length >= 1 && Children[0] is AelConstant { Value: string prop })
        {
            if (Children.Length == 1)
            {
                return prop;
            }

            if (Children.Length == 2)
            {
                return Children[1] + "." + prop;
            }
        }
        else if (Type == AelFunctions.Element && Children.Length == 2)
        {
            return Children[0] + "[" + Children[1] + "]";
        }

        var builder = new StringBuilder();
        var infix = Type.Length > 0 && !char.IsAsciiLetter(Type[0]) && Children.Length >= 2;
        if (!infix)
        {
            builder.Append(Type);
        }

        builder.Append('(');
        for (var i = 0; i < Children.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(infix ? " " + Type + " " : ", ");
            }

            builder.Append(Children[i]);
        }

        builder.Append(')');
        return builder.ToString();
    }
}

/// <summary>A constant (string, number, boolean, null or undefined).</summary>
internal sealed partial class AelConstant : AelExpression
{
    public AelConstant(object? value)
        : base(AelFunctions.Constant, AelFunctions.ConstantFunction)
    {
        Value = value;
    }

    public object? Value { get; }

    public override AelReturnType ReturnType => Value switch
    {
        string => AelReturnType.String,
        bool => AelReturnType.Boolean,
        double d when !double.IsNaN(d) => AelReturnType.Number,
        List<object?> => AelReturnType.Array,
        _ => AelReturnType.Object,
    };

    public override AelResult Evaluate(IAelMemory memory, AelOptions options) => AelResult.Ok(Value);

    public override string ToString()
    {
        switch (Value)
        {
            case JsUndefined:
                return "undefined";
            case null:
                return "null";
            case string s:
                var escaped = s.Replace("\\", "\\\\", StringComparison.Ordinal);
                escaped = UnescapedQuote().Replace(escaped, "\\'");
                return "'" + escaped + "'";
            case double d:
                return JsValues.NumberToString(d);
            default:
                return JsValues.ToJsString(Value);
        }
    }

    // Each ' not preceded by a backslash (the library does this with a reversed-string look-ahead).
    [GeneratedRegex(@"(?<!\\)'")]
    private static partial Regex UnescapedQuote();
}
