using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>Texts in the turn's language, from the one <see cref="TextCatalogue"/>.</summary>
public static class TurnTexts
{
    /// <summary>The text of <paramref name="key"/> in <see cref="TurnContext.Language"/>, placeholders filled.</summary>
    public static string T(this TurnContext turn, string key, params ReadOnlySpan<(string Name, object? Value)> args) =>
        turn.Texts().Format(turn.Language, key, args);

    /// <summary>The catalogue the turn's texts come from (e.g. for <see cref="DateTexts"/>).</summary>
    public static TextCatalogue Texts(this TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Services.GetService<TextCatalogue>() ?? TextCatalogue.Library;
    }
}
