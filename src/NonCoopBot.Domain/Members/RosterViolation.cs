namespace NonCoopBot.Domain.Members;

/// <summary>One way a roster breaks the rules, and what to fix.</summary>
/// <param name="Code">Stable code of the rule, for tests and logs, and shown with the text, e.g. "focal-point-group".</param>
/// <param name="Text">What is wrong, naming the member (<c>roster.*</c> and its arguments), said by the App in the reader's language.</param>
public sealed record RosterViolation(string Code, DomainText Text)
{
    public override string ToString() => $"{Code}: {Text}";
}

/// <summary>The result of <see cref="Roster.Validate"/>: every violation found, not just the first.</summary>
public sealed record RosterValidationResult(IReadOnlyList<RosterViolation> Violations)
{
    public bool IsValid => Violations.Count == 0;

    /// <summary>All violations by code, one per line (for logs).</summary>
    public override string ToString() => string.Join(Environment.NewLine, Violations);
}
