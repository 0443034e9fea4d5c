using System.Globalization;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>Picks any number of the request's choices: "all", "none", or numbers/names separated by commas.</summary>
public sealed class FocalPointsPrompt(string id, int maxAttempts = 3) : Prompt<List<string>>(id, null, maxAttempts)
{
    public override Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choices = request.Choices ?? [];
        var lines = string.Join("\n", choices.Select((c, i) => $"{i + 1}. {c.Title}"));
        var text = $"{request.Text}\n\n{lines}\n\nReply with numbers separated by commas (for example 1, 3), **all** or **none**.";
        return turn.SendTextAsync(error is null ? text : $"{error}\n\n{text}", cancellationToken);
    }

    protected override Recognized<List<string>> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        var choices = request.Choices ?? [];
        var answer = ChoiceCard.Normalize(turn.Text);
        if (answer is "all" or "all of them" or "tous" or "todos")
        {
            return Recognized<List<string>>.Ok([.. choices.Select(c => c.Value)]);
        }

        if (answer is "none" or "no" or "0" or "aucun" or "ninguno")
        {
            return Recognized<List<string>>.Ok([]);
        }

        var picked = new List<string>();
        foreach (var part in answer.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "and" || part == "et" || part == "y")
            {
                continue;
            }

            var choice = int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count
                ? choices[n - 1]
                : ChoiceCard.Match(part, choices);
            if (choice is null)
            {
                return Recognized<List<string>>.Fail($"I could not match \"{part}\" to a focal point.");
            }

            if (!picked.Contains(choice.Value))
            {
                picked.Add(choice.Value);
            }
        }

        return picked.Count == 0 ? Recognized<List<string>>.Fail("Please pick at least one focal point, or reply none.") : Recognized<List<string>>.Ok(picked);
    }
}
