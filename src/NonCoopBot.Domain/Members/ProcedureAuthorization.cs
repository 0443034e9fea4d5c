using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Members;

/// <summary>
/// Who may do what in the formal procedure (paras 13–14, 18–19). The President (or the Vice-President
/// designated to act) decides on the steps as the Bureau decides; the Secretariat keeps the para 13
/// checklist, the Assembly's session date and the States data; both record a referral and a written response.
/// A denial is a stable code (the constants below), said by the App from the catalogue (<c>domain.denied.procedure.*</c>).
/// </summary>
public sealed class ProcedureAuthorization(Roster roster)
{
    /// <summary>What every code of this class starts with.</summary>
    public const string DenialPrefix = "denied.procedure.";

    public const string ReferralDenied = "denied.procedure.referral";

    public const string StepDenied = "denied.procedure.step";

    public const string SecretariatItemDenied = "denied.procedure.secretariatItem";

    public const string LetterCopyDenied = "denied.procedure.letterCopy";

    public const string Art97Denied = "denied.procedure.art97";

    public const string ResponseDenied = "denied.procedure.response";

    public const string SecretariatOnlyDenied = "denied.procedure.secretariatOnly";

    public const string ViewDenied = "denied.procedure.view";

    private readonly Roster _roster = roster ?? throw new ArgumentNullException(nameof(roster));

    public AuthorizationResult CanRecordReferral(Principal sender) => PresidentOrSecretariat(sender, ReferralDenied);

    public AuthorizationResult CanRecordStep(Principal sender) => President(sender) ? AuthorizationResult.Allow : AuthorizationResult.Deny(StepDenied);

    public AuthorizationResult CanRecordWrittenResponse(Principal sender) => PresidentOrSecretariat(sender, ResponseDenied);

    /// <summary>The Assembly's next session date and the States data.</summary>
    public AuthorizationResult CanKeepSecretariatRecords(Principal sender) => Secretariat(sender) ? AuthorizationResult.Allow : AuthorizationResult.Deny(SecretariatOnlyDenied);

    public AuthorizationResult CanTick(Principal sender, ChecklistItem item) => item switch
    {
        ChecklistItem.DecisionForwarded or ChecklistItem.PressRelease => Secretariat(sender) ? AuthorizationResult.Allow : AuthorizationResult.Deny(SecretariatItemDenied),
        ChecklistItem.LetterCopyToStatesParties => PresidentOrSecretariat(sender, LetterCopyDenied),
        ChecklistItem.Art97Reminder => President(sender) ? AuthorizationResult.Allow : AuthorizationResult.Deny(Art97Denied),
        _ => AuthorizationResult.Deny(ViewDenied),
    };

    /// <summary>Bureau members see every step; the Secretariat sees the public ones only; anyone else nothing.</summary>
    public ProcedureView? ViewFor(Principal sender) =>
        IsBureauMember(sender) ? ProcedureView.Bureau : Secretariat(sender) ? ProcedureView.PublicSteps : null;

    private AuthorizationResult PresidentOrSecretariat(Principal sender, string denial) =>
        President(sender) || Secretariat(sender) ? AuthorizationResult.Allow : AuthorizationResult.Deny(denial);

    private bool President(Principal sender) =>
        sender is Principal.Member { BureauMember: var m } && _roster.FindMemberByAadObjectId(m.AadObjectId) is { } current && current.Id == m.Id && _roster.ActsAsPresident(current);

    private bool IsBureauMember(Principal sender) =>
        sender is Principal.Member { BureauMember: var m } && _roster.FindMemberByAadObjectId(m.AadObjectId) is { } current && current.Id == m.Id;

    private bool Secretariat(Principal sender) =>
        sender is Principal.Secretariat { Staff: var s } && _roster.FindSecretariatByAadObjectId(s.AadObjectId) is not null;
}

/// <summary>What a reader of the procedure sees.</summary>
public enum ProcedureView
{
    /// <summary>Every step and item (Bureau members).</summary>
    Bureau,

    /// <summary>The public steps (b), (d), (e), (f) and the public items (the Secretariat).</summary>
    PublicSteps,
}
