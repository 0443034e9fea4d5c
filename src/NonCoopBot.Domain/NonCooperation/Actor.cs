using NonCoopBot.Domain.Members;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>Who did something on a matter: roster id and name as at that time.</summary>
public sealed record Actor(string Id, string Name)
{
    public static Actor From(BureauMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new Actor(member.Id, member.DisplayName);
    }

    public static Actor From(SecretariatStaff staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new Actor(staff.Id, staff.Name);
    }
}
