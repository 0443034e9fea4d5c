using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.Testing;

/// <summary>
/// One data set for a card in one language: its sample (<c>cards/&lt;card&gt;.data.json</c>, named "sample") or a file under
/// <c>cards/data/&lt;card&gt;/</c>, bound with the card's fixed words (<c>t</c>) in <see cref="Language"/>.
/// </summary>
public sealed record CardDataSet(string Card, string Name, string Path, string Language = TextCatalogue.English)
{
    /// <summary>The data as the bot binds it: the file's data plus <c>t</c>, the catalogue's <c>card.&lt;card&gt;.</c> texts in <see cref="Language"/>.</summary>
    public JsonNode Load()
    {
        var node = LoadFile();
        if (node is JsonObject data)
        {
            data["t"] = CardTexts.Catalogue(Path).Strings(Language, $"card.{Card}.");
        }

        return node;
    }

    /// <summary>The file's data as kept (no <c>t</c>: docs/languages.md).</summary>
    public JsonNode LoadFile() => JsonNode.Parse(File.ReadAllText(Path)) ?? throw new InvalidOperationException($"{Path} is JSON null.");

    public override string ToString() => $"{Card}/{Name}/{Language}";
}

/// <summary>
/// The data sets kept beside the cards, found by convention so a new card's are picked up with it: the sample
/// <c>cards/&lt;card&gt;.data.json</c>, plus every <c>cards/data/&lt;card&gt;/*.json</c> (other <c>$when</c> branches,
/// <c>$data</c> lists of 0, 1 and many items, optional fields absent, long names). The files carry no <c>t</c>: each is
/// bound in every language of the catalogue (docs/languages.md).
/// </summary>
public static class CardDataSets
{
    /// <summary>Every data set of every card in <paramref name="cardsDirectory"/> in every language, ordered by card, name, then language (English first).</summary>
    public static IReadOnlyList<CardDataSet> All(string cardsDirectory) =>
        [.. Files(cardsDirectory).SelectMany(d => TextCatalogue.Languages.Select(l => d with { Language = l }))];

    /// <summary>Every data set file of every card, once (in English).</summary>
    public static IReadOnlyList<CardDataSet> Files(string cardsDirectory)
    {
        var cards = Directory.EnumerateFiles(cardsDirectory, "*.json")
            .Select(System.IO.Path.GetFileName)
            .Where(f => !f!.EndsWith(".data.json", StringComparison.Ordinal))
            .Select(f => f![..^".json".Length]);
        return [.. cards.SelectMany(card => For(cardsDirectory, card)).OrderBy(d => d.Card, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The data set files of one card (in English).</summary>
    public static IEnumerable<CardDataSet> For(string cardsDirectory, string card)
    {
        var sample = System.IO.Path.Combine(cardsDirectory, card + ".data.json");
        if (File.Exists(sample))
        {
            yield return new CardDataSet(card, "sample", sample);
        }

        var folder = System.IO.Path.Combine(cardsDirectory, "data", card);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                yield return new CardDataSet(card, System.IO.Path.GetFileNameWithoutExtension(file), file);
            }
        }
    }
}

/// <summary>
/// The text catalogue read from the repository's text files (<c>src/*/Texts/&lt;area&gt;.&lt;lang&gt;.json</c>, the same files the
/// assemblies embed), so tests of cards bind the words the bot binds without loading the app.
/// </summary>
public static class CardTexts
{
    private static readonly ConcurrentDictionary<string, TextCatalogue> Catalogues = new(StringComparer.Ordinal);

    /// <summary>The catalogue of the repository that holds <paramref name="pathInRepository"/>.</summary>
    public static TextCatalogue Catalogue(string pathInRepository) => Catalogues.GetOrAdd(RepoRoot(pathInRepository), Load);

    private static TextCatalogue Load(string root)
    {
        var texts = TextCatalogue.Languages.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateDirectories(System.IO.Path.Combine(root, "src"))
            .Select(p => System.IO.Path.Combine(p, "Texts"))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
            .Order(StringComparer.Ordinal))
        {
            var language = System.IO.Path.GetFileNameWithoutExtension(file).Split('.')[^1];
            var document = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidOperationException($"{file} is not a JSON object.");
            foreach (var (key, value) in document)
            {
                texts[language][key] = (string?)value ?? throw new InvalidOperationException($"{file}: '{key}' is null.");
            }
        }

        return new TextCatalogue(texts.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal));
    }

    private static string RepoRoot(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NonCoopBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (NonCoopBot.sln) above {path}.");
    }
}
