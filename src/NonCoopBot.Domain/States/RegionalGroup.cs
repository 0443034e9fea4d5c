namespace NonCoopBot.Domain.States;

/// <summary>The five United Nations regional groups (United Nations practice).</summary>
public enum RegionalGroup
{
    African,
    AsiaPacific,
    EasternEuropean,
    LatinAmericanAndCaribbean,
    WesternEuropeanAndOther,
}

/// <summary>Display names for <see cref="RegionalGroup"/>.</summary>
public static class RegionalGroupNames
{
    /// <summary>The group's name as the United Nations writes it, e.g. "African States".</summary>
    public static string DisplayName(this RegionalGroup group) => group switch
    {
        RegionalGroup.African => "African States",
        RegionalGroup.AsiaPacific => "Asia-Pacific States",
        RegionalGroup.EasternEuropean => "Eastern European States",
        RegionalGroup.LatinAmericanAndCaribbean => "Latin American and Caribbean States",
        RegionalGroup.WesternEuropeanAndOther => "Western European and other States",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Unknown regional group."),
    };
}
