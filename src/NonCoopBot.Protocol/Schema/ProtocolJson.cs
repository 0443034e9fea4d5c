using System.Text.Json;
using System.Text.Json.Serialization;

namespace NonCoopBot.Protocol.Schema;

/// <summary>System.Text.Json settings for the wire: camelCase, nulls omitted, unknown fields kept.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options => ProtocolJsonContext.Default.Options;

    /// <summary>
    /// Options for reading caller-defined types out of an activity's <c>value</c> (card submissions,
    /// invoke payloads): web defaults (camelCase, case-insensitive) with reflection-based metadata,
    /// since those types are not part of <see cref="ProtocolJsonContext"/>.
    /// </summary>
    public static JsonSerializerOptions ValueOptions { get; } = CreateValueOptions();

    private static JsonSerializerOptions CreateValueOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.TypeInfoResolverChain.Add(ProtocolJsonContext.Default);
        options.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        options.MakeReadOnly();
        return options;
    }
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
