using System.Collections;
using System.Globalization;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain;
using NonCoopBot.Domain.Members;
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

    /// <summary>A broken rule of a matter in the reader's language (<c>domain.rule.*</c>).</summary>
    public static string RuleText(this TextCatalogue texts, string language, MatterRuleException rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return texts.Say(language, rule.Text);
    }

    /// <summary>
    /// What the Domain says (a code and its arguments) in the reader's language: the catalogue's <c>domain.&lt;code&gt;</c>, with each
    /// argument worded in that language too — a State by its name in that language, a regional group, a Court request or an office by its name, a date as the record writes
    /// dates, a list joined with "and", a nested <see cref="DomainText"/> said the same way, numbers as digits, text as given.
    /// This is the one place where the Domain's refusals, validation errors and changes become words.
    /// </summary>
    public static string Say(this TextCatalogue texts, string language, DomainText text)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(text);
        var arguments = text.Arguments.Select(a => (a.Name, (object?)Word(texts, language, a.Value))).ToArray();
        return texts.Format(language, "domain." + text.Code, arguments);
    }

    private static string? Word(TextCatalogue texts, string language, object? value) => value switch
    {
        null => null,
        string s => s,
        State state => state.NameIn(language),
        RequestedState state => state.NameIn(language),
        DomainText inner => texts.Say(language, inner),
        RegionalGroup group => texts.GroupLabel(language, group),
        CourtRequest request => texts.RequestLabel(language, request),
        BureauRole role => texts.Get(language, "roster.office." + role),
        DateOnly date => new ReaderDates(texts, language).Day(date),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => List(texts, language, list.Cast<object?>().Select(item => Word(texts, language, item) ?? string.Empty).ToList()),
        _ => value.ToString(),
    };

    /// <summary>"A", "A and B", "A, B and C" in the reader's language.</summary>
    private static string List(TextCatalogue texts, string language, IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + texts.Get(language, "roster.and") + items[^1];

    private static string Get(TextCatalogue texts, string language, string key)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Get(language, key);
    }
}
