using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>Asks for free text: not empty, at most <c>maxLength</c> characters.</summary>
public sealed class TextPrompt : Prompt<string>
{
    private readonly int maxLength;

    public TextPrompt(string id, int maxLength = 2000, Func<string, string?>? validator = null, int maxAttempts = 3)
        : base(id, validator, maxAttempts) => this.maxLength = maxLength;

    /// <summary>With a validator that answers in the turn's language.</summary>
    public TextPrompt(string id, int maxLength, Func<TurnContext, string, string?> validator, int maxAttempts = 3)
        : base(id, validator, maxAttempts) => this.maxLength = maxLength;
    protected override Recognized<string> RecognizeValue(TurnContext turn, PromptRequest request)
    {
        var text = turn.Text.Trim();
        if (text.Length == 0)
        {
            return Recognized<string>.Fail(turn.T("prompt.text.empty"));
        }

        return text.Length > maxLength
            ? Recognized<string>.Fail(turn.T("prompt.text.tooLong", ("length", text.Length), ("max", maxLength)))
            : Recognized<string>.Ok(text);
    }
}
