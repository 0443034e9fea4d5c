namespace NonCoopBot.Domain.Members;

/// <summary>Who sent a message, as the roster knows them.</summary>
public abstract record Principal(string AadObjectId)
{
    /// <summary>A Bureau member.</summary>
    public sealed record Member(BureauMember BureauMember) : Principal(BureauMember.AadObjectId);

    /// <summary>A member of the Secretariat's staff.</summary>
    public sealed record Secretariat(SecretariatStaff Staff) : Principal(Staff.AadObjectId);

    /// <summary>Someone not on the roster.</summary>
    public sealed record Unknown(string UnknownAadObjectId) : Principal(UnknownAadObjectId);
}
