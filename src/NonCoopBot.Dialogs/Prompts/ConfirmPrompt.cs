using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>
/// Asks yes or no, with Yes/No buttons (or the request's own card); typed answers such as "y", "ok",
/// "confirm" or "no" are accepted, and so are card actions with <paramref name="yesVerb"/> / <paramref name="noVerb"/>.
/// </summary>
public sealed class ConfirmPrompt(string id, int maxAttempts = 3, string? yesVerb = null, string? noVerb = null) : Prompt<bool>(id, null, maxAttempts)
{
    private static readonly string[] Yes = ["yes", "y", "ok", "okay", "confirm", "confirmed", "yes please", "oui", "sí", "si"];
    private static readonly string[] No = ["no", "n", "nope", "no thanks", "non"];

    /// <summary>The key of the draft id in a confirmation card's action data.</summary>
    public const string DraftIdKey = "draftId";

    /// <summary>Said when a button of an earlier card is tapped while a newer one waits.</summary>
    public const string StaleCardMessage = "That button belongs to an earlier summary, so nothing was done with it. Use the latest summary, or answer yes or no.";

    private static readonly IReadOnlyList<Choice> Buttons = [new("yes", "Yes"), new("no", "No")];

    public override Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Card is not null
            ? base.SendAsync(turn, request, error, cancellationToken)
            : ChoiceCard.SendAsync(turn, request with { Choices = Buttons }, error, cancellationToken);
    }

    protected override Recognized<bool> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verb = turn.CardVerb;
        if (verb is not null && (verb == yesVerb || verb == noVerb))
        {
            return request.ActionToken is null || string.Equals(DraftIdOf(turn), request.ActionToken, StringComparison.Ordinal)
                ? Recognized<bool>.Ok(verb == yesVerb)
                : Recognized<bool>.Fail(StaleCardMessage);
        }

        var answer = ChoiceCard.Normalize(turn.Text);
        if (Yes.Contains(answer))
        {
            return Recognized<bool>.Ok(true);
        }

        return No.Contains(answer)
            ? Recognized<bool>.Ok(false)
            : Recognized<bool>.Fail("Please answer yes or no.");
    }

    private static string? DraftIdOf(TurnContext turn) =>
        turn.CardData?[DraftIdKey] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
