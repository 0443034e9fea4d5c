using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>
/// The Domain's labels in the reader's language: the Domain names a value (an enum), the catalogue says it
/// (<c>domain.scenario.*</c>, <c>domain.request.*</c>, <c>domain.status.*</c>, <c>domain.basis.*</c>, <c>domain.group.*</c>).
/// Every feature shows scenarios, Court requests, stages and regional groups through these.
/// </summary>
public static class DomainTexts
{
    /// <summary>"The Court has referred the matter …" (one plain sentence).</summary>
    public static string ScenarioExplanation(this TextCatalogue texts, string language, Scenario scenario) =>
        Get(texts, language, "domain.scenario.explanation." + scenario);

    /// <summary>"request for arrest and surrender (art. 89)".</summary>
    public static string RequestLabel(this TextCatalogue texts, string language, CourtRequest request) =>
        Get(texts, language, "domain.request." + request);

    /// <summary>"Good offices under way".</summary>
    public static string StatusLabel(this TextCatalogue texts, string language, MatterStatus status) =>
        Get(texts, language, "domain.status." + status);

    /// <summary>"as decided by the Bureau, para 18".</summary>
    public static string BasisLabel(this TextCatalogue texts, string language, GoodOfficesBasis basis) =>
        Get(texts, language, "domain.basis." + basis);

    /// <summary>"African States", "États d'Afrique", "Estados de África".</summary>
    public static string GroupLabel(this TextCatalogue texts, string language, RegionalGroup group) =>
        Get(texts, language, "domain.group." + group);

    /// <summary>A broken rule of a matter in the reader's language (<c>domain.rule.&lt;code&gt;</c>), else the Domain's sentence.</summary>
    public static string RuleText(this TextCatalogue texts, string language, MatterRuleException rule)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Code is { } code && texts.Has("domain.rule." + code)
            ? texts.Format(language, "domain.rule." + code, ("id", rule.MatterId.Value))
            : rule.Message;
    }

    /// <summary>
    /// A warning of <see cref="Matter.Open"/> in the reader's language: the Court reference's format warning is said from the
    /// catalogue (<c>domain.reference.unusual</c>); any other warning as the Domain wrote it.
    /// </summary>
    public static string OpeningWarning(this TextCatalogue texts, string language, string warning, CourtReference reference)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(reference);
        return warning == reference.FormatWarning ? texts.Format(language, "domain.reference.unusual", ("reference", reference.Value)) : warning;
    }

    private static string Get(TextCatalogue texts, string language, string key)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Get(language, key);
    }
}
