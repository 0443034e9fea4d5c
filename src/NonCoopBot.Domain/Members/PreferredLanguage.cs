namespace NonCoopBot.Domain.Members;

/// <summary>The language a member reads alerts in. Written "en", "fr", "es" in the roster file.</summary>
public enum PreferredLanguage
{
    English,
    French,
    Spanish,
}

/// <summary>Two-letter codes for <see cref="PreferredLanguage"/>.</summary>
public static class PreferredLanguageCodes
{
    /// <summary>"en", "fr" or "es".</summary>
    public static string ToCode(this PreferredLanguage language) => language switch
    {
        PreferredLanguage.English => "en",
        PreferredLanguage.French => "fr",
        PreferredLanguage.Spanish => "es",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };

    /// <summary>Parses "en", "fr", "es" (case-insensitive).</summary>
    public static bool TryParse(string? code, out PreferredLanguage language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "en": language = PreferredLanguage.English; return true;
            case "fr": language = PreferredLanguage.French; return true;
            case "es": language = PreferredLanguage.Spanish; return true;
            default: language = default; return false;
        }
    }
}
