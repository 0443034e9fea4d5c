namespace NonCoopBot.Domain.States;

/// <summary>
/// A State as the Bureau's procedures see it: its UN regional group, whether it is a party to the
/// Rome Statute, and whether it has an ad hoc arrangement or agreement with the Court (art. 87(5)).
/// </summary>
/// <param name="Code">ISO 3166-1 alpha-3 code, e.g. "KEN".</param>
/// <param name="Name">Short name in United Nations usage, in English, e.g. "Côte d'Ivoire"; <see cref="NameIn"/> gives it in a reader's language.</param>
/// <param name="RegionalGroup">UN regional group.</param>
/// <param name="IsStateParty">Party to the Rome Statute as listed (before any <paramref name="WithdrawalEffective"/>).</param>
/// <param name="ArrangementWithCourt">Ad hoc arrangement or agreement with the Court (art. 87(5)); set by configuration.</param>
/// <param name="Aliases">Other names people type (short forms, former names), in any of the three languages.</param>
/// <param name="WithdrawalEffective">Date a withdrawal took (or takes) effect under art. 127, if any.</param>
/// <param name="Note">A short factual note (withdrawals, observer status).</param>
/// <param name="AccessionEffective">Date the Statute entered into force for the State (art. 126(2)), where recorded.</param>
/// <param name="ArrangementSince">Date an ad hoc arrangement or agreement took effect, where recorded.</param>
/// <param name="TranslatedNames">The United Nations short name in other languages, by language ("fr", "es").</param>
public sealed record State(
    string Code,
    string Name,
    RegionalGroup RegionalGroup,
    bool IsStateParty,
    bool ArrangementWithCourt,
    IReadOnlyList<string> Aliases,
    DateOnly? WithdrawalEffective = null,
    string? Note = null,
    DateOnly? AccessionEffective = null,
    DateOnly? ArrangementSince = null,
    IReadOnlyDictionary<string, string>? TranslatedNames = null)
{
    /// <summary>
    /// The State's short name in <paramref name="language"/> ("en", "fr", "es"): the United Nations short name in that
    /// language, else the English <see cref="Name"/>. The one place a State's name is chosen for a reader.
    /// </summary>
    public string NameIn(string? language) =>
        language is not null && TranslatedNames is not null && TranslatedNames.TryGetValue(language, out var name) ? name : Name;

    /// <summary>Whether the State is a party to the Rome Statute on <paramref name="date"/>.</summary>
    public bool IsStatePartyOn(DateOnly date) =>
        IsStateParty
        && (AccessionEffective is not { } accession || date >= accession)
        && (WithdrawalEffective is not { } withdrawal || date < withdrawal);

    /// <summary>Whether an ad hoc arrangement or agreement with the Court is in effect on <paramref name="date"/>.</summary>
    public bool HasArrangementOn(DateOnly date) =>
        ArrangementWithCourt && (ArrangementSince is not { } since || date >= since);

    /// <summary>
    /// Whether the State is a requested State on <paramref name="date"/> (para 4): a State Party, or a
    /// non-party State with an ad hoc arrangement or agreement with the Court. For a matter, the date is
    /// the date of the Court's request: a withdrawal that took effect later leaves the obligations for
    /// proceedings begun before it (art. 127(2)); an accession after it does not make the State a requested
    /// State for that request.
    /// </summary>
    public bool IsRequestedStateOn(DateOnly date) => IsStatePartyOn(date) || HasArrangementOn(date);
}
