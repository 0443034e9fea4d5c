namespace NonCoopBot.Domain.Members;

/// <summary>A Bureau member's office. Focal points are flagged separately (<see cref="BureauMember.IsFocalPoint"/>).</summary>
public enum BureauRole
{
    /// <summary>The President of the Assembly.</summary>
    President,

    /// <summary>One of the two Vice-Presidents; one may be designated to act for the President.</summary>
    VicePresident,

    /// <summary>One of the 18 other Bureau members.</summary>
    Member,
}
