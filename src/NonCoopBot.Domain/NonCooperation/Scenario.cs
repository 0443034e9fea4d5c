namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The two scenarios of para 7 that may require action by the Assembly.</summary>
public enum Scenario
{
    /// <summary>7(a): the Court has referred the matter to the Assembly by a decision.</summary>
    CourtReferral7A,

    /// <summary>7(b): no referral yet; a specific and serious incident concerning an arrest and surrender request is about to occur or ongoing.</summary>
    Urgent7B,
}

/// <summary>Labels and plain explanations for <see cref="Scenario"/>.</summary>
public static class ScenarioText
{
    /// <summary>"7(a)" or "7(b)".</summary>
    public static string Label(this Scenario scenario) => scenario switch
    {
        Scenario.CourtReferral7A => "7(a)",
        Scenario.Urgent7B => "7(b)",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>One plain sentence.</summary>
    public static string Explanation(this Scenario scenario) => scenario switch
    {
        Scenario.CourtReferral7A =>
            "The Court has referred the matter to the Assembly by a decision (para 7(a)); the formal response procedure applies and it has public elements.",
        Scenario.Urgent7B =>
            "The Court has not referred the matter yet, but there are reasons to believe that a specific and serious incident concerning a request for arrest and surrender is about to occur or is ongoing, and urgent action may help (para 7(b)); the response is informal and confidential to the Bureau.",
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
