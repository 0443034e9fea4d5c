namespace NonCoopBot.Domain.States;

/// <summary>What changed in a State's relation to the Court.</summary>
public enum StateStatusChangeKind
{
    /// <summary>A withdrawal from the Rome Statute takes effect (art. 127(1)).</summary>
    Withdrawal,

    /// <summary>The Statute enters into force for an acceding State (art. 126(2)).</summary>
    Accession,

    /// <summary>An ad hoc arrangement or agreement with the Court takes effect (art. 87(5)).</summary>
    Arrangement,
}

/// <summary>
/// A change the Secretariat records with the date it takes effect, so that party status can be judged on
/// the date of a Court request even when the States data is older (see <see cref="StateDirectory.CurrentTo"/>).
/// </summary>
public sealed record StateStatusChange(string StateCode, StateStatusChangeKind Kind, DateOnly EffectiveOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The State with this change applied.</summary>
    public State ApplyTo(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Kind switch
        {
            StateStatusChangeKind.Withdrawal => state with { WithdrawalEffective = EffectiveOn },
            StateStatusChangeKind.Accession => state with
            {
                IsStateParty = true,
                AccessionEffective = EffectiveOn,
                WithdrawalEffective = state.WithdrawalEffective is { } w && w <= EffectiveOn ? null : state.WithdrawalEffective,
            },
            StateStatusChangeKind.Arrangement => state with { ArrangementWithCourt = true, ArrangementSince = EffectiveOn },
            _ => throw new ArgumentOutOfRangeException(nameof(state), Kind, "Unknown change."),
        };
    }

    /// <summary>"withdrawal", "accession", "arrangement" (case ignored).</summary>
    public static bool TryParseKind(string? text, out StateStatusChangeKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);
}
