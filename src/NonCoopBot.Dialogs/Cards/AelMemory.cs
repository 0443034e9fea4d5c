// Parts of this file are ported from adaptive-expressions and adaptive-expressions' templating support in
// microsoft/botbuilder-js (libraries/adaptive-expressions), Copyright (c) Microsoft Corporation, MIT License.
// The licence text is in THIRD-PARTY-NOTICES.md at the repository root.
using System.Text.RegularExpressions;

namespace NonCoopBot.Dialogs.Cards;

/// <summary><c>SimpleObjectMemory</c>: reads a path such as <c>a.b[0]['c']</c> from a value.</summary>
internal partial class AelObjectMemory(object? scope) : IAelMemory
{
    public object? GetValue(string path)
    {
        if (JsValues.IsUndefined(scope) || path.Length == 0)
        {
            return JsValues.Undefined;
        }

        object? value = JsValues.Undefined;
        var current = scope;
        foreach (var raw in PathSeparators().Split(path))
        {
            if (raw.Length == 0)
            {
                continue;
            }

            var part = raw.Length >= 2 && ((raw[0] == '"' && raw[^1] == '"') || (raw[0] == '\'' && raw[^1] == '\''))
                ? raw[1..^1]
                : raw;
            var index = JsValues.ParseInt(part);
            if (!double.IsNaN(index) && current is List<object?>)
            {
                var (v, error) = AelFunctions.AccessIndex(current, index);
                if (error is not null)
                {
                    return JsValues.Undefined;
                }

                value = v;
            }
            else
            {
                value = AelFunctions.AccessProperty(current, part);
            }

            current = value;
        }

        return value;
    }

    [GeneratedRegex(@"[.[\]]+")]
    private static partial Regex PathSeparators();
}

/// <summary>
/// The templating engine's memory (<c>TemplateObjectMemory</c>): <c>$root</c>, <c>$data</c>, <c>$index</c>; a path
/// that does not start with <c>$</c> is read from <c>$data</c>.
/// </summary>
internal sealed class TemplateMemory : IAelMemory
{
    private static readonly JsObject TemplateVersion = CreateVersion();
    private readonly AelObjectMemory inner;

    public TemplateMemory(object? root, object? data, object? index, BindingTrace? trace = null)
    {
        Root = root;
        Data = data;
        Index = index;
        Trace = trace;
        inner = new AelObjectMemory(this);
    }

    /// <summary>Where branches taken are reported (tests); null when the bot binds.</summary>
    public BindingTrace? Trace { get; }

    public object? Root { get; }

    public object? Data { get; }

    public object? Index { get; }

    public object? GetValue(string path) =>
        inner.GetValue(path.Length > 0 && path[0] != '$' ? "$data." + path : path);

    /// <summary>The memory object's own keys, matched case-insensitively as <c>accessProperty</c> does.</summary>
    public object? GetReserved(string property) => property.ToLowerInvariant() switch
    {
        "$root" => Root,
        "$data" => Data,
        "$index" => Index,
        "$_actemplateversion" => TemplateVersion,
        _ => JsValues.Undefined,
    };

    private static JsObject CreateVersion()
    {
        var version = new JsObject();
        version.Set("major", 2d);
        version.Set("minor", 3d);
        version.Set("patch", 1d);
        version.Set("suffix", string.Empty);
        return version;
    }
}

/// <summary>The observer a test passed to the binder, and the template location of the expression being evaluated.</summary>
internal sealed record BindingTrace(ICardBindingObserver Observer, string Location);
