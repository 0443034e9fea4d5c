using System.Collections;
using System.Reflection;

namespace NonCoopBot.App.Tests.Configuration;

/// <summary>What a configuration key holds.</summary>
internal enum SettingKind
{
    /// <summary>One value (string, number, bool, enum, TimeSpan, URL…).</summary>
    Value,

    /// <summary>A list or dictionary: the key must be present; its items are free.</summary>
    Collection,

    /// <summary>A nested object whose own properties are settings.</summary>
    Object,
}

/// <summary>One settable option at its configuration path (e.g. <c>Bot:Connector:MaxRetries</c>).</summary>
internal sealed record OptionSetting(string Path, SettingKind Kind, Type OptionsType);

/// <summary>
/// Finds every options class of the bot by reflection: a type named <c>*Options</c> with a <c>const string
/// SectionName</c>, in any NonCoopBot assembly that is not a test assembly. New options (Roster, Alerts, Graph…)
/// are picked up automatically.
/// </summary>
internal static class OptionsCatalog
{
    private static readonly HashSet<Type> ValueTypes =
    [
        typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort),
        typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
        typeof(TimeSpan), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(Guid), typeof(Uri),
    ];

    /// <summary>The bot's own (non-test) assemblies beside the test binaries.</summary>
    public static IReadOnlyList<Assembly> SourceAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "NonCoopBot.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name is not null && !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "NonCoopBot.Testing")
            .Select(name => Assembly.Load(new AssemblyName(name!)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every options type with its section name.</summary>
    public static IReadOnlyList<(Type Type, string Section)> OptionsTypes() =>
        SourceAssemblies()
            .SelectMany(LoadableTypes)
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.IsClass && !t.IsAbstract)
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (x.Type, Section: (string)x.Field!.GetRawConstantValue()!))
            .OrderBy(x => x.Section, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every public settable property of every options type, at its configuration path.</summary>
    public static IReadOnlyList<OptionSetting> Settings() =>
        OptionsTypes().SelectMany(o => SettingsOf(o.Type, o.Section, o.Type, depth: 0)).ToList();

    private static IEnumerable<OptionSetting> SettingsOf(Type type, string prefix, Type optionsType, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var path = prefix + ":" + property.Name;
            var kind = KindOf(property.PropertyType);
            yield return new OptionSetting(path, kind, optionsType);
            if (kind == SettingKind.Object && depth < 5)
            {
                foreach (var nested in SettingsOf(property.PropertyType, path, optionsType, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private static SettingKind KindOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum || underlying.IsPrimitive || ValueTypes.Contains(underlying))
        {
            return SettingKind.Value;
        }

        return typeof(IEnumerable).IsAssignableFrom(underlying) ? SettingKind.Collection : SettingKind.Object;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
