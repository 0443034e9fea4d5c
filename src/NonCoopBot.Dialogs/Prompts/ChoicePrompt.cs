using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>
/// Asks the user to pick one of the request's choices. Buttons post the choice's title back as text
/// (imBack), so a tap and a typed answer take the same path. Accepted: the title or value (any case,
/// accents ignored), a synonym, the number shown, or a unique beginning of a title.
/// </summary>
public sealed class ChoicePrompt(string id, int maxAttempts = 3) : Prompt<string>(id, (Func<string, string?>?)null, maxAttempts)
{
    public override Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken) =>
        ChoiceCard.SendAsync(turn, request, error, cancellationToken);

    protected override Recognized<string> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        var choices = request.Choices ?? throw new InvalidOperationException($"Choice prompt '{Id}' was asked without choices.");
        var choice = ChoiceCard.Match(turn.Text, choices);
        return choice is null
            ? Recognized<string>.Fail(turn.T("prompt.choice.retry", ("choices", string.Join(", ", choices.Select(c => c.Title)))))
            : Recognized<string>.Ok(choice.Value);
    }
}

/// <summary>Renders choices as an Adaptive Card with one button each, and matches typed answers.</summary>
public static class ChoiceCard
{
    public static Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(request);
        var choices = request.Choices ?? [];
        var body = new JsonArray();
        if (error is not null)
        {
            body.Add((JsonNode)new JsonObject { ["type"] = "TextBlock", ["text"] = error, ["wrap"] = true, ["color"] = "Attention" });
        }

        body.Add((JsonNode)new JsonObject { ["type"] = "TextBlock", ["text"] = request.Text, ["wrap"] = true, ["weight"] = "Bolder" });
        var numbered = choices.Select((c, i) => c.Description is null ? null : $"{i + 1}. **{c.Title}**: {c.Description}").Where(l => l is not null).ToList();
        if (numbered.Count > 0)
        {
            body.Add((JsonNode)new JsonObject { ["type"] = "TextBlock", ["text"] = string.Join("\n\n", numbered), ["wrap"] = true, ["size"] = "Small", ["spacing"] = "Small" });
        }

        var actions = new JsonArray();
        foreach (var choice in choices)
        {
            actions.Add((JsonNode)new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = choice.Title,
                ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = choice.Title } },
            });
        }

        body.Add((JsonNode)new JsonObject { ["type"] = "ActionSet", ["actions"] = actions });
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        return turn.SendCardAsync(card, cancellationToken);
    }

    /// <summary>Finds the choice a typed answer designates, or null.</summary>
    public static Choice? Match(string text, IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var answer = Normalize(text);
        if (answer.Length == 0)
        {
            return null;
        }

        if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count)
        {
            return choices[n - 1];
        }

        var exact = choices.FirstOrDefault(c =>
            Normalize(c.Title) == answer || Normalize(c.Value) == answer || (c.Synonyms ?? []).Any(s => Normalize(s) == answer));
        if (exact is not null)
        {
            return exact;
        }

        var prefixed = choices.Where(c => Normalize(c.Title).StartsWith(answer, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>Lower case, accents removed (<see cref="TextFold"/>), white space collapsed, trailing punctuation dropped.</summary>
    public static string Normalize(string? text)
    {
        var folded = TextFold.Fold(text?.Trim());
        var collapsed = string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.TrimEnd('.', '!', '?');
    }
}
