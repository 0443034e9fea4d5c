using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NonCoopBot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity. Common fields are typed; every other property Teams sends is kept in
/// <see cref="Properties"/> so that nothing is lost on a round trip.
/// </summary>
public sealed class Activity
{
    public string Type { get; set; } = ActivityTypes.Message;
    public string? Id { get; set; }
    [JsonConverter(typeof(WireTimestampConverter))]
    public DateTimeOffset? Timestamp { get; set; }
    [JsonConverter(typeof(WireTimestampConverter))]
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? InputHint { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonObject? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? Action { get; set; }
    public string? Name { get; set; }
    public JsonNode? Value { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<MessageReaction>? ReactionsAdded { get; set; }
    public List<MessageReaction>? ReactionsRemoved { get; set; }

    /// <summary>Properties this model does not type, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// The Teams view of <see cref="ChannelData"/> (tenant, team, channel), or null. It is read once per
    /// <see cref="ChannelData"/> object (a turn asks for the tenant several times): assign a new object to change it;
    /// edits inside the same object are not seen. Malformed channelData throws <see cref="JsonException"/> each time.
    /// </summary>
    [JsonIgnore]
    public TeamsChannelData? TeamsChannelData
    {
        get
        {
            var data = ChannelData;
            if (data is null)
            {
                return null;
            }

            // One reference holds the source and its view together, so a racing reader never pairs them wrongly.
            if (_teamsView is { } cached && ReferenceEquals(cached.Source, data))
            {
                return cached.View;
            }

            var view = data.Deserialize(ProtocolJsonContext.Default.TeamsChannelData);
            _teamsView = new TeamsView(data, view);
            return view;
        }
    }

    private TeamsView? _teamsView;

    private sealed record TeamsView(JsonObject Source, TeamsChannelData? View);

    /// <summary>The tenant: from channelData.tenant.id, else conversation.tenantId.</summary>
    [JsonIgnore]
    public string? TenantId => TeamsChannelData?.Tenant?.Id ?? Conversation?.TenantId;

    /// <summary>
    /// Reads the invoke/submit value as <typeparamref name="T"/> with the caller's source-generated metadata
    /// (e.g. <c>MyJsonContext.Default.MyValue</c>; use <see cref="System.Text.Json.JsonSerializerDefaults.Web"/> in its
    /// options for camelCase, case-insensitive reading). Default when there is no value.
    /// </summary>
    public T? GetValue<T>(JsonTypeInfo<T> typeInfo) =>
        Value is null ? default : Value.Deserialize(typeInfo);

    /// <summary>Creates a reply addressed back to the sender in the same conversation.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
            IsGroup = Conversation.IsGroup,
        },
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        ReplyToId = Id,
        Locale = Locale,
    };
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>An Adaptive Card attachment.</summary>
    public static Attachment AdaptiveCard(JsonNode card) =>
        new() { ContentType = ContentTypes.AdaptiveCard, Content = card };
}

/// <summary>An entity such as a mention (<c>type: "mention"</c>). Unknown fields are kept.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    /// <summary>For mentions: the account mentioned.</summary>
    public ChannelAccount? Mentioned { get; set; }

    /// <summary>For mentions: the text of the mention, e.g. <c>&lt;at&gt;NonCoopBot&lt;/at&gt;</c>.</summary>
    public string? Text { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class MessageReaction
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The parts of Teams' channelData the bot reads.</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }
    public string? EventType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}

public sealed class ChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

/// <summary>The body of an HTTP answer to an invoke activity.</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; } = 200;
    public JsonNode? Body { get; set; }
}

/// <summary>Returned by the connector when an activity is sent (201 {id}).</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
