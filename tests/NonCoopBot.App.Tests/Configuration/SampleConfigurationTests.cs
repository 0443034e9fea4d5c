using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NonCoopBot.App.Tests.Manifest;

namespace NonCoopBot.App.Tests.Configuration;

/// <summary>
/// <c>appsettings.sample.json</c> documents every option and nothing else. When you add or rename a property of an
/// <c>*Options</c> class (or add a new options class with a <c>SectionName</c>), add it to the sample file too.
/// </summary>
public sealed class SampleConfigurationTests
{
    private const string SampleFile = "appsettings.sample.json";

    /// <summary>Top-level sections owned by the framework rather than by an options class.</summary>
    private static readonly string[] FrameworkSections = ["Logging", "AllowedHosts"];

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public void Discovery_FindsTheCoreOptionsClasses()
    {
        var sections = OptionsCatalog.OptionsTypes().Select(o => o.Section).ToList();

        Assert.Subset(sections.ToHashSet(StringComparer.Ordinal), new HashSet<string>(["Bot", "Bot:Connector", "Storage", "Turns", "Dialogs"], StringComparer.Ordinal));
        Assert.Equal(sections.Count, sections.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Sample_DocumentsEverySettableOption()
    {
        var sample = SamplePaths();

        var missing = OptionsCatalog.Settings()
            .Where(s => !sample.ContainsKey(s.Path))
            .Select(s => $"{s.Path} ({s.OptionsType.Name})")
            .ToList();

        Assert.True(missing.Count == 0, $"{SampleFile} does not document: {string.Join(", ", missing)}. Add each with its default or a placeholder.");
    }

    [Fact]
    public void Sample_HasNoUnknownSettings()
    {
        var settings = OptionsCatalog.Settings().ToDictionary(s => s.Path, StringComparer.OrdinalIgnoreCase);
        var sections = OptionsCatalog.OptionsTypes().Select(o => o.Section).ToList();

        var unknown = SamplePaths()
            .Where(p => !IsKnown(p.Key, p.Value, settings, sections))
            .Select(p => p.Key)
            .ToList();

        Assert.True(unknown.Count == 0, $"{SampleFile} has settings no options class binds: {string.Join(", ", unknown)}. Remove them or add the property.");
    }

    [Fact]
    public void Sample_ShowsTheLoggingLevels()
    {
        var sample = SamplePaths();

        Assert.True(sample.ContainsKey("Logging:LogLevel:Default"));
        Assert.True(sample.ContainsKey("Logging:LogLevel:Microsoft.AspNetCore"));
    }

    [Fact]
    public void Sample_BindsToEveryOptionsClass()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoFiles.PathOf(SampleFile), optional: false).Build();

        foreach (var (type, section) in OptionsCatalog.OptionsTypes())
        {
            var bound = configuration.GetSection(section).Get(type);

            Assert.True(bound is not null, $"{section} did not bind to {type.Name}.");
        }
    }

    /// <summary>
    /// Every value the sample documents (all but the <c>&lt;placeholders&gt;</c> of per-deployment values) is the default the
    /// options class really has: the sample's value bound alone into a fresh options object gives the same property
    /// value as a fresh options object with nothing bound (the value in effect, when the class applies a default to an
    /// empty setting through <c>GetEffective{Name}()</c>).
    /// </summary>
    [Fact]
    public void Sample_EveryDocumentedDefault_EqualsTheBoundDefault()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(RepoFiles.PathOf(SampleFile), optional: false).Build();
        var sections = OptionsCatalog.OptionsTypes().ToDictionary(o => o.Type, o => o.Section);
        var compared = new List<string>();
        var differences = new List<string>();

        foreach (var setting in OptionsCatalog.Settings().Where(s => s.Kind != SettingKind.Object))
        {
            var documented = sample.AsEnumerable()
                .Where(kv => kv.Key.Equals(setting.Path, StringComparison.OrdinalIgnoreCase) || kv.Key.StartsWith(setting.Path + ":", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (documented.Any(kv => kv.Value is { } v && v.Contains('<', StringComparison.Ordinal) && v.Contains('>', StringComparison.Ordinal)))
            {
                continue; // a placeholder for a per-deployment value, not a default
            }

            var section = sections[setting.OptionsType];
            var relative = setting.Path[(section.Length + 1)..].Split(':');
            var defaults = Activator.CreateInstance(setting.OptionsType)!;
            var bound = Activator.CreateInstance(setting.OptionsType)!;
            new ConfigurationBuilder().AddInMemoryCollection(documented).Build().GetSection(section).Bind(bound);

            var expected = Describe(ValueAt(defaults, relative));
            var actual = Describe(ValueAt(bound, relative));
            compared.Add(setting.Path);
            if (expected != actual)
            {
                differences.Add($"{setting.Path}: the sample says {actual}, the code's default is {expected}");
            }
        }

        Assert.True(differences.Count == 0, $"{SampleFile} documents defaults the code does not have:\n{string.Join("\n", differences)}");
        Assert.True(compared.Count >= 30, $"only {compared.Count} documented defaults compared: {string.Join(", ", compared)}");
    }

    /// <summary>The property's value, or the value in effect when its object has <c>GetEffective{Name}()</c> (a default applied when empty).</summary>
    private static object? ValueAt(object options, string[] path)
    {
        object? owner = options;
        foreach (var name in path[..^1])
        {
            owner = owner?.GetType().GetProperty(name)!.GetValue(owner);
        }

        if (owner is null)
        {
            return null;
        }

        var effective = owner.GetType().GetMethod("GetEffective" + path[^1], Type.EmptyTypes);
        return effective is not null ? effective.Invoke(owner, null) : owner.GetType().GetProperty(path[^1])!.GetValue(owner);
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text),
        System.Collections.IEnumerable items => JsonSerializer.Serialize(items.Cast<object?>().Select(Describe)),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    private static bool IsKnown(string path, JsonValueKind kind, Dictionary<string, OptionSetting> settings, List<string> sections)
    {
        if (FrameworkSections.Any(f => path.Equals(f, StringComparison.OrdinalIgnoreCase) || path.StartsWith(f + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (settings.TryGetValue(path, out var setting))
        {
            return setting.Kind switch
            {
                SettingKind.Value => kind is not (JsonValueKind.Object or JsonValueKind.Array),
                SettingKind.Collection => kind is JsonValueKind.Array or JsonValueKind.Object,
                _ => kind == JsonValueKind.Object,
            };
        }

        // Inside a list or dictionary anything goes; a section object (e.g. "Bot") or a parent of one is fine.
        return settings.Values.Any(s => s.Kind == SettingKind.Collection && path.StartsWith(s.Path + ":", StringComparison.OrdinalIgnoreCase))
            || (kind == JsonValueKind.Object && sections.Any(s => s.Equals(path, StringComparison.OrdinalIgnoreCase) || s.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Every node of the sample file by configuration path (objects, arrays and values alike).</summary>
    private static Dictionary<string, JsonValueKind> SamplePaths()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf(SampleFile)), JsonOptions);
        var paths = new Dictionary<string, JsonValueKind>(StringComparer.OrdinalIgnoreCase);
        Flatten(document.RootElement, prefix: null, paths);
        return paths;
    }

    private static void Flatten(JsonElement element, string? prefix, Dictionary<string, JsonValueKind> paths)
    {
        if (prefix is not null)
        {
            paths[prefix] = element.ValueKind;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix is null ? property.Name : prefix + ":" + property.Name, paths);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, prefix + ":" + index++, paths);
            }
        }
    }
}
