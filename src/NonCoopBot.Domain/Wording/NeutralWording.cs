using System.Text.RegularExpressions;

namespace NonCoopBot.Domain.Wording;

/// <summary>
/// Guard for para 12: no text the bot writes may make or suggest a judicial finding or judge the State.
/// <see cref="FindJudgingWords"/> returns the judging or characterising words in a text, so tests can scan
/// every reply and card. Case-insensitive and word-boundary aware ("failure" is found, "sailfish" is not).
/// <para>
/// Allowed terms: "non-cooperation" (the procedure's own name, used by the Assembly itself) and
/// "NonCoopBot". "Non-cooperative" and "uncooperative" characterise a State and are flagged.
/// Bot replies should say "could not be delivered" rather than "failed".
/// </para>
/// </summary>
public static partial class NeutralWording
{
    /// <summary>The stems and words that are flagged, for documentation and error messages.</summary>
    public static IReadOnlyList<string> FlaggedTerms { get; } =
    [
        "violat*", "breach*", "fail*", "refus*", "defian*", "defy/defies/defied/defying", "non-complian*", "non-cooperative",
        "uncooperative", "guilt*", "illegal*", "unlawful*", "wrongful*", "obstruct*", "culpab*", "condemn*", "blame*/blaming", "sanction*",
        "wrongdoing", "flout*", "shame*", "disgrac*", "evade/evading/evasion/evasive", "harbour*/harbor*", "complicit*",
        "contempt*", "deplor*", "reprehensib*", "scandal*", "infring*",
    ];

    /// <summary>The allowed terms, removed before scanning.</summary>
    public static IReadOnlyList<string> AllowedTerms { get; } = ["non-cooperation", "NonCoopBot"];

    /// <summary>The judging words found, as written in the text, in order of appearance (duplicates kept once).</summary>
    public static IReadOnlyList<string> FindJudgingWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scanned = AllowedTerm().Replace(text, match => new string(' ', match.Length));
        return JudgingWord().Matches(scanned)
            .Select(match => match.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>True if the text has no judging words.</summary>
    public static bool IsNeutral(string text) => FindJudgingWords(text).Count == 0;

    [GeneratedRegex(@"\bnon[-\u2011\u2010]cooperation\b|\bNonCoopBot\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllowedTerm();

    [GeneratedRegex(
        @"\b(?:violat\w*|breach\w*|fail\w*|refus\w*|defian\w*|defy|defies|defied|defying|non[-\u2011\u2010\s]?complian\w*|non[-\u2011\u2010\s]?cooperative\w*|uncooperative\w*|guilt\w*|illegal\w*|unlawful\w*|wrongful\w*|obstruct\w*|culpab\w*|condemn\w*|blam(?:e|ed|es|ing|eworthy|eless)|sanction\w*|wrongdo\w*|flout\w*|shame\w*|disgrac\w*|evade\w*|evading|evasion\w*|evasive\w*|harbou?r\w*|complicit\w*|contempt\w*|deplor\w*|reprehensib\w*|scandal\w*|infring\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JudgingWord();
}
