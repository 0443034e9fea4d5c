using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>The card templates in <c>cards/</c>, loaded and checked once at start-up.</summary>
public sealed class BotCards
{
    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    public BotCards(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var directory = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "cards"),
            Path.Combine(environment.ContentRootPath, "cards"),
        }.FirstOrDefault(Directory.Exists) ?? throw new InvalidOperationException($"The card templates folder was not found beside the app ({AppContext.BaseDirectory}cards). Build the App project so cards/*.json are copied.");
        Catalog = CardCatalog.Load(directory);
    }

    public CardCatalog Catalog { get; }

    /// <summary>Binds a card with data given as an object (serialised with web names).</summary>
    public JsonNode Bind(string name, object data) =>
        Catalog.Bind(name, data as JsonNode ?? JsonSerializer.SerializeToNode(data, DataOptions));
}
