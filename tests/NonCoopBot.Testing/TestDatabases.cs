using System.Globalization;

namespace NonCoopBot.Testing;

/// <summary>
/// Where test databases come from. SQLite: a fresh file under the temp folder. PostgreSQL: the server named by
/// <c>NONCOOPBOT_TEST_POSTGRES</c> (start one with <c>tools/test-postgres.sh</c>); each test class creates its own
/// randomly named database there and drops it afterwards. Without the variable the PostgreSQL tests fail, unless
/// <c>NONCOOPBOT_SKIP_POSTGRES=1</c> says to skip them: they are never skipped silently.
/// </summary>
public static class TestDatabases
{
    /// <summary>The environment variable holding an administrator connection string to a test PostgreSQL server.</summary>
    public const string PostgresVariable = "NONCOOPBOT_TEST_POSTGRES";

    /// <summary>Set to 1 to skip (rather than fail) the PostgreSQL tests when no server is configured.</summary>
    public const string SkipPostgresVariable = "NONCOOPBOT_SKIP_POSTGRES";

    /// <summary>Why the PostgreSQL tests cannot run, and how to make them run.</summary>
    public static readonly string PostgresMissingMessage =
        $"{PostgresVariable} is not set, so the PostgreSQL storage tests cannot run. Start a throwaway server and point the tests at it:\n"
        + $"    export {PostgresVariable}=\"$(tools/test-postgres.sh | tail -n 1)\"\n"
        + $"(stop it later with: tools/test-postgres.sh stop). To skip these tests on purpose, set {SkipPostgresVariable}=1.";

    /// <summary>The test PostgreSQL server's connection string, or null when not configured.</summary>
    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>True when the PostgreSQL tests should be skipped because no server is configured and skipping was asked for.</summary>
    public static bool SkipPostgres =>
        PostgresConnectionString is null && Environment.GetEnvironmentVariable(SkipPostgresVariable) == "1";

    /// <summary>A new, unique, lowercase database name such as <c>noncoopbot_test_3f2a…</c> (safe to use unquoted).</summary>
    public static string NewPostgresDatabaseName() =>
        "noncoopbot_test_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    /// <summary>A path for a new SQLite file in a fresh temp folder (nothing is created yet).</summary>
    public static string NewSqliteFilePath(string name = "storage")
    {
        var folder = Path.Combine(Path.GetTempPath(), "noncoopbot-tests", Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        return Path.Combine(folder, name + ".db");
    }

    /// <summary>Deletes a SQLite file made by <see cref="NewSqliteFilePath"/> with its -wal/-shm files and folder.</summary>
    public static void DeleteSqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.GetDirectoryName(path) is not { } directory || !Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }

        if (!Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }
}
