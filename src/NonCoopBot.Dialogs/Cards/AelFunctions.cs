using System.Globalization;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>One built-in function: its static return type, its parse-time validator and its evaluator.</summary>
internal sealed class AelFunction(
    string type,
    AelReturnType returnType,
    Action<AelExpression> validate,
    Func<AelExpression, IAelMemory, AelOptions, AelResult> evaluate)
{
    public string Type { get; } = type;

    public AelReturnType ReturnType { get; } = returnType;

    public void Validate(AelExpression expression) => validate(expression);

    public AelResult Evaluate(AelExpression expression, IAelMemory memory, AelOptions options) =>
        evaluate(expression, memory, options);
}

/// <summary>
/// The subset of adaptive-expressions 4.x built-in functions the binder supports, each ported from the
/// library's source so that results (including its quirks) match the JavaScript templating engine.
/// </summary>
internal static class AelFunctions
{
    public const string Accessor = "Accessor";
    public const string Element = "Element";
    public const string Constant = "Constant";
    public const string Concat = "concat";
    public const string If = "if";
    public const string Add = "+";
    public const string Subtract = "-";
    public const string Not = "!";
    public const string CreateArray = "createArray";

    private delegate string? Verify(object? value, AelExpression child, int position);

    public static readonly AelFunction ConstantFunction =
        new(Constant, AelReturnType.Object, _ => { }, (e, _, _) => AelResult.Ok(((AelConstant)e).Value));

    private static readonly Dictionary<string, AelFunction> Table = Build();

    /// <summary>Names a template may use (operators included), for error messages.</summary>
    public static IReadOnlyCollection<string> SupportedNames => Table.Keys;

    public static AelFunction? Lookup(string name) => Table.GetValueOrDefault(name);

    private static Dictionary<string, AelFunction> Build()
    {
        var table = new Dictionary<string, AelFunction>(StringComparer.Ordinal);
        void Register(AelFunction f, params string[] aliases)
        {
            table[f.Type] = f;
            foreach (var alias in aliases)
            {
                table[alias] = f;
            }
        }

        Register(new(Accessor, AelReturnType.Object, ValidateAccessor, EvaluateAccessor));
        Register(new(Element, AelReturnType.Object, e => ValidateArity(e, 2, 2), EvaluateElement));
        Register(new(Concat, AelReturnType.String | AelReturnType.Array, e => ValidateArity(e, 1, int.MaxValue), ApplySequence(ConcatPair, null)), "&");
        Register(new(CreateArray, AelReturnType.Array, _ => { }, Apply(args => new List<object?>(args), null)));
        Register(new(Add, AelReturnType.String | AelReturnType.Number, e => ValidateArity(e, 2, int.MaxValue, AelReturnType.String | AelReturnType.Number), ApplySequenceWithError(AddPair, VerifyNumberOrStringOrNull)), "add");
        Register(new(Subtract, AelReturnType.Number, ValidateTwoOrMoreNumbers, ApplySequence(args => (double)args[0]! - (double)args[1]!, VerifyNumber)), "sub");
        Register(new("*", AelReturnType.Number, ValidateTwoOrMoreNumbers, ApplySequence(args => (double)args[0]! * (double)args[1]!, VerifyNumber)), "mul");
        Register(new("/", AelReturnType.Number, ValidateTwoOrMoreNumbers, ApplySequence(DividePair, VerifyDivisor)), "div");
        Register(Comparison("==", args => JsValues.CommonEquals(args[0], args[1]), null), "equals");
        Register(Comparison("!=", args => !JsValues.CommonEquals(args[0], args[1]), null));
        Register(Comparison("<", args => Compare(args, c => c < 0), VerifyNotNull), "less");
        Register(Comparison("<=", args => Compare(args, c => c <= 0), VerifyNotNull), "lessOrEquals");
        Register(Comparison(">", args => Compare(args, c => c > 0), VerifyNotNull), "greater");
        Register(Comparison(">=", args => Compare(args, c => c >= 0), VerifyNotNull), "greaterOrEquals");
        Register(new("&&", AelReturnType.Boolean, e => ValidateArity(e, 1, int.MaxValue), EvaluateAnd), "and");
        Register(new("||", AelReturnType.Boolean, e => ValidateArity(e, 1, int.MaxValue), EvaluateOr), "or");
        Register(new(Not, AelReturnType.Boolean, e => ValidateArity(e, 1, 1), EvaluateNot), "not");
        Register(new(If, AelReturnType.Object, e => ValidateArity(e, 3, 3), EvaluateIf));
        Register(Comparison("empty", args => IsEmpty(args[0]), VerifyContainerOrNull, unary: true));
        Register(Comparison("exists", args => !JsValues.IsNullish(args[0]), VerifyNotNull, unary: true));
        Register(new("count", AelReturnType.Number, e => ValidateOrder(e, [], AelReturnType.String | AelReturnType.Array), Apply(CountOf, VerifyContainer)));
        Register(new("length", AelReturnType.Number, e => ValidateArity(e, 1, 1, AelReturnType.String), Apply(args => (double)(args[0] as string ?? string.Empty).Length, VerifyStringOrUndefined)));
        Register(new("join", AelReturnType.String, e => ValidateOrder(e, [AelReturnType.String], AelReturnType.Array, AelReturnType.String), EvaluateJoin));
        Register(new("toUpper", AelReturnType.String, e => ValidateArity(e, 1, 2, AelReturnType.String), Apply(args => (args[0] as string ?? string.Empty).ToUpperInvariant(), VerifyStringOrUndefined)));
        Register(new("toLower", AelReturnType.String, e => ValidateArity(e, 1, 2, AelReturnType.String), Apply(args => (args[0] as string ?? string.Empty).ToLowerInvariant(), VerifyStringOrUndefined)));
        Register(new("string", AelReturnType.String, e => ValidateOrder(e, [AelReturnType.String], AelReturnType.Object), Apply(args => StringOf(args[0]), null)));
        Register(new("int", AelReturnType.Number, e => ValidateArity(e, 1, 1), ApplyWithError(IntOf, null)));
        Register(new("formatDateTime", AelReturnType.String, e => ValidateOrder(e, [AelReturnType.String, AelReturnType.String], AelReturnType.String), ApplyWithError(AelDateTime.FormatDateTime, null)));
        Register(new("first", AelReturnType.Object, e => ValidateArity(e, 1, 1), Apply(args => FirstOrLast(args[0], first: true), null)));
        Register(new("last", AelReturnType.Object, e => ValidateArity(e, 1, 1), Apply(args => FirstOrLast(args[0], first: false), null)));
        Register(new("contains", AelReturnType.Boolean, e => ValidateArity(e, 2, 2), EvaluateContains));
        Register(new("coalesce", AelReturnType.Object, e => ValidateArity(e, 1, int.MaxValue), Apply(args => args.FirstOrDefault(a => !JsValues.IsNullish(a), JsValues.Undefined), null)), "??");
        return table;
    }

    // ---------- validation (FunctionUtils.validateArityAndAnyType / validateOrder) ----------
    private static void ValidateArity(AelExpression e, int min, int max, AelReturnType type = AelReturnType.Object)
    {
        if (e.Children.Length < min)
        {
            throw new FormatException($"{e} should have at least {min} children.");
        }

        if (e.Children.Length > max)
        {
            throw new FormatException($"{e} can't have more than {max} children.");
        }

        if ((type & AelReturnType.Object) == 0)
        {
            foreach (var child in e.Children)
            {
                CheckType(e, child, type);
            }
        }
    }

    private static void ValidateTwoOrMoreNumbers(AelExpression e) => ValidateArity(e, 2, int.MaxValue, AelReturnType.Number);

    private static void ValidateOrder(AelExpression e, AelReturnType[] optional, params AelReturnType[] types)
    {
        if (e.Children.Length < types.Length || e.Children.Length > types.Length + optional.Length)
        {
            throw new FormatException(optional.Length == 0
                ? $"{e} should have {types.Length} children."
                : $"{e} should have between {types.Length} and {types.Length + optional.Length} children.");
        }

        for (var i = 0; i < e.Children.Length; i++)
        {
            CheckType(e, e.Children[i], i < types.Length ? types[i] : optional[i - types.Length]);
        }
    }

    private static void CheckType(AelExpression e, AelExpression child, AelReturnType type)
    {
        if ((type & AelReturnType.Object) == 0 && (child.ReturnType & AelReturnType.Object) == 0 && (type & child.ReturnType) == 0)
        {
            throw new FormatException($"{child} is not a {type} expression in {e}.");
        }
    }

    private static void ValidateAccessor(AelExpression e)
    {
        if (e.Children.Length == 0 || e.Children[0] is not AelConstant { Value: string })
        {
            throw new FormatException($"{e} must have a string as first argument.");
        }

        if (e.Children.Length > 2)
        {
            throw new FormatException($"{e} has more than 2 children.");
        }
    }

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
        return error is null && IsLogicTrue(condition)
            ? e.Children[1].Evaluate(memory, options)
            : e.Children[2].Evaluate(memory, options);
    }

    /// <summary><c>InternalFunctionUtils.isLogicTrue</c>: booleans as they are, null/undefined false, anything else true.</summary>
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
