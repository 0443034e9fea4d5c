using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>Small rules shared by the President's dialogs.</summary>
internal static class DialogAnswers
{
    /// <summary>"none", "no", "n/a", "-" — or the word for none in any language (<c>dialog.noneWords</c>: "aucun", "ninguno"…) → null; anything else trimmed.</summary>
    public static string? NoneToNull(string text)
    {
        var texts = TextCatalogue.Library;
        var answer = ChoiceCard.Normalize(text);
        var none = TextCatalogue.Languages.SelectMany(l => texts.Get(l, "dialog.noneWords").Split('|')).Select(ChoiceCard.Normalize);
        return answer is "n/a" or "-" or "—" || none.Contains(answer, StringComparer.Ordinal) ? null : text.Trim();
    }

    /// <summary>
    /// Re-checks, at the moment of recording, that the sender may do it (the roster may have changed since
    /// the dialog started). Returns the member, or null with the sentence that says who may, in the turn's language.
    /// </summary>
    public static (BureauMember? Member, string? Denial) Recheck(TurnContext turn, Roster roster, Func<Authorization, BureauMember, AuthorizationResult> check, string denied)
    {
        var member = roster.FindMemberByAadObjectId(turn.Activity.From?.AadObjectId ?? string.Empty);
        var result = member is null ? new AuthorizationResult(false, denied) : check(new Authorization(roster), member);
        return result.IsAllowed ? (member, null) : (null, turn.Denial(result.DenialReason ?? denied));
    }
}
