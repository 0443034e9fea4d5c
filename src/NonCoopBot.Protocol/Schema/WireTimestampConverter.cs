using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NonCoopBot.Protocol.Schema;

/// <summary>
/// Writes timestamps the way Teams sends them: UTC as <c>…Z</c>, others with their offset, fraction
/// digits trimmed, so a received activity round-trips unchanged (System.Text.Json would write
/// <c>+00:00</c> for UTC).
/// </summary>
public sealed class WireTimestampConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } v)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(v.Offset == TimeSpan.Zero
            ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : v.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }
}
