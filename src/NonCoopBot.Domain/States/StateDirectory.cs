using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NonCoopBot.Domain.States;

/// <summary>
/// Every State the bot knows (States Parties to the Rome Statute and the other UN Member States),
/// with forgiving name matching. Immutable: <see cref="WithArrangements"/> returns a new directory.
/// </summary>
public sealed partial class StateDirectory
{
    private const string EmbeddedResourceSuffix = "Data.states.json";
    private const int MaxSuggestions = 3;

    private readonly FrozenDictionary<string, State> _byCode;
    private readonly IReadOnlyList<IndexedState> _index;

    private StateDirectory(IEnumerable<State> states, DateOnly? currentTo = null)
    {
        CurrentTo = currentTo;
        var list = states.OrderBy(state => state.Name, StringComparer.Ordinal).ToList();
        var duplicates = list.GroupBy(state => state.Code, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException($"Duplicate State codes: {string.Join(", ", duplicates)}.", nameof(states));
        }

        All = list;
        _byCode = list.ToFrozenDictionary(state => state.Code, StringComparer.OrdinalIgnoreCase);
        _index = list.Select(IndexedState.Create).ToList();
    }

    /// <summary>The date the States data is current to (party status as listed on that date), if the data says.</summary>
    public DateOnly? CurrentTo { get; }

    /// <summary>All States, ordered by name.</summary>
    public IReadOnlyList<State> All { get; }

    /// <summary>
    /// The name in <paramref name="language"/> of the State with <paramref name="code"/>, from the embedded data (names do not
    /// depend on arrangements or status changes): the one place a stored State (a matter's requested State, a procedure's
    /// decision, an alert) is named for a reader. A code the data does not know reads <paramref name="recordedName"/>, the
    /// (English) name stored with it, else the code.
    /// </summary>
    public static string NameOf(string? code, string? language, string? recordedName = null) =>
        (code is null ? null : Embedded.Value.FindByCode(code)?.NameIn(language)) ?? recordedName ?? code ?? string.Empty;

    private static readonly Lazy<StateDirectory> Embedded = new(LoadEmbedded);

    /// <summary>Loads the directory embedded in this assembly (<c>Data/states.json</c>).</summary>
    public static StateDirectory LoadEmbedded()
    {
        var assembly = typeof(StateDirectory).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(EmbeddedResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"The embedded resource '{EmbeddedResourceSuffix}' is missing from {assembly.GetName().Name}. Check <EmbeddedResource Include=\"Data\\*.json\" /> in the project file.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses a directory in the format of <c>Data/states.json</c>.</summary>
    /// <exception cref="FormatException">The JSON is malformed or a State lacks a code or name.</exception>
    public static StateDirectory Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        StatesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, StatesJsonContext.Default.StatesDocument);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The States file is not valid: {exception.Message}", exception);
        }

        if (document?.States is not { Count: > 0 } states)
        {
            throw new FormatException("The States file has no \"states\" array.");
        }

        return new StateDirectory(states.Select((dto, i) => dto.ToState(i)), document.CurrentTo);
    }

    /// <summary>Creates a directory from States (tests, other data sources).</summary>
    public static StateDirectory Create(IEnumerable<State> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        return new StateDirectory(states);
    }

    /// <summary>
    /// Returns a directory in which exactly the listed States have an ad hoc arrangement or agreement
    /// with the Court (art. 87(5)). The Court's arrangements are not public data, so this comes from
    /// configuration.
    /// </summary>
    /// <exception cref="ArgumentException">A code is not a known State code; the message lists them.</exception>
    public StateDirectory WithArrangements(IEnumerable<string> stateCodes)
    {
        ArgumentNullException.ThrowIfNull(stateCodes);
        var codes = stateCodes.Select(code => code.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = codes.Where(code => !_byCode.ContainsKey(code)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown State code(s) for ad hoc arrangements: {string.Join(", ", unknown)}. Use ISO 3166-1 alpha-3 codes such as \"UKR\".",
                nameof(stateCodes));
        }

        return new StateDirectory(All.Select(state => state with { ArrangementWithCourt = codes.Contains(state.Code) }), CurrentTo);
    }

    /// <summary>
    /// Returns a directory with the Secretariat's recorded changes applied in date order (see
    /// <see cref="StateStatusChange.ApplyTo"/>); unknown codes are ignored.
    /// </summary>
    public StateDirectory WithStatusChanges(IEnumerable<StateStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var byCode = changes.Where(c => _byCode.ContainsKey(c.StateCode))
            .GroupBy(c => c.StateCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.EffectiveOn).ThenBy(c => c.RecordedAt).ToList(), StringComparer.OrdinalIgnoreCase);
        return byCode.Count == 0
            ? this
            : new StateDirectory(All.Select(state => byCode.TryGetValue(state.Code, out var list) ? list.Aggregate(state, (s, c) => c.ApplyTo(s)) : state), CurrentTo);
    }

    /// <summary>States Parties on <paramref name="date"/>.</summary>
    public IReadOnlyList<State> StatesParties(DateOnly date) => All.Where(state => state.IsStatePartyOn(date)).ToList();

    /// <summary>The State with this ISO alpha-3 code (case-insensitive), or null.</summary>
    public State? FindByCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.GetValueOrDefault(code.Trim());
    }

    /// <summary>The State with this code.</summary>
    /// <exception cref="KeyNotFoundException">No State has this code.</exception>
    public State GetByCode(string code) =>
        FindByCode(code) ?? throw new KeyNotFoundException($"No State has the code \"{code}\". Use ISO 3166-1 alpha-3 codes such as \"KEN\".");

    /// <summary>
    /// Matches a typed name forgivingly (case, accents, punctuation, "the", short forms such as "DRC",
    /// "UK", "Ivory Coast", "Turkey", "Vietnam"). An upper-case three-letter input is also tried as a code.
    /// <list type="bullet">
    /// <item><see cref="StateMatchKind.Exact"/>: the name, an alias, the code, or whole words of exactly one State.</item>
    /// <item><see cref="StateMatchKind.Ambiguous"/>: several States share that name or word ("Korea"), or the
    /// input is only the start of a name ("Kazak"): ask the user to confirm one of <see cref="StateMatch.Candidates"/>.</item>
    /// <item><see cref="StateMatchKind.NotFound"/>: up to 3 suggestions by spelling ("Columbia" → Colombia).</item>
    /// </list>
    /// </summary>
    public StateMatch Match(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var trimmed = input.Trim();
        if (trimmed.Length == 3 && trimmed.All(char.IsAsciiLetterUpper) && _byCode.TryGetValue(trimmed, out var byCode))
        {
            return StateMatch.Exact(input, byCode);
        }

        var normalized = StateNameNormalizer.Normalize(trimmed);
        if (normalized.Length == 0)
        {
            return StateMatch.NotFound(input, []);
        }

        var exact = _index.Where(entry => entry.Names.Contains(normalized)).Select(entry => entry.State).ToList();
        if (exact.Count > 0)
        {
            return exact.Count == 1 ? StateMatch.Exact(input, exact[0]) : StateMatch.Ambiguous(input, exact);
        }

        var words = normalized.Split(' ');
        var wholeWords = _index.Where(entry => entry.WordSets.Any(set => words.All(set.Contains))).Select(entry => entry.State).ToList();
        if (wholeWords.Count > 0)
        {
            return wholeWords.Count == 1 ? StateMatch.Exact(input, wholeWords[0]) : StateMatch.Ambiguous(input, wholeWords);
        }

        if (normalized.Length >= 3)
        {
            var prefixes = _index
                .Where(entry => entry.WordSets.Any(set => words.All(word => set.Any(w => w.StartsWith(word, StringComparison.Ordinal)))))
                .Select(entry => entry.State)
                .ToList();
            if (prefixes.Count > 0)
            {
                return StateMatch.Ambiguous(input, prefixes);
            }
        }

        var threshold = Math.Max(1, normalized.Length / 3);
        var suggestions = _index
            .Select(entry => (entry.State, Distance: entry.Names.Min(name => StateNameNormalizer.EditDistance(normalized, name))))
            .Where(pair => pair.Distance <= threshold)
            .OrderBy(pair => pair.Distance)
            .ThenBy(pair => pair.State.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(pair => pair.State)
            .ToList();
        return StateMatch.NotFound(input, suggestions);
    }

    /// <summary>How the States file is read: any casing, comments, trailing commas, regional groups by name (source-generated, AOT-safe).</summary>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UseStringEnumConverter = true)]
    [JsonSerializable(typeof(StatesDocument))]
    private sealed partial class StatesJsonContext : JsonSerializerContext;

    private sealed record IndexedState(State State, IReadOnlyList<string> Names, IReadOnlyList<HashSet<string>> WordSets)
    {
        public static IndexedState Create(State state)
        {
            var names = new[] { state.Name }.Concat(state.TranslatedNames?.Values ?? []).Concat(state.Aliases)
                .Select(StateNameNormalizer.Normalize)
                .Where(name => name.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var wordSets = names.Select(name => name.Split(' ').ToHashSet(StringComparer.Ordinal)).ToList();
            return new IndexedState(state, names, wordSets);
        }
    }

    private sealed record StatesDocument(List<StateDto>? States, DateOnly? CurrentTo);

    private sealed record StateDto(
        string? Code,
        string? Name,
        RegionalGroup? RegionalGroup,
        bool IsStateParty,
        bool ArrangementWithCourt,
        List<string>? Aliases,
        DateOnly? WithdrawalEffective,
        string? Note,
        Dictionary<string, string>? Names,
        Dictionary<string, List<string>>? OtherNames)
    {
        public State ToState(int position) => new(
            string.IsNullOrWhiteSpace(Code) ? throw new FormatException($"State #{position + 1} has no \"code\".") : Code.Trim(),
            string.IsNullOrWhiteSpace(Name) ? throw new FormatException($"State {Code} has no \"name\".") : Name.Trim(),
            RegionalGroup ?? throw new FormatException($"State {Code} has no \"regionalGroup\"."),
            IsStateParty,
            ArrangementWithCourt,
            [.. Aliases ?? [], .. OtherNames?.Values.SelectMany(names => names) ?? []],
            WithdrawalEffective,
            Note,
            TranslatedNames: Names?.Where(pair => !string.IsNullOrWhiteSpace(pair.Value))
                .ToDictionary(pair => pair.Key, pair => pair.Value.Trim(), StringComparer.OrdinalIgnoreCase));
    }
}
