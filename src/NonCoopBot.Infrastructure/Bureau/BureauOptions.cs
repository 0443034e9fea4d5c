namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>Where the roster comes from, and the data the Court's arrangements need.</summary>
public sealed class RosterOptions
{
    public const string SectionName = "Roster";

    /// <summary>
    /// A roster file (see roster/roster.sample.json) loaded into the database at start-up when the database
    /// has no roster yet. The default is none: the Secretariat loads the real roster.
    /// </summary>
    public string? SeedFile { get; set; }

    /// <summary>
    /// Codes of non-party States that have an ad hoc arrangement or agreement with the Court (art. 87(5)),
    /// so that matters may be opened for them (para 4). The default is none.
    /// </summary>
    public List<string> StatesWithArrangement { get; set; } = [];
}
