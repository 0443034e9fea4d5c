using System.Text.Json;
using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>
/// Every card template of a directory (<c>cards/*.json</c>, excluding the <c>*.data.json</c> sample data), loaded
/// and validated once at start-up: each is an Adaptive Card of version 1.5 or lower (Teams' ceiling) and binds
/// with its sample data leaving no <c>${</c>. Sample data carry no <c>t</c> (the card's fixed words): given the text
/// catalogue, each card is bound in every language with <c>t</c> from it; without one, only <c>${t.…}</c> may stay.
/// </summary>
public sealed class CardCatalog
{
    /// <summary>The highest Adaptive Card version Teams renders.</summary>
    public static readonly Version MaxVersion = new(1, 5);

    /// <summary>The suffix of a card's sample data file.</summary>
    public const string SampleDataSuffix = ".data.json";

    private readonly Dictionary<string, CardTemplate> templates;

    private CardCatalog(Dictionary<string, CardTemplate> templates)
    {
        this.templates = templates;
    }

    /// <summary>The card names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. templates.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The template of a card.</summary>
    /// <param name="name">The card's name (file name without <c>.json</c>).</param>
    /// <exception cref="KeyNotFoundException">No such card.</exception>
    public CardTemplate this[string name] =>
        templates.TryGetValue(name, out var template)
            ? template
            : throw new KeyNotFoundException($"No card template named '{name}'. Known: {string.Join(", ", Names)}.");

    /// <summary>Finds a card's template.</summary>
    /// <param name="name">The card's name.</param>
    /// <param name="template">The template when found.</param>
    /// <returns>Whether the card exists.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CardTemplate? template) =>
        templates.TryGetValue(name, out template);

    /// <summary>Binds a card with data.</summary>
    /// <param name="name">The card's name.</param>
    /// <param name="data">The data.</param>
    /// <returns>The expanded card.</returns>
    public JsonObject Bind(string name, JsonNode? data) => this[name].Bind(data);

    /// <summary>Loads and validates every card template in a directory.</summary>
    /// <param name="directory">The directory holding <c>&lt;name&gt;.json</c> and <c>&lt;name&gt;.data.json</c> files.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CardTemplateException">A card is invalid (the message names it), or there is none.</exception>
    public static CardCatalog Load(string directory) => Load(directory, null);

    /// <summary>Loads and validates every card template in a directory, each bound in every language of <paramref name="texts"/>.</summary>
    /// <param name="directory">The directory holding <c>&lt;name&gt;.json</c> and <c>&lt;name&gt;.data.json</c> files.</param>
    /// <param name="texts">The text catalogue whose <c>card.&lt;name&gt;.</c> texts are bound as <c>t</c>; null to check the rest only.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CardTemplateException">A card is invalid (the message names it), or there is none.</exception>
    public static CardCatalog Load(string directory, Texts.TextCatalogue? texts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new CardTemplateException($"Card directory '{directory}' does not exist.");
        }

        var templates = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            if (fileName.EndsWith(SampleDataSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = fileName[..^".json".Length];
            var template = CardTemplate.Parse(name, ReadJson(path, name));
            Validate(template, Path.Combine(directory, name + SampleDataSuffix), texts);
            templates.Add(name, template);
        }

        if (templates.Count == 0)
        {
            throw new CardTemplateException($"Card directory '{directory}' holds no card template.");
        }

        return new CardCatalog(templates);
    }

    private static void Validate(CardTemplate template, string samplePath, Texts.TextCatalogue? texts)
    {
        if (template.Version > MaxVersion)
        {
            throw new CardTemplateException(
                $"Card template '{template.Name}' declares version {template.Version}; Teams renders up to {MaxVersion}.");
        }

        if (!File.Exists(samplePath))
        {
            throw new CardTemplateException($"Card template '{template.Name}' has no sample data '{Path.GetFileName(samplePath)}' beside it.");
        }

        var sample = ReadJson(samplePath, template.Name);
        foreach (var language in texts is null ? [string.Empty] : Texts.TextCatalogue.Languages)
        {
            var data = sample.DeepClone();
            if (texts is not null && data is JsonObject o)
            {
                o["t"] = texts.Strings(language, $"card.{template.Name}.");
            }

            var json = template.Bind(data).ToJsonString();
            for (var at = json.IndexOf("${", StringComparison.Ordinal); at >= 0; at = json.IndexOf("${", at + 2, StringComparison.Ordinal))
            {
                if (texts is null && (string.CompareOrdinal(json, at, "${t.", 0, 4) == 0 || string.CompareOrdinal(json, at, "${$root.t.", 0, 10) == 0))
                {
                    continue; // the card's fixed words: bound from the catalogue when the card is used
                }

                var excerpt = json.Substring(Math.Max(0, at - 40), Math.Min(json.Length - Math.Max(0, at - 40), 100));
                throw new CardTemplateException(
                    $"Card template '{template.Name}' bound with its sample data{(texts is null ? string.Empty : $" and its texts in '{language}'")} leaves an unresolved expression: …{excerpt}…");
            }
        }
    }

    private static JsonNode ReadJson(string path, string name)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))
                ?? throw new CardTemplateException($"Card template '{name}': '{Path.GetFileName(path)}' is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new CardTemplateException($"Card template '{name}': '{Path.GetFileName(path)}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
