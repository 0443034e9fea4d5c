using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Members;

/// <summary>
/// Who may do what, as policies over the roster. Each check returns allow, or deny with a stable code (the constants
/// below) naming the sentence that says who may do it: the App shows the catalogue's <c>domain.&lt;code&gt;</c> in the
/// reader's language (the Domain holds no sentence a person reads). "Acting President" means the Vice-President designated in the roster to act
/// for the President (<see cref="Roster.ActingPresidentMemberId"/>).
/// </summary>
public sealed class Authorization(Roster roster)
{
    public const string GoodOfficesDenied = "denied.goodOffices";

    public const string OralReportDenied = "denied.oralReport";

    public const string ReferralDenied = "denied.referral";

    public const string OpenMatterDenied = "denied.openMatter";

    public const string AssistanceDenied = "denied.assistance";

    public const string EmergencyMeetingDenied = "denied.emergencyMeeting";

    public const string CloseMatterDenied = "denied.closeMatter";

    public const string ContactLogDenied = "denied.contactLog";

    public const string ReadBureauOnlyDenied = "denied.readBureauOnly";

    public const string ReadMatterDenied = "denied.readMatter";

    private readonly Roster _roster = roster ?? throw new ArgumentNullException(nameof(roster));

    /// <summary>President or acting President (paras 17-18).</summary>
    public AuthorizationResult CanTriggerGoodOffices(Principal sender) => PresidentOnly(sender, GoodOfficesDenied);

    /// <summary>President or acting President (para 20).</summary>
    public AuthorizationResult CanRecordOralReport(Principal sender) => PresidentOnly(sender, OralReportDenied);

    /// <summary>President or acting President.</summary>
    public AuthorizationResult CanRecordReferral(Principal sender) => PresidentOnly(sender, ReferralDenied);

    /// <summary>President or acting President.</summary>
    public AuthorizationResult CanOpenMatter(Principal sender) => PresidentOnly(sender, OpenMatterDenied);

    /// <summary>President or acting President (para 19).</summary>
    public AuthorizationResult CanRequestAssistance(Principal sender) => PresidentOnly(sender, AssistanceDenied);

    /// <summary>President or acting President (paras 14(a), 20).</summary>
    public AuthorizationResult CanConveneEmergencyMeeting(Principal sender) => PresidentOnly(sender, EmergencyMeetingDenied);

    /// <summary>President or acting President.</summary>
    public AuthorizationResult CanCloseMatter(Principal sender) => PresidentOnly(sender, CloseMatterDenied);

    /// <summary>
    /// Focal points and the President (or acting President); with a <paramref name="matter"/>, also a
    /// Bureau member the President asked to assist on it (para 19).
    /// </summary>
    public AuthorizationResult CanLogContact(Principal sender, Matter? matter = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (Current(sender) is not { } member)
        {
            return AuthorizationResult.Deny(ContactLogDenied);
        }

        var assisting = matter?.AssistingMembers.Any(m => m.MemberId == member.Id) == true;
        return member.IsFocalPoint || _roster.ActsAsPresident(member) || assisting
            ? AuthorizationResult.Allow
            : AuthorizationResult.Deny(ContactLogDenied);
    }

    /// <summary>
    /// 7(b) matters (confidential to the Bureau): Bureau members only; the Secretariat may not.
    /// 7(a) matters: Bureau members and the Secretariat (which forwards the Court's decision and issues
    /// the press release, para 13). Anyone else: never. Bureau-only entries inside a 7(a) matter are
    /// filtered by the caller with <see cref="Matter.PublicElements"/> or <see cref="MatterEvent.IsBureauOnly"/>.
    /// </summary>
    public AuthorizationResult CanReadMatter(Principal sender, Matter matter)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(matter);
        return sender switch
        {
            _ when Current(sender) is not null => AuthorizationResult.Allow,
            Principal.Secretariat staff when CurrentStaff(staff) && matter.Confidentiality == Confidentiality.HasPublicElements => AuthorizationResult.Allow,
            Principal.Secretariat => AuthorizationResult.Deny(ReadBureauOnlyDenied),
            _ => AuthorizationResult.Deny(matter.Confidentiality == Confidentiality.BureauOnly ? ReadBureauOnlyDenied : ReadMatterDenied),
        };
    }

    /// <summary>True for a member of the current roster (a stale object or a removed member is not).</summary>
    public bool IsBureauMember(Principal sender) => Current(sender) is not null;

    /// <summary>True for a current Bureau member or current Secretariat staff.</summary>
    public bool IsReader(Principal sender) => Current(sender) is not null || (sender is Principal.Secretariat staff && CurrentStaff(staff));

    /// <summary>Convenience overload for a Bureau member.</summary>
    public AuthorizationResult CanTriggerGoodOffices(BureauMember sender) => CanTriggerGoodOffices(new Principal.Member(sender));

    /// <summary>Convenience overload for a Bureau member.</summary>
    public AuthorizationResult CanRecordOralReport(BureauMember sender) => CanRecordOralReport(new Principal.Member(sender));

    /// <summary>Convenience overload for a Bureau member.</summary>
    public AuthorizationResult CanRecordReferral(BureauMember sender) => CanRecordReferral(new Principal.Member(sender));

    /// <summary>Convenience overload for a Bureau member.</summary>
    public AuthorizationResult CanLogContact(BureauMember sender, Matter? matter = null) => CanLogContact(new Principal.Member(sender), matter);

    /// <summary>Convenience overload for a Bureau member.</summary>
    public AuthorizationResult CanReadMatter(BureauMember member, Matter matter) => CanReadMatter(new Principal.Member(member), matter);

    private AuthorizationResult PresidentOnly(Principal sender, string denial)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return Current(sender) is { } member && _roster.ActsAsPresident(member)
            ? AuthorizationResult.Allow
            : AuthorizationResult.Deny(denial);
    }

    /// <summary>The member as the current roster has them (a stale object or a removed member gets no rights).</summary>
    private BureauMember? Current(Principal sender) =>
        sender is Principal.Member { BureauMember: var member } ? _roster.FindMemberByAadObjectId(member.AadObjectId) is { } current && current.Id == member.Id ? current : null : null;

    private bool CurrentStaff(Principal.Secretariat staff) => _roster.FindSecretariatByAadObjectId(staff.Staff.AadObjectId) is not null;
}
