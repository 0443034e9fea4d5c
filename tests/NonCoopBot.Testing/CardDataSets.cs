using System.Text.Json.Nodes;

namespace NonCoopBot.Testing;

/// <summary>One data set for a card: its sample (<c>cards/&lt;card&gt;.data.json</c>, named "sample") or a file under <c>cards/data/&lt;card&gt;/</c>.</summary>
public sealed record CardDataSet(string Card, string Name, string Path)
{
    /// <summary>The data.</summary>
    public JsonNode Load() => JsonNode.Parse(File.ReadAllText(Path)) ?? throw new InvalidOperationException($"{Path} is JSON null.");

    public override string ToString() => $"{Card}/{Name}";
}

/// <summary>
/// The data sets kept beside the cards, found by convention so a new card's are picked up with it: the sample
/// <c>cards/&lt;card&gt;.data.json</c>, plus every <c>cards/data/&lt;card&gt;/*.json</c> (other <c>$when</c> branches,
/// <c>$data</c> lists of 0, 1 and many items, optional fields absent, long names).
/// </summary>
public static class CardDataSets
{
    /// <summary>Every data set of every card in <paramref name="cardsDirectory"/>, ordered by card then name.</summary>
    public static IReadOnlyList<CardDataSet> All(string cardsDirectory)
    {
        var cards = Directory.EnumerateFiles(cardsDirectory, "*.json")
            .Select(System.IO.Path.GetFileName)
            .Where(f => !f!.EndsWith(".data.json", StringComparison.Ordinal))
            .Select(f => f![..^".json".Length]);
        return [.. cards.SelectMany(card => For(cardsDirectory, card)).OrderBy(d => d.Card, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The data sets of one card.</summary>
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
