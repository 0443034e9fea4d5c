using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>Texts in the turn's language, from the one <see cref="TextCatalogue"/>.</summary>
public static class TurnTexts
{
    /// <summary>The text of <paramref name="key"/> in <see cref="TurnContext.Language"/>, placeholders filled.</summary>
    public static string T(this TurnContext turn, string key, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Services.GetRequiredService<TextCatalogue>().Format(turn.Language, key, args);
    }
}
