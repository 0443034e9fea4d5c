// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Globalization;

namespace NonCoopBot.Dialogs.Cards;

internal static partial class AelFunctions
{
    // ---------- evaluators ----------
    private static AelResult EvaluateAccessor(AelExpression e, IAelMemory memory, AelOptions options)
    {
        var (path, left, error) = AccumulatePath(e, memory, options);
        if (error is not null)
        {
            return AelResult.Fail(error);
        }

        if (left is null)
        {
            return AelResult.Ok(WrapGetValue(memory, path!, options));
        }

        var (scope, leftError) = left.Evaluate(memory, options);
        return leftError is not null
            ? AelResult.Fail(leftError)
            : AelResult.Ok(WrapGetValue(new AelObjectMemory(scope), path!, options));
    }

    private static object? WrapGetValue(IAelMemory memory, string path, AelOptions options)
    {
        var value = memory.GetValue(path);
        if (!JsValues.IsUndefined(value))
        {
            return value;
        }

        return options.NullSubstitution ? "${" + path + "}" : JsValues.Undefined;
    }

    /// <summary><c>FunctionUtils.tryAccumulatePath</c>.</summary>
    private static (string? Path, AelExpression? Left, string? Error) AccumulatePath(AelExpression expression, IAelMemory memory, AelOptions options)
    {
        var path = string.Empty;
        AelExpression? left = expression;
        while (left is not null)
        {
            if (left.Type == Accessor)
            {
                path = (string)((AelConstant)left.Children[0]).Value! + "." + path;
                left = left.Children.Length == 2 ? left.Children[1] : null;
            }
            else if (left.Type == Element)
            {
                var (value, error) = left.Children[1].Evaluate(memory, options);
                if (error is not null)
                {
                    return (null, null, error);
                }

                if (JsValues.IsNumber(JsValues.ParseInt(JsValues.ToJsString(value))))
                {
                    path = "[" + JsValues.ToJsString(value) + "]." + path;
                }
                else if (value is string s)
                {
                    path = "['" + s + "']." + path;
                }
                else
                {
                    return (null, null, $"{left.Children[1]} doesn't return an int or string");
                }

                left = left.Children[0];
            }
            else
            {
                break;
            }
        }

        path = path.TrimEnd('.').Replace(".[", "[", StringComparison.Ordinal);
        return (path.Length == 0 ? null : path, left, null);
    }

    private static AelResult EvaluateElement(AelExpression e, IAelMemory memory, AelOptions options)
    {
        var (instance, error) = e.Children[0].Evaluate(memory, options);
        if (error is not null)
        {
            // The library's evaluator returns nothing here, which throws while destructuring.
            return AelResult.Fail(error);
        }

        var (index, indexError) = e.Children[1].Evaluate(memory, options.WithoutSubstitution());
        if (indexError is not null)
        {
            return AelResult.Fail(indexError);
        }

        if (JsValues.IsInteger(index))
        {
            return AccessIndex(instance, (double)index!);
        }

        if (index is string s)
        {
            return AelResult.Ok(AccessProperty(instance, s));
        }

        return AelResult.Fail($"Could not coerce {e.Children[1]} to an int or string.");
    }

    /// <summary><c>InternalFunctionUtils.accessIndex</c>.</summary>
    public static AelResult AccessIndex(object? instance, double index)
    {
        if (JsValues.IsNullish(instance))
        {
            return AelResult.Ok(JsValues.Undefined);
        }

        if (instance is List<object?> list)
        {
            return index >= 0 && index < list.Count
                ? AelResult.Ok(list[(int)index])
                : AelResult.Fail($"{JsValues.NumberToString(index)} is out of range for {JsValues.ToJsString(instance)}");
        }

        return AelResult.Fail($"{JsValues.ToJsString(instance)} is not a collection.");
    }

    /// <summary><c>InternalFunctionUtils.accessProperty</c>: case-insensitive, undefined when absent.</summary>
    public static object? AccessProperty(object? instance, string property)
    {
        if (!JsValues.IsTruthy(instance))
        {
            return JsValues.Undefined;
        }

        switch (instance)
        {
            case JsObject obj:
                return obj.TryGetCaseInsensitive(property, out var value) ? value : JsValues.Undefined;
            case List<object?> list:
                // Object.keys of an array are its indices.
                return int.TryParse(property, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count
                    && i.ToString(CultureInfo.InvariantCulture) == property ? list[i] : JsValues.Undefined;
            case string s:
                return int.TryParse(property, NumberStyles.None, CultureInfo.InvariantCulture, out var j) && j < s.Length
                    && j.ToString(CultureInfo.InvariantCulture) == property ? s[j].ToString() : JsValues.Undefined;
            case TemplateMemory memory:
                return memory.GetReserved(property);
            default:
                return JsValues.Undefined;
        }
    }

    private static AelResult EvaluateAnd(AelExpression e, IAelMemory memory, AelOptions options)
    {
        foreach (var child in e.Children)
        {
            var (value, error) = child.Evaluate(memory, options.WithoutSubstitution());
            if (error is not null || !IsLogicTrue(value))
            {
                return AelResult.Ok(false);
            }
        }

        return AelResult.Ok(true);
    }

    private static AelResult EvaluateOr(AelExpression e, IAelMemory memory, AelOptions options)
    {
        // As in the library, when no child is true the result is the last child's value (not necessarily false).
        object? last = false;
        foreach (var child in e.Children)
        {
            var (value, error) = child.Evaluate(memory, options.WithoutSubstitution());
            if (error is null && IsLogicTrue(value))
            {
                return AelResult.Ok(true);
            }

            last = value;
        }

        return AelResult.Ok(last);
    }

    private static AelResult EvaluateNot(AelExpression e, IAelMemory memory, AelOptions options)
    {
        var (value, error) = e.Children[0].Evaluate(memory, options.WithoutSubstitution());
        return AelResult.Ok(error is not null || !IsLogicTrue(value));
    }

    private static AelResult EvaluateIf(AelExpression e, IAelMemory memory, AelOptions options)
    {
        var (condition, error) = e.Children[0].Evaluate(memory, options.WithoutSubstitution());
        var taken = error is null && IsLogicTrue(condition);
        if (memory is TemplateMemory { Trace: { } trace })
        {
            trace.Observer.Branch(trace.Location, e.ToString(), taken);
        }

        return taken
            ? e.Children[1].Evaluate(memory, options)
            : e.Children[2].Evaluate(memory, options);
    }

    /// <summary><c>InternalFunctionUtils.isLogicTrue</c>: booleans as they are, null/undefined false, anything else true.</summary>
}
