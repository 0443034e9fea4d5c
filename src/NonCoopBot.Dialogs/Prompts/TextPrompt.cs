using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>Asks for free text: not empty, at most <c>maxLength</c> characters.</summary>
public sealed class TextPrompt(string id, int maxLength = 2000, Func<string, string?>? validator = null, int maxAttempts = 3)
    : Prompt<string>(id, validator, maxAttempts)
{
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
