using System.Text.Json.Nodes;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Testing;

/// <summary>Turns activities into readable chat lines for test output.</summary>
public static class Transcript
{
    /// <summary>The activity's text, or the texts of its cards' TextBlocks and buttons.</summary>
    public static string TextOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(activity.Text))
        {
            parts.Add(activity.Text);
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.Content is not null)
            {
                parts.Add("[card] " + string.Join(" | ", CardTexts(attachment.Content)));
            }
        }

        return string.Join(" ", parts);
    }

    /// <summary>Every visible string in a card: TextBlock text, FactSet facts, action titles.</summary>
    public static IEnumerable<string> CardTexts(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s) && key is "text" or "title" or "value" or "placeholder" or "label" or "altText")
                {
                    yield return s;
                }
                else if (value is not null and not JsonValue && key is not "data" and not "msteams")
                {
                    foreach (var inner in CardTexts(value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (card is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    foreach (var inner in CardTexts(item))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }
}
