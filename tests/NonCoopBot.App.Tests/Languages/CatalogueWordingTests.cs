using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Wording;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>Para 12 in every language: no text of the catalogue, in English, French or Spanish, holds a judging word.</summary>
public sealed class CatalogueWordingTests
{
    public static TheoryData<string> Languages => new(TextCatalogue.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryCatalogueText_IsNeutral(string language)
    {
        var texts = Said.Texts;
        var keys = texts.Keys(language);
        Assert.True(keys.Count > 50, $"only {keys.Count} texts in {language}");
        var findings = keys
            .Select(k => (Key: k, Words: NeutralWording.FindJudgingWords(texts.Get(language, k))))
            .Where(f => f.Words.Count > 0)
            .Select(f => $"{language} {f.Key}: {string.Join(", ", f.Words)}")
            .ToList();
        Assert.True(findings.Count == 0, "Judging words in the catalogue:\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("fr", "L'État a manqué à ses obligations et sa non-coopération est un échec.")]
    [InlineData("es", "El Estado incumplió la solicitud.")]
    public void TheCheck_ReadsFrenchAndSpanish(string language, string text)
    {
        // The same check that runs over the catalogue finds a judging word in the language of the text.
        Assert.NotEmpty(NeutralWording.FindJudgingWords(text));
        Assert.Contains(language, TextCatalogue.Languages);
    }
}
