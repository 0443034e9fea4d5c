using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>
/// The card templates in <c>cards/</c> (loaded and checked once at start-up), bound with feature data. A template stays
/// one file for every language: its fixed words are <c>${t.…}</c>, bound from the catalogue's <c>card.&lt;name&gt;.…</c>
/// texts in the reader's language (<see cref="Bind(string, object, string)"/>).
/// </summary>
public sealed class BotCards(CardCatalog catalog, TextCatalogue texts)
{
    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    public CardCatalog Catalog { get; } = catalog;

    public TextCatalogue Texts { get; } = texts;

    /// <summary>Binds a card in English (data given as an object, serialised with web names).</summary>
    public JsonNode Bind(string name, object data) => Bind(name, data, TextCatalogue.English);

    /// <summary>Binds a card with its fixed texts in <paramref name="language"/> as <c>t</c> (data given as an object, serialised with web names).</summary>
    public JsonNode Bind(string name, object data, string language)
    {
        var node = data as JsonNode ?? JsonSerializer.SerializeToNode(data, DataOptions);
        if (node is JsonObject obj && !obj.ContainsKey("t"))
        {
            // Bind a copy: the caller's data stays as it was (it may be stored or bound again in another language).
            obj = (JsonObject)obj.DeepClone();
            obj["t"] = Texts.Strings(language, $"card.{name}.");
            node = obj;
        }

        return Catalog.Bind(name, node);
    }
}
