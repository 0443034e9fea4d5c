using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>The Bureau's refusals in the reader's language: the Domain names a denial by a stable code, the catalogue says it.</summary>
public static class BureauTexts
{
    /// <summary>
    /// The sentence for a denial: a Domain code (<see cref="Authorization"/>'s constants, "denied.goodOffices") is read from the
    /// catalogue as <c>domain.&lt;code&gt;</c> in <paramref name="language"/>; anything else is a sentence already and is kept.
    /// </summary>
    public static string Denial(this TextCatalogue texts, string language, string? reason)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return reason is null ? texts.Get(language, "bureau.notAllowed")
            : texts.Has("domain." + reason) ? texts.Get(language, "domain." + reason)
            : reason;
    }

    /// <summary>The sentence for a denial in the turn's language.</summary>
    public static string Denial(this TurnContext turn, string? reason)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Texts().Denial(turn.Language, reason);
    }

    /// <summary>The sentence for a refused check in the turn's language.</summary>
    public static string Denial(this TurnContext turn, AuthorizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return turn.Denial(result.DenialReason);
    }
}
