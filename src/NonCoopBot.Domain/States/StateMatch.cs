namespace NonCoopBot.Domain.States;

/// <summary>How a typed State name matched the directory.</summary>
public enum StateMatchKind
{
    /// <summary>One State matched; see <see cref="StateMatch.State"/>.</summary>
    Exact,

    /// <summary>Several States matched (e.g. "Korea", "Congo"); ask which one. See <see cref="StateMatch.Candidates"/>.</summary>
    Ambiguous,

    /// <summary>Nothing matched; <see cref="StateMatch.Candidates"/> holds up to 3 suggestions by spelling.</summary>
    NotFound,
}

/// <summary>The result of <see cref="StateDirectory.Match(string)"/>.</summary>
public sealed record StateMatch(string Input, StateMatchKind Kind, State? State, IReadOnlyList<State> Candidates)
{
    public static StateMatch Exact(string input, State state) => new(input, StateMatchKind.Exact, state, [state]);

    public static StateMatch Ambiguous(string input, IReadOnlyList<State> candidates) =>
        new(input, StateMatchKind.Ambiguous, null, candidates);

    public static StateMatch NotFound(string input, IReadOnlyList<State> suggestions) =>
        new(input, StateMatchKind.NotFound, null, suggestions);

    /// <summary>True when exactly one State matched.</summary>
    public bool IsExact => Kind == StateMatchKind.Exact;
}
