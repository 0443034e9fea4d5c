using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>
/// Expands an Adaptive Card template with data following the Adaptive Card Templating language exactly as the
/// JavaScript engine <c>adaptivecards-templating</c> 2.3.1 (with adaptive-expressions 4.x) does:
/// <c>${expr}</c> in strings (a string that is one whole expression keeps the value's JSON type, embedded ones
/// become text), <c>$data</c> (object: new scope; array: element repeated per item with <c>$index</c>),
/// <c>$when</c>, <c>$root</c>, <c>$index</c>, and the engine's handling of missing values (a missing path
/// outside <c>$when</c> becomes the text <c>${path}</c>).
/// </summary>
/// <remarks>
/// The expression language is a subset of adaptive-expressions: literals, property paths with dots and
/// <c>[index]</c>, comparison, <c>&amp;&amp; || !</c>, <c>+ - * /</c>, <c>?:</c>, parentheses, array literals and
/// the functions if, equals, not, and, or, empty, exists, count, length, join, concat, toUpper, toLower,
/// string, int, formatDateTime, first, last, contains, coalesce. Any other function throws
/// <see cref="CardTemplateException"/> naming it when the template is parsed.
/// </remarks>
public static class CardBinder
{
    private static readonly ConditionalWeakTable<JsonNode, PreparedTemplate> Cache = new();

    /// <summary>Binds a parsed template (parsed once, when the <see cref="CardTemplate"/> was created).</summary>
    /// <param name="template">The template.</param>
    /// <param name="data">The data; <c>$root</c> and the initial <c>$data</c>.</param>
    /// <returns>The expanded card, ready for an attachment's <c>content</c>.</returns>
    public static JsonNode Bind(CardTemplate template, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Prepared.Expand(data, template.Name);
    }

    /// <summary>
    /// Binds a template given as JSON. The parsed form is cached per template node instance, so do not mutate a
    /// template node after binding it.
    /// </summary>
    /// <param name="template">The template JSON.</param>
    /// <param name="data">The data; <c>$root</c> and the initial <c>$data</c>.</param>
    /// <returns>The expanded card.</returns>
    public static JsonNode Bind(JsonNode template, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(template);
        var prepared = Cache.GetValue(template, static t => PreparedTemplate.Prepare(t, name: null));
        return prepared.Expand(data, name: null);
    }

    /// <summary>Binds as <see cref="Bind(JsonNode, JsonNode?)"/> does, telling <paramref name="observer"/> which way each branch went.</summary>
    /// <param name="template">The template JSON.</param>
    /// <param name="data">The data.</param>
    /// <param name="observer">Told of each <c>$when</c>, <c>$data</c>, <c>if</c> and optional field (tests).</param>
    /// <returns>The expanded card.</returns>
    public static JsonNode Bind(JsonNode template, JsonNode? data, ICardBindingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(observer);
        var prepared = Cache.GetValue(template, static t => PreparedTemplate.Prepare(t, name: null));
        return prepared.Expand(data, name: null, observer);
    }

    /// <summary>Every branch point of a template: each <c>$when</c>, <c>$data</c>, <c>if</c> and optional field, with its location.</summary>
    /// <param name="template">The template JSON.</param>
    /// <returns>The points, in template order.</returns>
    public static IReadOnlyList<CardBranchPoint> BranchPoints(JsonNode template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Cache.GetValue(template, static t => PreparedTemplate.Prepare(t, name: null)).BranchPoints();
    }

    internal static PreparedTemplate Prepare(JsonNode template, string? name) => PreparedTemplate.Prepare(template, name);
}

/// <summary>A template with every <c>${…}</c> string parsed into an expression (<c>Template.prepare</c>).</summary>
internal sealed class PreparedTemplate
{
    private static readonly HashSet<string> ReservedFields = new(StringComparer.Ordinal)
    {
        "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion",
    };

    private readonly Node root;

    private PreparedTemplate(Node root)
    {
        this.root = root;
    }

    private abstract record Node;

    private sealed record LiteralNode(object? Value) : Node;

    private sealed record ExpressionNode(AelExpression Expression, string Location) : Node;

    private sealed record ArrayNode(Node[] Items) : Node;

    private sealed record ObjectNode(KeyValuePair<string, Node>[] Properties, Node? Data, Node? When, object? RawWhen) : Node;

    public static PreparedTemplate Prepare(JsonNode template, string? name)
    {
        try
        {
            return new PreparedTemplate(PrepareNode(template, "$"));
        }
        catch (FormatException ex)
        {
            throw new CardTemplateException($"{Describe(name)}: {ex.Message}", ex);
        }
        catch (CardTemplateException ex) when (name is not null)
        {
            throw new CardTemplateException($"{Describe(name)}: {ex.Message}", ex);
        }
    }

    private static string Describe(string? name) => name is null ? "Card template" : $"Card template '{name}'";

    private static Node PrepareNode(JsonNode? node, string location)
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = new List<KeyValuePair<string, Node>>();
                Node? data = null;
                Node? when = null;
                object? rawWhen = null;
                foreach (var (key, child) in obj)
                {
                    var prepared = PrepareNode(child, location + "." + key);
                    if (key == "$data")
                    {
                        data = child is JsonValue v && v.TryGetValue<string>(out _) && prepared is ExpressionNode
                            ? prepared
                            : new LiteralNode(JsValues.FromJson(child));
                    }
                    else if (key == "$when")
                    {
                        when = prepared;
                        rawWhen = JsValues.FromJson(child);
                    }

                    properties.Add(new(key, prepared));
                }

                return new ObjectNode([.. properties], data, when, rawWhen);
            case JsonArray array:
                return new ArrayNode([.. array.Select((item, i) => PrepareNode(item, $"{location}[{i}]"))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                try
                {
                    var expression = AelParser.ParseInterpolatedString(text);
                    return expression is null ? new LiteralNode(text) : new ExpressionNode(expression, location);
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{location}: cannot parse \"{text}\": {ex.Message}", ex);
                }
                catch (CardTemplateException ex)
                {
                    throw new CardTemplateException($"{location}: \"{text}\": {ex.Message}", ex);
                }

            default:
                return new LiteralNode(JsValues.FromJson(node));
        }
    }

    public JsonNode Expand(JsonNode? data, string? name, ICardBindingObserver? observer = null)
    {
        var context = new Context(JsValues.FromJson(data)) { Observer = observer };
        object? result;
        try
        {
            result = Expand(root, context);
        }
        catch (AelEvaluationException ex)
        {
            throw new CardTemplateException($"{Describe(name)}: {ex.Message}", ex);
        }

        return JsValues.ToJson(result)
            ?? throw new CardTemplateException($"{Describe(name)} expanded to nothing (its root was dropped by $when or $data).");
    }

    private sealed class Context(object? root)
    {
        private object? data = JsValues.Undefined;

        public object? Root { get; } = root;

        /// <summary>The <c>$data</c> getter: the set value, or <c>$root</c> while none was set.</summary>
        public object? Data
        {
            get => JsValues.IsUndefined(data) ? Root : data;
            set => data = value;
        }

        public object? Index { get; set; } = JsValues.Undefined;

        /// <summary>Null when the bot binds; a test's recorder otherwise.</summary>
        public ICardBindingObserver? Observer { get; init; }
    }

    private static object? Expand(Node node, Context context)
    {
        var savedData = context.Data;
        var savedIndex = context.Index;
        try
        {
            return node switch
            {
                ArrayNode array => ExpandArray(array, context),
                ExpressionNode expression => EvaluateOrThrow(expression, context),
                ObjectNode obj => ExpandObject(obj, context),
                LiteralNode literal => literal.Value,
                _ => throw new InvalidOperationException("Unknown template node."),
            };
        }
        finally
        {
            context.Data = savedData;
            context.Index = savedIndex;
        }
    }

    private static List<object?> ExpandArray(ArrayNode array, Context context)
    {
        var items = new List<object?>();
        foreach (var item in array.Items)
        {
            var expanded = Expand(item, context);
            if (expanded is null)
            {
                continue;
            }

            if (expanded is List<object?> list)
            {
                items.AddRange(list);
            }
            else
            {
                items.Add(expanded);
            }
        }

        return items;
    }

    private static object? ExpandObject(ObjectNode node, Context context)
    {
        List<object?> dataContexts;
        var isArray = false;
        if (node.Data is null)
        {
            dataContexts = [JsValues.Undefined];
        }
        else
        {
            var dataContext = node.Data is ExpressionNode e
                ? EvaluateOrThrow(e, context)
                : ((LiteralNode)node.Data).Value;
            if (dataContext is List<object?> list)
            {
                dataContexts = list;
                isArray = true;
            }
            else
            {
                dataContexts = [dataContext];
            }

            if (context.Observer is { } observer && node.Data is ExpressionNode data)
            {
                observer.Data(data.Location, isArray ? dataContexts.Count : null);
            }
        }

        var results = new List<object?>();
        for (var i = 0; i < dataContexts.Count; i++)
        {
            if (isArray)
            {
                context.Index = (double)i;
            }

            if (!JsValues.IsUndefined(dataContexts[i]))
            {
                context.Data = dataContexts[i];
            }

            var drop = false;
            if (node.When is ExpressionNode when)
            {
                var (value, error) = Evaluate(when, context, allowSubstitutions: false);
                drop = !(error is null && value is true);
                context.Observer?.When(when.Location, !drop);
            }
            else if (node.When is not null && JsValues.IsTruthy(node.RawWhen))
            {
                // The engine drops an element whose $when is a truthy non-expression.
                drop = true;
            }

            if (!drop)
            {
                results.Add(ExpandSingleObject(node, context));
            }
        }

        return results.Count switch
        {
            0 => null,
            1 => results[0],
            _ => results,
        };
    }

    private static JsObject ExpandSingleObject(ObjectNode node, Context context)
    {
        var result = new JsObject();
        foreach (var (key, child) in node.Properties)
        {
            if (ReservedFields.Contains(key))
            {
                continue;
            }

            var value = Expand(child, context);
            if (!JsValues.IsUndefined(value))
            {
                result.Set(key, value);
            }
        }

        return result;
    }

    private static object? EvaluateOrThrow(ExpressionNode node, Context context)
    {
        var (value, error) = Evaluate(node, context, allowSubstitutions: true);
        return error is null ? value : throw new AelEvaluationException($"cannot evaluate ${{{node.Expression}}}: {error}");
    }

    private static AelResult Evaluate(ExpressionNode node, Context context, bool allowSubstitutions)
    {
        var expression = node.Expression;
        var memory = context.Observer is null
            ? new TemplateMemory(context.Root, context.Data, context.Index)
            : new TemplateMemory(context.Root, context.Data, context.Index, new BindingTrace(context.Observer, node.Location));
        if (context.Observer is { } observer)
        {
            foreach (var field in OptionalFields(expression))
            {
                var (value, error) = field.Evaluate(memory, new AelOptions(false));
                observer.Field(node.Location, field.ToString(), error is null && !JsValues.IsNullish(value));
            }
        }

        var options = new AelOptions(allowSubstitutions);
        if (expression.Type != AelFunctions.Concat || !allowSubstitutions)
        {
            return expression.Evaluate(memory, options);
        }

        // The engine concatenates an interpolated string itself so that a failing part becomes "${part}".
        var text = new System.Text.StringBuilder();
        foreach (var child in expression.Children)
        {
            var (value, error) = child.Evaluate(memory, options);
            if (error is not null)
            {
                text.Append("${").Append(child).Append('}');
                continue;
            }

            if (JsValues.IsNullish(value))
            {
                throw new AelEvaluationException(
                    $"${{{child}}} evaluated to {JsValues.ToJsString(value)} inside a string (the JavaScript engine fails here too).");
            }

            text.Append(JsValues.ToJsString(value));
        }

        return AelResult.Ok(text.ToString());
    }

    /// <summary>Every <c>$when</c>, <c>$data</c>, <c>if</c> and optional field of the template.</summary>
    public IReadOnlyList<CardBranchPoint> BranchPoints()
    {
        var points = new List<CardBranchPoint>();
        Collect(root, points);
        return points;
    }

    private static void Collect(Node node, List<CardBranchPoint> points)
    {
        switch (node)
        {
            case ObjectNode obj:
                if (obj.Data is ExpressionNode data)
                {
                    points.Add(new(CardBranchPoint.Data, data.Location, "${" + data.Expression + "}"));
                }

                if (obj.When is ExpressionNode when)
                {
                    points.Add(new(CardBranchPoint.When, when.Location, "${" + when.Expression + "}"));
                }

                foreach (var (_, child) in obj.Properties)
                {
                    Collect(child, points);
                }

                break;
            case ArrayNode array:
                foreach (var item in array.Items)
                {
                    Collect(item, points);
                }

                break;
            case ExpressionNode expression:
                points.AddRange(Ifs(expression.Expression).Select(e => new CardBranchPoint(CardBranchPoint.If, expression.Location, e.ToString())));
                points.AddRange(OptionalFields(expression.Expression).Select(f => new CardBranchPoint(CardBranchPoint.Field, expression.Location, f.ToString())));
                break;
        }
    }

    private static IEnumerable<AelExpression> Ifs(AelExpression expression) =>
        (expression.Type == AelFunctions.If ? [expression] : Enumerable.Empty<AelExpression>()).Concat(expression.Children.SelectMany(Ifs));

    /// <summary>The property paths an expression tests for presence: arguments of exists, empty, coalesce, <c>??</c>, or compared with null.</summary>
    private static IEnumerable<AelExpression> OptionalFields(AelExpression expression)
    {
        IEnumerable<AelExpression> tested = expression.Type switch
        {
            "exists" or "empty" or "coalesce" or "??" => expression.Children,
            "==" or "!=" or "equals" when expression.Children.Length == 2 && expression.Children.Any(c => c is AelConstant { Value: null }) => expression.Children,
            _ => [],
        };
        return tested.Where(c => c.Type == AelFunctions.Accessor)
            .Concat(expression.Children.SelectMany(OptionalFields))
            .DistinctBy(e => e.ToString(), StringComparer.Ordinal);
    }
}
