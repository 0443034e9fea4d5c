using System.Text.Json;
using System.Text.Json.Serialization;

namespace NonCoopBot.Protocol.Schema;

/// <summary>System.Text.Json settings for the wire: camelCase, nulls omitted, unknown fields kept.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options => ProtocolJsonContext.Default.Options;
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(TeamsChannelData))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(TeamsChannelAccount))]
[JsonSerializable(typeof(List<TeamsChannelAccount>))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
