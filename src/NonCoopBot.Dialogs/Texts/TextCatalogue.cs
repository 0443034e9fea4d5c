using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Texts;

/// <summary>
/// The one text catalogue: every sentence, label and button a person reads, in English, French and Spanish.
/// Texts live in JSON files embedded in the assemblies that use them (<c>Texts/&lt;area&gt;.&lt;lang&gt;.json</c>: a flat
/// object of key → text); keys are unique across all files ("help.intro", "alerts.ack.button"). A text may hold
/// named placeholders (<c>{state}</c>) filled by <see cref="Format"/>. English is complete by construction; a key
/// missing in another language falls back to English at run time, and the catalogue tests fail the build for it.
/// </summary>
public sealed class TextCatalogue
{
    /// <summary>The languages the bot speaks, English first (the fallback).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es"];

    public const string English = "en";

    private static readonly Lazy<TextCatalogue> LibraryTexts = new(() => Load(typeof(TextCatalogue).Assembly));

    /// <summary>The dialog library's own texts (prompts, turn apologies, dates), for a host that registers no catalogue.</summary>
    public static TextCatalogue Library => LibraryTexts.Value;

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    public TextCatalogue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _texts = texts.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!_texts.ContainsKey(English))
        {
            throw new InvalidOperationException("The text catalogue has no English texts.");
        }
    }

    /// <summary>Loads every embedded <c>*.Texts.&lt;area&gt;.&lt;lang&gt;.json</c> of <paramref name="assemblies"/>; throws on a duplicate key.</summary>
    public static TextCatalogue Load(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var texts = Languages.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var origin = new Dictionary<(string, string), string>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Texts.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var parts = resource.Split('.');
                var language = parts[^2];
                if (!texts.TryGetValue(language, out var table))
                {
                    throw new InvalidOperationException($"Text file {resource} is for language '{language}'; the catalogue has {string.Join(", ", Languages)}.");
                }

                using var stream = assembly.GetManifestResourceStream(resource)!;
                var document = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidOperationException($"Text file {resource} is not a JSON object.");
                foreach (var (key, value) in document)
                {
                    if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
                    {
                        throw new InvalidOperationException($"Text file {resource}: '{key}' is not a string.");
                    }

                    if (origin.TryGetValue((language, key), out var first))
                    {
                        throw new InvalidOperationException($"Text key '{key}' ({language}) is in both {first} and {resource}; keys must be unique.");
                    }

                    origin[(language, key)] = resource;
                    table[key] = text;
                }
            }
        }

        return new TextCatalogue(texts.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal));
    }

    /// <summary>Every key, per language (for the completeness tests).</summary>
    public IReadOnlyCollection<string> Keys(string language) =>
        _texts.TryGetValue(language, out var table) ? table.Keys : [];

    /// <summary>The language code the catalogue speaks for <paramref name="code"/> ("fr-FR" → "fr"), or null.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var dash = code.IndexOfAny(['-', '_']);
        var primary = (dash > 0 ? code[..dash] : code).Trim().ToLowerInvariant();
        return Languages.Contains(primary) ? primary : null;
    }

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (English when missing there); throws for an unknown key.</summary>
    public string Get(string language, string key)
    {
        if (_texts.TryGetValue(language ?? English, out var table) && table.TryGetValue(key, out var text))
        {
            return text;
        }

        return _texts[English].TryGetValue(key, out var english)
            ? english
            : throw new KeyNotFoundException($"No text '{key}' in the catalogue.");
    }

    /// <summary>True when <paramref name="key"/> exists (in English).</summary>
    public bool Has(string key) => _texts[English].ContainsKey(key);

    /// <summary>The text with its <c>{name}</c> placeholders filled (numbers and dates formatted invariantly; pass strings for anything else).</summary>
    public string Format(string language, string key, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var text = Get(language, key);
        if (args.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }

            var close = text.IndexOf('}', open + 1);
            if (close < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }

            builder.Append(text, i, open - i);
            var name = text.AsSpan(open + 1, close - open - 1);
            var found = false;
            foreach (var (argName, value) in args)
            {
                if (name.SequenceEqual(argName))
                {
                    builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                builder.Append(text, open, close - open + 1);
            }

            i = close + 1;
        }

        return builder.ToString();
    }

    /// <summary>The placeholder names of a text, in order of first use.</summary>
    public static IReadOnlyList<string> Placeholders(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        var i = 0;
        while ((i = text.IndexOf('{', i)) >= 0)
        {
            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                break;
            }

            var name = text[(i + 1)..close];
            if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !names.Contains(name))
            {
                names.Add(name);
            }

            i = close + 1;
        }

        return names;
    }

    /// <summary>
    /// Every text under <paramref name="prefix"/> ("cards.alert.") as one object keyed by the rest of the key with dots
    /// kept as nesting ("ack.button" → <c>{"ack":{"button":…}}</c>), for binding a card template to <c>${t.ack.button}</c>.
    /// </summary>
    public JsonObject Strings(string language, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new JsonObject();
        foreach (var key in _texts[English].Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = key[prefix.Length..].Split('.');
            var node = result;
            for (var p = 0; p < path.Length - 1; p++)
            {
                if (node[path[p]] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[path[p]] = child;
                }

                node = child;
            }

            node[path[^1]] = Get(language, key);
        }

        return result;
    }

    /// <summary>Every text of <paramref name="language"/> as JSON (for tooling: the node card checks and the wording check).</summary>
    public string ToJson(string language) =>
        JsonSerializer.Serialize<IReadOnlyDictionary<string, string>>(
            Languages.Contains(language) ? _texts.GetValueOrDefault(language) ?? _texts[English] : _texts[English], Dialogs.PlainJsonContext.Default.IReadOnlyDictionaryStringString);
}
