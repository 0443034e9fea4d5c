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
        var verb = turn.CardVerb;
        if (verb is not null && (verb == yesVerb || verb == noVerb))
        {
            return Recognized<bool>.Ok(verb == yesVerb);
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
}
