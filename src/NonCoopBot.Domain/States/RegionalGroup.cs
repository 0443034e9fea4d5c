namespace NonCoopBot.Domain.States;

/// <summary>The five United Nations regional groups (United Nations practice); the App names them (<c>domain.group.*</c>).</summary>
public enum RegionalGroup
{
    African,
    AsiaPacific,
    EasternEuropean,
    LatinAmericanAndCaribbean,
    WesternEuropeanAndOther,
}
