using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>
/// Asks yes or no, with Yes/No buttons in the turn's language (or the request's own card); typed answers such as "y",
/// "ok", "confirm", "no" — the words of every language of the catalogue (<c>prompt.confirm.yesWords</c> /
/// <c>noWords</c>: "oui", "sí", "non", …), accepted from anyone — and card actions with <paramref name="yesVerb"/> /
/// <paramref name="noVerb"/>.
/// </summary>
public sealed class ConfirmPrompt(string id, int maxAttempts = 3, string? yesVerb = null, string? noVerb = null) : Prompt<bool>(id, (Func<bool, string?>?)null, maxAttempts)
{
    /// <summary>The key of the draft id in a confirmation card's action data.</summary>
    public const string DraftIdKey = "draftId";

    /// <summary>The key of the text said when a button of an earlier card is tapped while a newer one waits.</summary>
    public const string StaleCardKey = "prompt.confirm.stale";

    public override Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Card is not null
            ? base.SendAsync(turn, request, error, cancellationToken)
            : ChoiceCard.SendAsync(turn, request with { Choices = [new("yes", turn.T("prompt.confirm.yes")), new("no", turn.T("prompt.confirm.no"))] }, error, cancellationToken);
    }

    protected override Recognized<bool> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verb = turn.CardVerb;
        if (verb is not null && (verb == yesVerb || verb == noVerb))
        {
            return request.ActionToken is null || string.Equals(DraftIdOf(turn), request.ActionToken, StringComparison.Ordinal)
                ? Recognized<bool>.Ok(verb == yesVerb)
                : Recognized<bool>.Fail(turn.T(StaleCardKey));
        }

        var answer = ChoiceCard.Normalize(turn.Text);
        var texts = turn.Texts();
        if (Words(texts, "prompt.confirm.yesWords").Contains(answer))
        {
            return Recognized<bool>.Ok(true);
        }

        return Words(texts, "prompt.confirm.noWords").Contains(answer)
            ? Recognized<bool>.Ok(false)
            : Recognized<bool>.Fail(turn.T("prompt.confirm.retry"));
    }

    /// <summary>The yes (or no) words of every language, normalized as answers are ("sí" → "si").</summary>
    public static IReadOnlySet<string> Words(TextCatalogue texts, string key)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TextCatalogue.Languages.SelectMany(l => texts.Get(l, key).Split('|')).Select(ChoiceCard.Normalize).ToHashSet(StringComparer.Ordinal);
    }

    private static string? DraftIdOf(TurnContext turn) =>
        turn.CardData?[DraftIdKey] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
