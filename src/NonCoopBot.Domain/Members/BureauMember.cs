using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Members;

/// <summary>One of the 21 members of the Bureau, each from a State Party.</summary>
/// <param name="Id">Stable roster id, e.g. "president".</param>
/// <param name="DisplayName">How the member is addressed, e.g. "Ambassador A. Example".</param>
/// <param name="StateCode">ISO alpha-3 code of the member's State.</param>
/// <param name="RegionalGroup">The State's UN regional group.</param>
/// <param name="AadObjectId">Microsoft Entra (AAD) object id; how the bot recognises the sender.</param>
/// <param name="Mailbox">E-mail address (calendar look-ups, invitations).</param>
/// <param name="TimeZone">IANA time zone id, e.g. "America/New_York"; times are shown in it.</param>
/// <param name="PreferredLanguage">en, fr or es.</param>
/// <param name="Role">President, Vice-President or member.</param>
/// <param name="IsFocalPoint">Appointed regional focal point (para 16); the group is <see cref="RegionalGroup"/>.</param>
public sealed record BureauMember(
    string Id,
    string DisplayName,
    string StateCode,
    RegionalGroup RegionalGroup,
    string AadObjectId,
    string Mailbox,
    string TimeZone,
    PreferredLanguage PreferredLanguage,
    BureauRole Role,
    bool IsFocalPoint = false)
{
    /// <summary>The regional group this member is focal point for, or null.</summary>
    public RegionalGroup? FocalPointGroup => IsFocalPoint ? RegionalGroup : null;
}
