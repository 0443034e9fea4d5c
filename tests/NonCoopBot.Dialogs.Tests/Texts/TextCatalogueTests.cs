using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.Dialogs.Tests.Texts;

public sealed class TextCatalogueTests
{
    private static TextCatalogue Catalogue() => new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["en"] = new Dictionary<string, string>
        {
            ["a.greeting"] = "Hello {name}, {count} new",
            ["card.x.title"] = "Title",
            ["card.x.ack.button"] = "Acknowledge",
            ["only.english"] = "Only in English",
        },
        ["fr"] = new Dictionary<string, string>
        {
            ["a.greeting"] = "Bonjour {name}, {count} nouveaux",
            ["card.x.title"] = "Titre",
            ["card.x.ack.button"] = "Accuser réception",
        },
    });

    [Fact]
    public void Format_FillsNamedPlaceholders_InTheLanguage()
    {
        Assert.Equal("Bonjour Ana, 3 nouveaux", Catalogue().Format("fr", "a.greeting", ("name", "Ana"), ("count", 3)));
        Assert.Equal("Hello Ana, 3 new", Catalogue().Format("en", "a.greeting", ("count", 3), ("name", "Ana")));
    }

    [Fact]
    public void Format_LeavesAnUnknownPlaceholder_AndDoesNotReadBracesInValues()
    {
        Assert.Equal("Hello {x}, {count} new", Catalogue().Format("en", "a.greeting", ("name", "{x}")));
    }

    [Fact]
    public void Get_FallsBackToEnglish_AndThrowsForAnUnknownKey()
    {
        Assert.Equal("Only in English", Catalogue().Get("fr", "only.english"));
        Assert.Equal("Only in English", Catalogue().Get("es", "only.english"));
        Assert.Throws<KeyNotFoundException>(() => Catalogue().Get("en", "no.such.key"));
    }

    [Fact]
    public void Strings_NestsTheCardTexts_InTheLanguage()
    {
        var t = Catalogue().Strings("fr", "card.x.");
        Assert.Equal("Titre", (string?)t["title"]);
        Assert.Equal("Accuser réception", (string?)t["ack"]!["button"]);
    }

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("es-419", "es")]
    [InlineData("EN_us", "en")]
    [InlineData("de-DE", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_KeepsOnlyTheCatalogueLanguages(string? code, string? expected) =>
        Assert.Equal(expected, TextCatalogue.Normalize(code));

    [Fact]
    public void Placeholders_AreTheNamesInBraces()
    {
        Assert.Equal(["name", "count"], TextCatalogue.Placeholders("Hello {name}, {count} new, {name} again"));
        Assert.Empty(TextCatalogue.Placeholders("No placeholder { here }"));
    }

    [Fact]
    public void Load_ReadsTheDialogLibrarysOwnTexts_InEveryLanguage()
    {
        var catalogue = TextCatalogue.Load(typeof(TextCatalogue).Assembly);
        foreach (var language in TextCatalogue.Languages)
        {
            Assert.Equal(catalogue.Keys("en").Order(), catalogue.Keys(language).Order());
        }
    }
}
