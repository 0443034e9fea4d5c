namespace NonCoopBot.Domain.Members;

/// <summary>One way a roster breaks the rules, with a sentence that says what to fix.</summary>
/// <param name="Code">Stable code for tests and logs, e.g. "focal-point-group".</param>
/// <param name="Message">A full sentence for the Secretariat.</param>
public sealed record RosterViolation(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The result of <see cref="Roster.Validate"/>: every violation found, not just the first.</summary>
public sealed record RosterValidationResult(IReadOnlyList<RosterViolation> Violations)
{
    public bool IsValid => Violations.Count == 0;

    /// <summary>All violations, one per line.</summary>
    public override string ToString() =>
        IsValid ? "The roster is valid." : string.Join(Environment.NewLine, Violations.Select(v => "- " + v.Message));
}
