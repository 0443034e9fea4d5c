using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>A readable list of where two JSON documents differ.</summary>
internal static class JsonDiff
{
    public static string Describe(JsonNode? expected, JsonNode? actual, int max = 20)
    {
        var lines = new List<string>();
        Walk("$", expected, actual, lines, max);
        return lines.Count == 0 ? "(no difference)" : string.Join(Environment.NewLine, lines);
    }

    private static void Walk(string path, JsonNode? expected, JsonNode? actual, List<string> lines, int max)
    {
        if (lines.Count >= max || JsonNode.DeepEquals(expected, actual))
        {
            return;
        }

        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!a.ContainsKey(key))
                    {
                        lines.Add($"{path}.{key}: missing in C# (JS has {Show(e[key])})");
                    }
                    else if (!e.ContainsKey(key))
                    {
                        lines.Add($"{path}.{key}: extra in C# ({Show(a[key])})");
                    }
                    else
                    {
                        Walk($"{path}.{key}", e[key], a[key], lines, max);
                    }
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Walk($"{path}[{i}]", e[i], a[i], lines, max);
                }

                break;
            default:
                lines.Add($"{path}: JS {Show(expected)} but C# {Show(actual)}");
                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
