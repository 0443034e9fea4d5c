using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>One embedded <c>Persistence/Schema/{Dialect}/NNN_description.sql</c> file.</summary>
/// <param name="Version">NNN: applied in ascending order, recorded in <c>schema_version</c>.</param>
/// <param name="Description">The rest of the file name.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
public sealed partial record SchemaMigration(int Version, string Description, string Sql)
{
    private const string ResourcePrefix = "NonCoopBot.Schema.";

    /// <summary>The migrations embedded for <paramref name="dialect"/>, in order. Versions must be 1, 2, 3, … with no gaps.</summary>
    public static IReadOnlyList<SchemaMigration> ForDialect(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var assembly = typeof(SchemaMigration).Assembly;
        var folder = ResourcePrefix + dialect.SchemaFolder + "/";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.Replace('\\', '/').StartsWith(folder, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name.Replace('\\', '/')[folder.Length..]))
            .OrderBy(m => m.Version)
            .ToList();

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema migrations for {dialect.SchemaFolder} must be numbered 001, 002, … without gaps or duplicates; found {migrations[i].Version:000} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static SchemaMigration Load(Assembly assembly, string resourceName, string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Schema file '{fileName}' must be named NNN_description.sql (e.g. 002_matters.sql).");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SchemaMigration(
            int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
            match.Groups["description"].Value,
            reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(?<version>\d{3})_(?<description>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
