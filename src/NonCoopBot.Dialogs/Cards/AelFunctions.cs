// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
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
internal static partial class AelFunctions
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
}
