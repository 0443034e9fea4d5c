using System.Text.Json;
using System.Text.Json.Serialization;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>How Bureau data (matter snapshots, domain events) is stored as JSON: web names, enums as text.</summary>
public static class BureauJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new MatterIdConverter() },
    };

    private sealed class MatterIdConverter : JsonConverter<MatterId>
    {
        public override MatterId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            MatterId.Parse(reader.GetString() ?? throw new JsonException("A matter id is required."));

        public override void Write(Utf8JsonWriter writer, MatterId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
