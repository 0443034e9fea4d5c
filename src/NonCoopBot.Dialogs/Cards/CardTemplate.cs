using System.Globalization;
using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>An Adaptive Card template: its name (file name without <c>.json</c>), its parsed form and declared version.</summary>
public sealed class CardTemplate
{
    private readonly JsonObject source;

    private CardTemplate(string name, JsonObject source, Version version, PreparedTemplate prepared)
    {
        Name = name;
        this.source = source;
        Version = version;
        Prepared = prepared;
    }

    /// <summary>The card's name, e.g. <c>alert</c> for <c>cards/alert.json</c>.</summary>
    public string Name { get; }

    /// <summary>The card's declared Adaptive Card schema <c>version</c>.</summary>
    public Version Version { get; }

    /// <summary>A copy of the template JSON (before binding).</summary>
    public JsonObject Source => (JsonObject)source.DeepClone();

    internal PreparedTemplate Prepared { get; }

    /// <summary>Parses a template: it must be an object with <c>type</c> AdaptiveCard and a <c>version</c>.</summary>
    /// <param name="name">The card's name.</param>
    /// <param name="template">The template JSON (copied).</param>
    /// <returns>The parsed template.</returns>
    /// <exception cref="CardTemplateException">The template is not an Adaptive Card or an expression cannot be parsed.</exception>
    public static CardTemplate Parse(string name, JsonNode template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(template);
        if (template is not JsonObject obj)
        {
            throw new CardTemplateException($"Card template '{name}' is not a JSON object.");
        }

        if ((string?)obj["type"] is not "AdaptiveCard")
        {
            throw new CardTemplateException($"Card template '{name}' has type '{obj["type"]}', expected 'AdaptiveCard'.");
        }

        var versionText = obj["version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (versionText is null || !Version.TryParse(versionText, out var version))
        {
            throw new CardTemplateException($"Card template '{name}' has no valid 'version' (found '{obj["version"]}').");
        }

        var copy = (JsonObject)obj.DeepClone();
        return new CardTemplate(name, copy, version, CardBinder.Prepare(copy, name));
    }

    /// <summary>Binds the template with data (see <see cref="CardBinder"/>).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The expanded card.</returns>
    public JsonObject Bind(JsonNode? data) =>
        CardBinder.Bind(this, data) as JsonObject
        ?? throw new CardTemplateException($"Card template '{Name}' did not expand to a JSON object.");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (Adaptive Card {Version})");
}
