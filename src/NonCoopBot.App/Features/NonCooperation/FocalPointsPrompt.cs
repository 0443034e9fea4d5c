using System.Globalization;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>Picks any number of the request's choices: "all", "none", or numbers/names separated by commas.</summary>
public sealed class FocalPointsPrompt(string id, int maxAttempts = 3) : Prompt<List<string>>(id, (Func<List<string>, string?>?)null, maxAttempts)
{
    public override Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choices = request.Choices ?? [];
        var lines = string.Join("\n", choices.Select((c, i) => $"{i + 1}. {c.Title}"));
        var text = $"{request.Text}\n\n{lines}\n\n{turn.T("focalPoints.pick.howTo")}";
        return turn.SendTextAsync(error is null ? text : $"{error}\n\n{text}", cancellationToken);
    }

    protected override Recognized<List<string>> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        var choices = request.Choices ?? [];
        var answer = ChoiceCard.Normalize(turn.Text);
        var texts = turn.Texts();
        if (Words(texts, "focalPoints.pick.allWords").Contains(answer))
        {
            return Recognized<List<string>>.Ok([.. choices.Select(c => c.Value)]);
        }

        if (answer == "0" || Words(texts, "dialog.noneWords").Contains(answer))
        {
            return Recognized<List<string>>.Ok([]);
        }

        var picked = new List<string>();
        foreach (var part in answer.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Words(texts, "focalPoints.pick.andWords").Contains(part))
            {
                continue;
            }

            var choice = int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count
                ? choices[n - 1]
                : ChoiceCard.Match(part, choices);
            if (choice is null)
            {
                return Recognized<List<string>>.Fail(turn.T("focalPoints.pick.unknown", ("answer", part)));
            }

            if (!picked.Contains(choice.Value))
            {
                picked.Add(choice.Value);
            }
        }

        return picked.Count == 0 ? Recognized<List<string>>.Fail(turn.T("focalPoints.pick.none")) : Recognized<List<string>>.Ok(picked);
    }

    /// <summary>The words of every language for <paramref name="key"/> ('|'-separated), as answers are normalized.</summary>
    private static HashSet<string> Words(TextCatalogue texts, string key) =>
        TextCatalogue.Languages.SelectMany(l => texts.Get(l, key).Split('|')).Select(ChoiceCard.Normalize).ToHashSet(StringComparer.Ordinal);
}
