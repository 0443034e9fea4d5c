namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The two scenarios of para 7 that may require action by the Assembly.</summary>
public enum Scenario
{
    /// <summary>7(a): the Court has referred the matter to the Assembly by a decision.</summary>
    CourtReferral7A,

    /// <summary>7(b): no referral yet; a specific and serious incident concerning an arrest and surrender request is about to occur or ongoing.</summary>
    Urgent7B,
}

/// <summary>Labels for <see cref="Scenario"/> (the explanation is the App's: <c>domain.scenario.explanation.*</c>).</summary>
public static class ScenarioText
{
    /// <summary>"7(a)" or "7(b)".</summary>
    public static string Label(this Scenario scenario) => scenario switch
    {
        Scenario.CourtReferral7A => "7(a)",
        Scenario.Urgent7B => "7(b)",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>Parses "7(a)", "7a", "a", "7(b)", "7b", "b" (case and spaces ignored).</summary>
    public static bool TryParse(string? text, out Scenario scenario)
    {
        var compact = new string((text ?? string.Empty).Where(ch => !char.IsWhiteSpace(ch) && ch is not '(' and not ')').ToArray()).ToLowerInvariant();
        switch (compact)
        {
            case "7a" or "a": scenario = Scenario.CourtReferral7A; return true;
            case "7b" or "b": scenario = Scenario.Urgent7B; return true;
            default: scenario = default; return false;
        }
    }
}
