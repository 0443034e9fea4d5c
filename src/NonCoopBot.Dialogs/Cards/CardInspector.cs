using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>Reads what a card template asks of the bot: the verbs its actions send and the ids of its inputs.</summary>
public static class CardInspector
{
    /// <summary>
    /// The distinct verbs of every <c>Action.Execute</c> (its <c>verb</c>) and <c>Action.Submit</c> (its
    /// <c>data.verb</c>) anywhere in the template, including <c>fallback</c> and <c>refresh</c> actions, in order of appearance.
    /// </summary>
    /// <param name="template">A card template or bound card.</param>
    /// <returns>The verbs.</returns>
    public static IReadOnlyList<string> Verbs(JsonNode template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var verbs = new List<string>();
        foreach (var obj in Objects(template))
        {
            var verb = AsString(obj["type"]) switch
            {
                "Action.Execute" => AsString(obj["verb"]) ?? AsString((obj["data"] as JsonObject)?["verb"]),
                "Action.Submit" => AsString((obj["data"] as JsonObject)?["verb"]),
                _ => null,
            };
            if (verb is not null && !verbs.Contains(verb, StringComparer.Ordinal))
            {
                verbs.Add(verb);
            }
        }

        return verbs;
    }

    /// <summary>The distinct <c>id</c> of every input element (<c>Input.*</c>) in the template, in order of appearance.</summary>
    /// <param name="template">A card template or bound card.</param>
    /// <returns>The input ids.</returns>
    public static IReadOnlyList<string> InputIds(JsonNode template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var ids = new List<string>();
        foreach (var obj in Objects(template))
        {
            if (AsString(obj["type"]) is { } type && type.StartsWith("Input.", StringComparison.Ordinal)
                && AsString(obj["id"]) is { } id && !ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
