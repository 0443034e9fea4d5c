using NonCoopBot.App.Features;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>The one text catalogue is complete: every key in English, French and Spanish, with the same placeholders.</summary>
public sealed class CatalogueTests
{
    private static readonly TextCatalogue Texts = NonCoopBotRoutes.Texts;

    public static TheoryData<string> OtherLanguages => new(TextCatalogue.Languages.Where(l => l != TextCatalogue.English));

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryKey_IsInEveryLanguage(string language)
    {
        var english = Texts.Keys(TextCatalogue.English).ToHashSet(StringComparer.Ordinal);
        var other = Texts.Keys(language).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(english.Except(other).Order(StringComparer.Ordinal));
        Assert.Empty(other.Except(english).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryText_HasTheSamePlaceholdersAsItsEnglish(string language)
    {
        var mismatches = Texts.Keys(TextCatalogue.English)
            .Where(k => !TextCatalogue.Placeholders(Texts.Get(TextCatalogue.English, k)).Order(StringComparer.Ordinal)
                .SequenceEqual(TextCatalogue.Placeholders(Texts.Get(language, k)).Order(StringComparer.Ordinal)))
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public void NoText_IsEmpty_OrUntranslatedMarker()
    {
        foreach (var language in TextCatalogue.Languages)
        {
            Assert.All(Texts.Keys(language), k => Assert.False(string.IsNullOrWhiteSpace(Texts.Get(language, k)) || Texts.Get(language, k).Contains("TODO", StringComparison.Ordinal), $"{language} {k}"));
        }
    }

    [Fact]
    public void CommandWords_AreDistinctAcrossCommands_InEveryLanguage()
    {
        var words = Texts.Keys(TextCatalogue.English).Where(k => k.StartsWith("command.", StringComparison.Ordinal) && k.Count(c => c == '.') == 1)
            .SelectMany(k => TextCatalogue.Languages.Select(l => (Key: k, Word: Texts.Get(l, k).ToLowerInvariant())))
            .Distinct()
            .GroupBy(w => w.Word)
            .Where(g => g.Select(w => w.Key).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(words);
    }
}
