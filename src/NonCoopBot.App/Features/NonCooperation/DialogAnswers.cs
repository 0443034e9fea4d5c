using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>Small rules shared by the President's dialogs.</summary>
internal static class DialogAnswers
{
    /// <summary>"none", "no", "n/a", "-" → null; anything else trimmed.</summary>
    public static string? NoneToNull(string text) =>
        text.Trim().ToLowerInvariant() is "none" or "no" or "n/a" or "-" or "—" ? null : text.Trim();

    /// <summary>
    /// Re-checks, at the moment of recording, that the sender may do it (the roster may have changed since
    /// the dialog started). Returns the member, or null with the sentence that says who may.
    /// </summary>
    public static (BureauMember? Member, string? Denial) Recheck(Roster roster, string? aadObjectId, Func<Authorization, BureauMember, AuthorizationResult> check, string denied)
    {
        var member = roster.FindMemberByAadObjectId(aadObjectId ?? string.Empty);
        var result = member is null ? new AuthorizationResult(false, denied) : check(new Authorization(roster), member);
        return result.IsAllowed ? (member, null) : (null, result.DenialReason ?? denied);
    }
}
