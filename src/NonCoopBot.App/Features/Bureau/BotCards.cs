using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>The card templates in <c>cards/</c> (loaded and checked once at start-up), bound with feature data.</summary>
public sealed class BotCards(CardCatalog catalog)
{
    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    public CardCatalog Catalog { get; } = catalog;

    /// <summary>Binds a card with data given as an object (serialised with web names).</summary>
    public JsonNode Bind(string name, object data) =>
        Catalog.Bind(name, data as JsonNode ?? JsonSerializer.SerializeToNode(data, DataOptions));
}
