using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>Reads values from card data as sent by any client: a whole number may arrive as a number (of any CLR type) or as digits.</summary>
public static class CardValues
{
    public static int? Int(JsonObject? data, string key)
    {
        if (data?[key] is not JsonValue value)
        {
            return null;
        }

        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
