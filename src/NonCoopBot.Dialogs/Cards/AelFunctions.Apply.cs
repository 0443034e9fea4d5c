// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.

namespace NonCoopBot.Dialogs.Cards;

internal static partial class AelFunctions
{
    // ---------- helpers (FunctionUtils.evaluateChildren / apply / applySequence) ----------
    private static (List<object?> Args, string? Error) EvaluateChildren(AelExpression e, IAelMemory memory, AelOptions options, Verify? verify)
    {
        var args = new List<object?>(e.Children.Length);
        for (var i = 0; i < e.Children.Length; i++)
        {
            var child = e.Children[i];
            var (value, error) = child.Evaluate(memory, options);
            if (error is null && verify is not null)
            {
                error = verify(value, child, i);
            }

            if (error is not null)
            {
                return (args, error);
            }

            args.Add(value);
        }

        return (args, null);
    }

    private static Func<AelExpression, IAelMemory, AelOptions, AelResult> Apply(Func<List<object?>, object?> func, Verify? verify) =>
        (e, memory, options) =>
        {
            var (args, error) = EvaluateChildren(e, memory, options, verify);
            if (error is not null)
            {
                return AelResult.Fail(error);
            }

            try
            {
                return AelResult.Ok(func(args));
            }
            catch (AelEvaluationException ex)
            {
                return AelResult.Fail(ex.Message);
            }
        };

    private static Func<AelExpression, IAelMemory, AelOptions, AelResult> ApplyWithError(Func<List<object?>, AelResult> func, Verify? verify) =>
        (e, memory, options) =>
        {
            var (args, error) = EvaluateChildren(e, memory, options, verify);
            return error is not null ? AelResult.Fail(error) : func(args);
        };

    private static Func<AelExpression, IAelMemory, AelOptions, AelResult> ApplySequence(Func<object?[], object?> pair, Verify? verify) =>
        Apply(
            args =>
            {
                var soFar = args[0];
                for (var i = 1; i < args.Count; i++)
                {
                    soFar = pair([soFar, args[i]]);
                }

                return soFar;
            },
            verify);

    private static Func<AelExpression, IAelMemory, AelOptions, AelResult> ApplySequenceWithError(Func<object?[], AelResult> pair, Verify? verify) =>
        ApplyWithError(
            args =>
            {
                var soFar = args[0];
                for (var i = 1; i < args.Count; i++)
                {
                    var (value, error) = pair([soFar, args[i]]);
                    if (error is not null)
                    {
                        return AelResult.Fail(error);
                    }

                    soFar = value;
                }

                return AelResult.Ok(soFar);
            },
            verify);

    private static AelFunction Comparison(string type, Func<List<object?>, bool> func, Verify? verify, bool unary = false) =>
        new(
            type,
            AelReturnType.Boolean,
            e => ValidateArity(e, unary ? 1 : 2, unary ? 1 : 2),
            (e, memory, options) =>
            {
                var (args, error) = EvaluateChildren(e, memory, options.WithoutSubstitution(), verify);
                if (error is not null)
                {
                    return AelResult.Ok(false);
                }

                try
                {
                    return AelResult.Ok(func(args));
                }
                catch (AelEvaluationException ex)
                {
                    return new AelResult(false, ex.Message);
                }
            });

    // ---------- verifiers ----------
    private static string? VerifyNumber(object? value, AelExpression child, int position) =>
        JsValues.IsNumber(value) ? null : $"{child} is not a number.";

    private static string? VerifyDivisor(object? value, AelExpression child, int position) =>
        VerifyNumber(value, child, position) ?? (position > 0 && (double)value! == 0 ? $"Cannot divide by 0 from {child}" : null);

    private static string? VerifyNotNull(object? value, AelExpression child, int position) =>
        JsValues.IsNullish(value) ? $"{child} is null." : null;

    private static string? VerifyContainer(object? value, AelExpression child, int position) =>
        value is string or List<object?> or JsObject or null ? null : $"{child} must be a string, list, map or object.";

    private static string? VerifyContainerOrNull(object? value, AelExpression child, int position) =>
        JsValues.IsNullish(value) || value is string or List<object?> or JsObject ? null : $"{child} must be a string, list, map or object.";

    private static string? VerifyStringOrUndefined(object? value, AelExpression child, int position) =>
        value is string || JsValues.IsUndefined(value) ? null : $"{child} is neither a string nor a null object.";

    private static string? VerifyNumberOrStringOrNull(object? value, AelExpression child, int position) =>
        value is string || JsValues.IsUndefined(value) || JsValues.IsNumber(value) ? null : $"{child} is neither a number nor string";
}
