using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>
/// The card templates in <c>cards/</c> (loaded and checked once at start-up), bound with feature data. A template stays
/// one file for every language: its fixed words are <c>${t.…}</c>, bound from the catalogue's <c>card.&lt;name&gt;.…</c>
/// texts in the reader's language (<see cref="Bind(string, JsonNode, string)"/>). Data is given as JSON (a <see cref="JsonObject"/>
/// built by the feature, named as the template reads it), never as an object serialised by reflection.
/// </summary>
public sealed class BotCards(CardCatalog catalog, TextCatalogue texts)
{
    public CardCatalog Catalog { get; } = catalog;

    public TextCatalogue Texts { get; } = texts;

    /// <summary>Binds a card in English.</summary>
    public JsonNode Bind(string name, JsonNode data) => Bind(name, data, TextCatalogue.English);

    /// <summary>Binds a card with its fixed texts in <paramref name="language"/> as <c>t</c>.</summary>
    public JsonNode Bind(string name, JsonNode data, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
        var node = data;
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
