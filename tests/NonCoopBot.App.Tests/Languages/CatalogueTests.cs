using System.Text.RegularExpressions;
using NonCoopBot.App.Features;
using NonCoopBot.App.Tests.Manifest;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>The one text catalogue is complete: every key in English, French and Spanish, with the same placeholders.</summary>
public sealed partial class CatalogueTests
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

    /// <summary>
    /// No unused key: each key of the catalogue is named in the code (<c>src/**/*.cs</c>) — whole; or, for a <c>domain.*</c> key,
    /// as the Domain's code without <c>domain.</c>; or built from a literal prefix ending with a dot and one more segment
    /// (<c>"procedure.step." + step</c>), optionally with a literal suffix (<c>key + ".synonyms"</c>); a <c>command.&lt;id&gt;</c> key by
    /// its id; a <c>card.&lt;card&gt;.&lt;path&gt;</c> key by <c>t.&lt;path&gt;</c> in <c>cards/&lt;card&gt;.json</c>.
    /// </summary>
    [Fact]
    public void EveryKey_IsUsed()
    {
        var literals = Directory.EnumerateFiles(RepoFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(p => KeyLiteral().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var prefixes = literals.Where(l => l.EndsWith('.') && char.IsLower(l[0])).ToList();
        var suffixes = literals.Where(l => l.StartsWith('.') && l.Length > 1).Append(string.Empty).ToList();

        bool Built(string key) => prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)
            && suffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal) && key.Length - s.Length > p.Length && !key[p.Length..^s.Length].Contains('.', StringComparison.Ordinal)));

        bool InCard(string key)
        {
            var match = CardKey().Match(key);
            var template = match.Success ? Path.Combine(RepoFiles.PathOf("cards"), match.Groups[1].Value + ".json") : null;
            return template is not null && File.Exists(template)
                && Regex.IsMatch(File.ReadAllText(template), @"\bt\." + Regex.Escape(match.Groups[2].Value) + @"(?![\w.])");
        }

        var unused = Texts.Keys(TextCatalogue.English)
            .Where(k => !literals.Contains(k) && !(k.StartsWith("domain.", StringComparison.Ordinal) && (literals.Contains(k["domain.".Length..]) || Built(k["domain.".Length..]))))
            .Where(k => !(CommandKey().Match(k) is { Success: true } c && literals.Contains(c.Groups[1].Value)))
            .Where(k => !InCard(k) && !Built(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(unused.Count == 0, "Keys no code uses:\n" + string.Join("\n", unused));
    }

    [GeneratedRegex(@"""([A-Za-z.][\w.-]*)""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"^card\.([^.]+)\.(.+)$")]
    private static partial Regex CardKey();

    [GeneratedRegex(@"^command\.([^.]+)(\.help)?$")]
    private static partial Regex CommandKey();
}
