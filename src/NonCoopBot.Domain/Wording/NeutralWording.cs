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
/// <para>
/// French and Spanish: the same judgements in those languages are flagged too (<see cref="FlaggedTermsFrench"/>,
/// <see cref="FlaggedTermsSpanish"/>): "violation"/"violación", "manquement"/"incumplimiento", "échec"/"échoué",
/// "coupable"/"culpable", "illégal"/"ilegal", "condamner"/"condenar", "non coopératif"/"no cooperativo", and so on.
/// The Assembly's own names of the procedure are allowed: "non-coopération" and "no cooperación" (the Spanish
/// "falta de cooperación" holds no flagged word). Accented and unaccented spellings are both found.
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

    /// <summary>The French stems and words that are flagged (besides those shared with English: refus*, sanction*, scandal*, obstruct*, culpab*…).</summary>
    public static IReadOnlyList<string> FlaggedTermsFrench { get; } =
    [
        "violation*/violé*/violer*/viole", "manquement*", "échec*/échou*", "non-respect", "non conforme*", "non coopératif/non coopérative*",
        "peu coopératif*", "coupable*", "illégal*/illicite*", "condamn*", "blâm*", "infraction*", "entrav*", "défier/défié*/défi(e)", "bafou*",
        "mépris*", "honte*/honteu*", "déplor*", "répréhensible*", "complicité*", "fautif*", "reproch*", "se soustrai*/soustrait*", "élud*",
    ];

    /// <summary>The Spanish stems and words that are flagged (besides those shared with English: sanction*, culpab*…).</summary>
    public static IReadOnlyList<string> FlaggedTermsSpanish { get; } =
    [
        "violación/violaciones/violó/violar*/violado*", "incumpl*", "quebrant*", "infracción*/infringi*", "falló (not fallo, a ruling)/fallido*", "rehus*/rechaz* (a request)",
        "negativa*", "desacat*", "desaf*", "no cooperativo*/no cooperativa*", "poco cooperativo*", "culpa/culpar*/culpó", "ilegal*/ilícit*",
        "condena*/condenó/condeno*", "sancion*", "obstru*", "desprecio*/menospreci*", "vergüenza/vergonzos*", "escándal*/escandal*", "deplorable*",
        "reprensible*/reprobable*", "cómplice*/complicidad*", "reproch*", "evadi*/eludi*/evasión*",
    ];

    /// <summary>The allowed terms, removed before scanning.</summary>
    public static IReadOnlyList<string> AllowedTerms { get; } = ["non-cooperation", "NonCoopBot", "non-coopération", "no cooperación"];

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

    [GeneratedRegex(@"\bnon[-\u2011\u2010]cooperation\b|\bNonCoopBot\b|\bnon[-\u2011\u2010\s]coop[ée]ration\b|\bno\s+cooperaci[óo]n\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllowedTerm();

    [GeneratedRegex(
        @"\b(?:violat\w*|breach\w*|fail\w*|refus\w*|defian\w*|defy|defies|defied|defying|non[-\u2011\u2010\s]?complian\w*|non[-\u2011\u2010\s]?cooperative\w*|uncooperative\w*|guilt\w*|illegal\w*|unlawful\w*|wrongful\w*|obstruct\w*|culpab\w*|condemn\w*|blam(?:e|ed|es|ing|eworthy|eless)|sanction\w*|wrongdo\w*|flout\w*|shame\w*|disgrac\w*|evade\w*|evading|evasion\w*|evasive\w*|harbou?r\w*|complicit\w*|contempt\w*|deplor\w*|reprehensib\w*|scandal\w*|infring\w*"
        + @"|violations?|viol[ée]e?s?|violer\w*|manquements?|[ée]checs?|[ée]chou\w*|non[-\u2011\u2010\s]respect|non[-\u2011\u2010\s]conformes?"
        + @"|non[-\u2011\u2010\s]?coop[ée]rati(?:f|fs|ve|ves)|peu\s+coop[ée]rati\w*|coupables?|ill[ée]gal\w*|illicite\w*|condamn\w*|bl[âa]m(?:e[rsz]?|ée?s?|ons|ent|able\w*)|infractions?"
        + @"|entrav\w*|d[ée]fier|d[ée]fi[ée]e?s?|bafou\w*|m[ée]pris\w*|honte\w*|honteu\w*|d[ée]plor\w*|r[ée]pr[ée]hensible\w*|complicit[ée]s?|fautif\w*|fautive\w*"
        + @"|reproch\w*|soustrai\w*|soustrait\w*|[ée]lud\w*"
        + @"|violaci[óo]n|violaciones|viol[óo]|violar\w*|violad[oa]s?|incumpl\w*|quebrant\w*|infracci[óo]n\w*|infracciones|infringi\w*|fall[ó]|fallid[oa]s?"
        + @"|rehus\w*|rechaz\w*|negativas?|desacat\w*|desaf[íi]\w*|no\s+cooperativ[oa]s?|poco\s+cooperativ[oa]s?|culpa|culpar\w*|culp[óo]|ileg[aá]l\w*|il[íi]cit\w*"
        + @"|conden[aóoé]\w*|sancion\w*|obstru\w*|desprecio\w*|menospreci\w*|verg[üu]enza\w*|vergonzos\w*|esc[áa]ndal\w*|deplorable\w*|reprensible\w*|reprobable\w*"
        + @"|c[óo]mplices?|complicidad\w*|evadi\w*|eludi\w*|evasi[óo]n)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JudgingWord();
}
