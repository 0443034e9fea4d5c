namespace NonCoopBot.Domain.Members;

/// <summary>
/// A roster file could not be read, or it breaks the roster rules. <see cref="Problems"/> names each problem as a code with its
/// arguments (the entry, the field, the line), for the App to say in the reader's language; the message lists the same codes,
/// for logs and operators.
/// </summary>
public sealed class RosterFileException : Exception
{
    public RosterFileException(string source, IReadOnlyList<DomainText> problems, IReadOnlyList<RosterViolation>? violations = null, Exception? innerException = null)
        : base($"{source}: {string.Join("; ", problems ?? [])}", innerException)
    {
        Problems = problems ?? [];
        Violations = violations ?? [];
    }

    /// <summary>Every problem found (<c>rosterFile.*</c> when the file cannot be read as a roster, <c>roster.*</c> for a broken rule).</summary>
    public IReadOnlyList<DomainText> Problems { get; }

    /// <summary>The rule violations, when the file parsed but the roster is invalid.</summary>
    public IReadOnlyList<RosterViolation> Violations { get; }
}
