// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Cards;

/// <summary>JavaScript's <c>undefined</c>, distinct from <c>null</c> (JSON null).</summary>
internal sealed class JsUndefined
{
    public static readonly JsUndefined Value = new();

    private JsUndefined()
    {
    }

    public override string ToString() => "undefined";
}

/// <summary>A JavaScript object: keys in insertion order, looked up the way adaptive-expressions does.</summary>
internal sealed class JsObject
{
    public List<KeyValuePair<string, object?>> Entries { get; } = [];

    public int Count => Entries.Count;

    public void Set(string key, object? value)
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal))
            {
                Entries[i] = new(key, value);
                return;
            }
        }

        Entries.Add(new(key, value));
    }

    /// <summary><c>Object.keys(o).find(k =&gt; k.toLowerCase() === p.toLowerCase())</c>.</summary>
    public bool TryGetCaseInsensitive(string property, out object? value)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, property, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>
/// The value model the binder evaluates with, mirroring JavaScript values:
/// <see cref="JsUndefined"/>, <c>null</c>, <see cref="bool"/>, <see cref="double"/>, <see cref="string"/>,
/// <see cref="List{T}"/> of values (array) and <see cref="JsObject"/>.
/// </summary>
internal static class JsValues
{
    public static readonly object Undefined = JsUndefined.Value;

    /// <summary>JavaScript <c>Number.EPSILON</c>.</summary>
    public const double NumberEpsilon = 2.220446049250313e-16;

    public static bool IsUndefined(object? value) => ReferenceEquals(value, JsUndefined.Value);

    /// <summary><c>value == null</c> in JavaScript (null or undefined).</summary>
    public static bool IsNullish(object? value) => value is null || IsUndefined(value);

    /// <summary><c>FunctionUtils.isNumber</c>: a number that is not NaN.</summary>
    public static bool IsNumber(object? value) => value is double d && !double.IsNaN(d);

    public static bool IsInteger(object? value) => value is double d && double.IsFinite(d) && Math.Floor(d) == d;

    public static bool IsObjectLike(object? value) => value is JsObject || value is List<object?>;

    /// <summary>JavaScript truthiness.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        JsUndefined => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var result = new JsObject();
                foreach (var (key, child) in obj)
                {
                    result.Set(key, FromJson(child));
                }

                return result;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var child in array)
                {
                    list.Add(FromJson(child));
                }

                return list;
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
        }
    }

    /// <summary>Converts a value to JSON as <c>JSON.stringify</c> would (undefined inside arrays becomes null).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null or JsUndefined => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d when !double.IsFinite(d) => null,
        double d when Math.Floor(d) == d && Math.Abs(d) < 9007199254740992d => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        JsObject obj => ToJsonObject(obj),
        _ => throw new InvalidOperationException($"Unexpected value type {value.GetType().Name}."),
    };

    private static JsonObject ToJsonObject(JsObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, child) in obj.Entries)
        {
            if (!IsUndefined(child))
            {
                result[key] = ToJson(child);
            }
        }

        return result;
    }

    /// <summary>JavaScript <c>String(value)</c> / <c>value.toString()</c>.</summary>
    public static string ToJsString(object? value) => value switch
    {
        null => "null",
        JsUndefined => "undefined",
        string s => s,
        bool b => b ? "true" : "false",
        double d => NumberToString(d),
        List<object?> list => string.Join(",", list.Select(item => IsNullish(item) ? string.Empty : ToJsString(item))),
        JsObject => "[object Object]",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary><c>JSON.stringify(value)</c>.</summary>
    public static string Stringify(object? value) =>
        IsUndefined(value) ? "undefined" : (ToJson(value)?.ToJsonString(StringifyOptions) ?? "null");

    private static readonly JsonSerializerOptions StringifyOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>ECMAScript Number::toString(10).</summary>
    public static string NumberToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + NumberToString(-value);
        }

        // Shortest round-trip digits and exponent, then the ECMAScript layout.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent; // value = 0.digits * 10^exponent  (n in the spec)
        var eIndex = shortest.IndexOfAny(['E', 'e']);
        var mantissa = eIndex >= 0 ? shortest[..eIndex] : shortest;
        var exp10 = eIndex >= 0 ? int.Parse(shortest[(eIndex + 1)..], CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        digits = all.TrimEnd('0');
        exponent = intPart.Length + exp10 - leadingZeros;
        var k = digits.Length;
        var n = exponent;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var sign = e < 0 ? "-" : "+";
        var mant = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mant + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript <c>parseInt(text, radix)</c> for radix 10 (or auto-detected 16 when <paramref name="autoHex"/>).</summary>
    public static double ParseInt(string text, bool autoHex = true)
    {
        var i = 0;
        while (i < text.Length && IsJsWhiteSpace(text[i]))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        var radix = 10;
        if (autoHex && i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        {
            radix = 16;
            i += 2;
        }

        double result = 0;
        var any = false;
        for (; i < text.Length; i++)
        {
            var digit = DigitValue(text[i]);
            if (digit < 0 || digit >= radix)
            {
                break;
            }

            result = (result * radix) + digit;
            any = true;
        }

        if (!any)
        {
            return double.NaN;
        }

        return negative ? -result : result;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsJsWhiteSpace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';

    /// <summary><c>InternalFunctionUtils.commonStringify</c>.</summary>
    public static string CommonStringify(object? value)
    {
        if (IsNullish(value))
        {
            return string.Empty;
        }

        if (value is JsObject || value is List<object?>)
        {
            var json = Stringify(value);
            return json.TrimStart('\'', '"').TrimEnd('\'', '"');
        }

        return ToJsString(value);
    }

    /// <summary><c>FunctionUtils.commonEquals</c>.</summary>
    public static bool CommonEquals(object? a, object? b)
    {
        if (IsNullish(a) || IsNullish(b))
        {
            return IsNullish(a) && IsNullish(b);
        }

        if (a is List<object?> la && b is List<object?> lb)
        {
            if (la.Count != lb.Count)
            {
                return false;
            }

            for (var i = 0; i < la.Count; i++)
            {
                if (!CommonEquals(la[i], lb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is JsObject oa && b is JsObject ob)
        {
            return oa.Count == ob.Count && DeepEqual(oa, ob);
        }

        if (a is double da && b is double db && !double.IsNaN(da) && !double.IsNaN(db) && Math.Abs(da - db) < NumberEpsilon)
        {
            return true;
        }

        return StrictEquals(a, b);
    }

    /// <summary>lodash <c>isEqual</c> on plain JSON-like values.</summary>
    private static bool DeepEqual(object? a, object? b)
    {
        switch (a)
        {
            case JsObject oa when b is JsObject ob:
                if (oa.Count != ob.Count)
                {
                    return false;
                }

                foreach (var (key, value) in oa.Entries)
                {
                    var match = ob.Entries.FindIndex(e => string.Equals(e.Key, key, StringComparison.Ordinal));
                    if (match < 0 || !DeepEqual(value, ob.Entries[match].Value))
                    {
                        return false;
                    }
                }

                return true;
            case List<object?> la when b is List<object?> lb:
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEqual(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case double da when b is double db:
                return da == db || (double.IsNaN(da) && double.IsNaN(db));
            default:
                return StrictEquals(a, b);
        }
    }

    /// <summary>JavaScript <c>===</c>.</summary>
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (JsUndefined, JsUndefined) => true,
        (string sa, string sb) => string.Equals(sa, sb, StringComparison.Ordinal),
        (double da, double db) => da == db,
        (bool ba, bool bb) => ba == bb,
        _ => ReferenceEquals(a, b),
    };
}
