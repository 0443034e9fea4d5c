namespace NonCoopBot.Domain.Members;

/// <summary>
/// The Bureau (21 members: the President, 2 Vice-Presidents, 18 members; 4 regional focal points among
/// them) and the Secretariat staff who use the bot. Construct freely; call <see cref="Validate"/> to
/// check the rules (a roster being edited may be invalid for a while).
/// </summary>
public sealed partial class Roster
{
    /// <summary>The Bureau has 21 members.</summary>
    public const int BureauSize = 21;

    /// <summary>The Bureau has two Vice-Presidents.</summary>
    public const int VicePresidentCount = 2;

    /// <summary>The Bureau appoints four regional focal points (para 16).</summary>
    public const int FocalPointCount = 4;

    public Roster(
        IEnumerable<BureauMember> members,
        IEnumerable<SecretariatStaff> secretariat,
        string? actingPresidentMemberId = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(secretariat);
        Members = members.ToList();
        Secretariat = secretariat.ToList();
        ActingPresidentMemberId = string.IsNullOrWhiteSpace(actingPresidentMemberId) ? null : actingPresidentMemberId.Trim();
    }

    /// <summary>The Bureau members, in roster order.</summary>
    public IReadOnlyList<BureauMember> Members { get; }

    /// <summary>Secretariat staff known to the bot.</summary>
    public IReadOnlyList<SecretariatStaff> Secretariat { get; }

    /// <summary>Id of the Vice-President designated to act for the President, if any.</summary>
    public string? ActingPresidentMemberId { get; }

    /// <summary>The President, or null if the roster names none (or several).</summary>
    public BureauMember? President =>
        Members.Count(m => m.Role == BureauRole.President) == 1 ? Members.Single(m => m.Role == BureauRole.President) : null;

    /// <summary>The Vice-Presidents.</summary>
    public IReadOnlyList<BureauMember> VicePresidents => Members.Where(m => m.Role == BureauRole.VicePresident).ToList();

    /// <summary>The regional focal points.</summary>
    public IReadOnlyList<BureauMember> FocalPoints => Members.Where(m => m.IsFocalPoint).ToList();

    /// <summary>The Vice-President designated to act for the President, or null.</summary>
    public BureauMember? ActingPresident =>
        ActingPresidentMemberId is null
            ? null
            : Members.FirstOrDefault(m => m.Role == BureauRole.VicePresident && string.Equals(m.Id, ActingPresidentMemberId, StringComparison.Ordinal));

    /// <summary>True for the President and for the Vice-President designated to act for the President.</summary>
    public bool ActsAsPresident(BureauMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Role == BureauRole.President
            || (ActingPresident is { } acting && string.Equals(acting.Id, member.Id, StringComparison.Ordinal));
    }

    /// <summary>The Bureau member with this roster id, or null.</summary>
    public BureauMember? FindMemberById(string memberId)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        return Members.FirstOrDefault(m => string.Equals(m.Id, memberId, StringComparison.Ordinal));
    }

    /// <summary>The Bureau member with this AAD object id (case-insensitive), or null.</summary>
    public BureauMember? FindMemberByAadObjectId(string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        return Members.FirstOrDefault(m => SameAadObjectId(m.AadObjectId, aadObjectId));
    }

    /// <summary>The Secretariat staff member with this AAD object id (case-insensitive), or null.</summary>
    public SecretariatStaff? FindSecretariatByAadObjectId(string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        return Secretariat.FirstOrDefault(s => SameAadObjectId(s.AadObjectId, aadObjectId));
    }

    /// <summary>Who this AAD object id is: a Bureau member, Secretariat staff, or unknown.</summary>
    public Principal Identify(string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        if (FindMemberByAadObjectId(aadObjectId) is { } member)
        {
            return new Principal.Member(member);
        }

        return FindSecretariatByAadObjectId(aadObjectId) is { } staff
            ? new Principal.Secretariat(staff)
            : new Principal.Unknown(aadObjectId);
    }

    private static bool SameAadObjectId(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
