namespace NonCoopBot.Domain.States;

/// <summary>
/// A State as the Bureau's procedures see it: its UN regional group, whether it is a party to the
/// Rome Statute, and whether it has an ad hoc arrangement or agreement with the Court (art. 87(5)).
/// </summary>
/// <param name="Code">ISO 3166-1 alpha-3 code, e.g. "KEN".</param>
/// <param name="Name">Short name in United Nations usage, e.g. "Côte d'Ivoire".</param>
/// <param name="RegionalGroup">UN regional group.</param>
/// <param name="IsStateParty">Party to the Rome Statute as listed (before any <paramref name="WithdrawalEffective"/>).</param>
/// <param name="ArrangementWithCourt">Ad hoc arrangement or agreement with the Court (art. 87(5)); set by configuration.</param>
/// <param name="Aliases">Other names people type (short forms, former names).</param>
/// <param name="WithdrawalEffective">Date a withdrawal took (or takes) effect under art. 127, if any.</param>
/// <param name="Note">A short factual note (withdrawals, observer status).</param>
public sealed record State(
    string Code,
    string Name,
    RegionalGroup RegionalGroup,
    bool IsStateParty,
    bool ArrangementWithCourt,
    IReadOnlyList<string> Aliases,
    DateOnly? WithdrawalEffective = null,
    string? Note = null)
{
    /// <summary>Whether the State is a party to the Rome Statute on <paramref name="date"/>.</summary>
    public bool IsStatePartyOn(DateOnly date) =>
        IsStateParty && (WithdrawalEffective is not { } withdrawal || date < withdrawal);

    /// <summary>
    /// Whether the State is a requested State on <paramref name="date"/> (para 4): a State Party, or a
    /// non-party State with an ad hoc arrangement or agreement with the Court.
    /// </summary>
    public bool IsRequestedStateOn(DateOnly date) => IsStatePartyOn(date) || ArrangementWithCourt;
}
