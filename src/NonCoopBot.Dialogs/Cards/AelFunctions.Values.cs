// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Globalization;

namespace NonCoopBot.Dialogs.Cards;

internal static partial class AelFunctions
{
    public static bool IsLogicTrue(object? value) => value is bool b ? b : !JsValues.IsNullish(value);

    private static bool Compare(List<object?> args, Func<int, bool> test)
    {
        if (args[0] is double a && args[1] is double b && !double.IsNaN(a) && !double.IsNaN(b))
        {
            return test(a.CompareTo(b));
        }

        if (args[0] is string sa && args[1] is string sb)
        {
            return test(string.CompareOrdinal(sa, sb));
        }

        throw new AelEvaluationException($"{JsValues.ToJsString(args[0])} and {JsValues.ToJsString(args[1])} must be comparable.");
    }

    private static object? ConcatPair(object?[] pair)
    {
        var (first, second) = (pair[0], pair[1]);
        if (JsValues.IsNullish(first) && JsValues.IsNullish(second))
        {
            return JsValues.Undefined;
        }

        if (JsValues.IsNullish(first) && second is List<object?>)
        {
            return second;
        }

        if (JsValues.IsNullish(second) && first is List<object?>)
        {
            return first;
        }

        if (first is List<object?> l1 && second is List<object?> l2)
        {
            return l1.Concat(l2).ToList();
        }

        return JsValues.CommonStringify(first) + JsValues.CommonStringify(second);
    }

    private static AelResult AddPair(object?[] pair)
    {
        var (a, b) = (pair[0], pair[1]);
        if ((JsValues.IsNullish(a) && JsValues.IsNumber(b)) || (JsValues.IsNullish(b) && JsValues.IsNumber(a)))
        {
            return AelResult.Fail("Operator '+' or add cannot be applied to operands of type 'number' and null object.");
        }

        if (!JsValues.IsNumber(a) || !JsValues.IsNumber(b))
        {
            if (JsValues.IsNullish(a) && JsValues.IsNullish(b))
            {
                return AelResult.Ok(string.Empty);
            }

            if (JsValues.IsNullish(a))
            {
                return AelResult.Ok(JsValues.ToJsString(b));
            }

            return JsValues.IsNullish(b)
                ? AelResult.Ok(JsValues.ToJsString(a))
                : AelResult.Ok(JsValues.ToJsString(a) + JsValues.ToJsString(b));
        }

        return AelResult.Ok((double)a! + (double)b!);
    }

    private static object? DividePair(object?[] pair)
    {
        var (a, b) = ((double)pair[0]!, (double)pair[1]!);
        var result = a / b;
        return JsValues.IsInteger(a) && JsValues.IsInteger(b) ? Math.Floor(result) : result;
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null or JsUndefined => true,
        string s => s.Length == 0,
        List<object?> list => list.Count == 0,
        JsObject obj => obj.Count == 0,
        _ => false,
    };

    private static object? CountOf(List<object?> args) => args[0] switch
    {
        string s => (double)s.Length,
        List<object?> list => (double)list.Count,
        JsObject obj => (double)obj.Count,
        null => throw new AelEvaluationException("Cannot convert undefined or null to object"),
        _ => JsValues.Undefined,
    };

    private static AelResult EvaluateJoin(AelExpression e, IAelMemory memory, AelOptions options)
    {
        var (args, error) = EvaluateChildren(e, memory, options, null);
        if (error is not null)
        {
            return AelResult.Fail(error);
        }

        if (args[0] is not List<object?> list)
        {
            return AelResult.Fail($"{e.Children[0]} evaluates to {JsValues.ToJsString(args[0])} which is not a list.");
        }

        if (args.Count == 2)
        {
            return AelResult.Ok(ArrayJoin(list, args[1]));
        }

        if (list.Count < 3)
        {
            return AelResult.Ok(ArrayJoin(list, args[2]));
        }

        var firstPart = ArrayJoin(list.GetRange(0, list.Count - 1), args[1]);
        return AelResult.Ok(firstPart + JsValues.ToJsString(args[2]) + JsValues.ToJsString(list[^1]));
    }

    /// <summary><c>Array.prototype.join</c>: separator undefined means ",", null/undefined items are empty.</summary>
    private static string ArrayJoin(List<object?> list, object? separator)
    {
        var sep = JsValues.IsUndefined(separator) ? "," : JsValues.ToJsString(separator);
        return string.Join(sep, list.Select(item => JsValues.IsNullish(item) ? string.Empty : JsValues.ToJsString(item)));
    }

    private static object? StringOf(object? value)
    {
        switch (value)
        {
            case string s:
                return s;
            case double d when !double.IsNaN(d):
                var text = JsValues.NumberToString(d);
                var dot = text.IndexOf('.', StringComparison.Ordinal);
                var precision = dot >= 0 ? text.Length - dot - 1 : 0;

                // d3-format ",.{precision}f" with the en-US locale and d3's minus sign (U+2212).
                var formatted = Math.Abs(d).ToString("N" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                return d < 0 && formatted.Any(c => c is >= '1' and <= '9') ? "\u2212" + formatted : formatted;
            default:
                return JsValues.CommonStringify(value);
        }
    }

    private static AelResult IntOf(List<object?> args)
    {
        switch (args[0])
        {
            case string s:
                var parsed = JsValues.ParseInt(s, autoHex: false);
                return double.IsNaN(parsed) ? AelResult.Fail($"parameter {s} is not a valid number string.") : AelResult.Ok(parsed);
            case double d when !double.IsNaN(d):
                return AelResult.Ok(JsValues.ParseInt(JsValues.NumberToString(d), autoHex: false));
            default:
                return AelResult.Ok(JsValues.Undefined);
        }
    }

    private static object? FirstOrLast(object? value, bool first) => value switch
    {
        string { Length: > 0 } s => (first ? s[0] : s[^1]).ToString(),
        List<object?> { Count: > 0 } list => first ? list[0] : list[^1],
        _ => JsValues.Undefined,
    };

    private static AelResult EvaluateContains(AelExpression e, IAelMemory memory, AelOptions options)
    {
        var (args, error) = EvaluateChildren(e, memory, options, null);
        if (error is not null)
        {
            return AelResult.Ok(false);
        }

        if (args[0] is string s && args[1] is string t)
        {
            return AelResult.Ok(s.Contains(t, StringComparison.Ordinal));
        }

        if (args[0] is List<object?> list)
        {
            return AelResult.Ok(list.Any(item => JsValues.CommonEquals(item, args[1])));
        }

        if (args[1] is string property)
        {
            return AelResult.Ok(!JsValues.IsUndefined(AccessProperty(args[0], property)));
        }

        return AelResult.Ok(false);
    }
}

/// <summary>An error raised inside a function, reported as the expression's error (as the library's try/catch does).</summary>
internal sealed class AelEvaluationException(string message) : Exception(message);
