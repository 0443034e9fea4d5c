using System.Text.Json;
using System.Text.Json.Serialization;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>How Bureau data (matter and procedure snapshots, meetings, roster changes) is stored as JSON: web names, enums as text.</summary>
public static class BureauJson
{
    /// <summary>The options of <see cref="BureauJsonContext"/> (source-generated metadata: AOT-safe).</summary>
    public static JsonSerializerOptions Options => BureauJsonContext.Default.Options;
}

/// <summary>
/// The stored documents' metadata, generated at build time. The rows written with it are pinned byte for byte
/// (StoredJsonContractTests): web defaults (camelCase, nulls written), every enum as its name, matter ids as text.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, Converters = [typeof(MatterIdConverter)])]
[JsonSerializable(typeof(MatterSnapshot))]
[JsonSerializable(typeof(FormalProcedureSnapshot))]
[JsonSerializable(typeof(EmergencyMeeting))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class BureauJsonContext : JsonSerializerContext;

/// <summary>A <see cref="MatterId"/> as its text (<c>NC-2026-001</c>).</summary>
internal sealed class MatterIdConverter : JsonConverter<MatterId>
{
    public override MatterId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        MatterId.Parse(reader.GetString() ?? throw new JsonException("A matter id is required."));

    public override void Write(Utf8JsonWriter writer, MatterId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
