namespace NonCoopBot.Domain.Members;

/// <summary>A roster file could not be read, or it breaks the roster rules. The message says what to fix.</summary>
public sealed class RosterFileException : Exception
{
    public RosterFileException(string message, IReadOnlyList<RosterViolation>? violations = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Violations = violations ?? [];
    }

    /// <summary>The rule violations, when the file parsed but the roster is invalid.</summary>
    public IReadOnlyList<RosterViolation> Violations { get; }
}
