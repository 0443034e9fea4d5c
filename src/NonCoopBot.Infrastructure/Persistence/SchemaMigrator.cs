using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>
/// Brings the database to this build's schema: the embedded <c>NNN_description.sql</c> files of the dialect that
/// <c>schema_version</c> has not recorded yet are applied in order, all in one transaction. Safe to run on every
/// start and from several instances at once: PostgreSQL serializes migrators with <c>pg_advisory_xact_lock</c>,
/// SQLite with its write lock (BEGIN IMMEDIATE). The SQLite file is created on first run and switched to WAL.
/// </summary>
public sealed class SchemaMigrator(IDatabase database, TimeProvider time, ILogger<SchemaMigrator> logger)
{
    private IReadOnlyList<SchemaMigration>? _migrations;

    /// <summary>This build's migrations for the configured dialect, in order.</summary>
    public IReadOnlyList<SchemaMigration> Migrations => _migrations ??= SchemaMigration.ForDialect(database.Dialect);

    /// <summary>The latest schema version this build knows (0 when there are no migrations).</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>Applies pending migrations; returns how many this call applied (0 when another instance already did).</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = Migrations;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await database.Dialect.PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        return await database.InTransactionAsync(
            async (transaction, ct) =>
            {
                await database.Dialect.LockForMigrationAsync(transaction, ct).ConfigureAwait(false);
                await using (var create = transaction.CreateCommand(database.Dialect.CreateSchemaVersionTableSql))
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                var current = await ReadVersionAsync(transaction.Connection!, transaction, ct).ConfigureAwait(false);
                if (current > LatestVersion)
                {
                    Log.SchemaNewerThanBuild(logger, database.Dialect.Provider, current, LatestVersion);
                    return 0;
                }

                var pending = migrations.Where(m => m.Version > current).ToList();
                foreach (var migration in pending)
                {
                    await using (var apply = transaction.CreateCommand(migration.Sql))
                    {
                        await apply.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    await using var record = transaction.CreateCommand(
                            "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @applied_at);")
                        .AddParameter("version", migration.Version)
                        .AddParameter("description", migration.Description);
                    database.Dialect.AddTimestamp(record, "applied_at", time.GetUtcNow());
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    Log.MigrationApplied(logger, migration.Version, migration.Description, database.Dialect.Provider);
                }

                if (pending.Count == 0)
                {
                    Log.SchemaUpToDate(logger, database.Dialect.Provider, current);
                }

                return pending.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the database answers and its schema is at least this build's latest version (a newer schema is ready,
    /// so instances of the previous build stay in rotation during a rolling deployment). Never throws for database
    /// errors; they become <see cref="DatabaseReadiness.Problem"/>.
    /// </summary>
    public async Task<DatabaseReadiness> CheckReadyAsync(CancellationToken cancellationToken)
    {
        var latest = LatestVersion;
        if (database.MissingStorage() is { } missing)
        {
            return new DatabaseReadiness(false, null, latest, missing);
        }

        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (var exists = connection.CreateCommand(
                database.Dialect.Provider == StorageProvider.Sqlite
                    ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';"
                    : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version';"))
            {
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    return new DatabaseReadiness(false, null, latest, "The database answers but has no schema yet; the migrator has not run.");
                }
            }

            var version = await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
            return version >= latest
                ? new DatabaseReadiness(true, version, latest, null)
                : new DatabaseReadiness(false, version, latest, $"The schema is at version {version}; this build needs {latest}.");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DatabaseReadiness(false, null, latest, $"The database did not answer: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;");
        command.Transaction = transaction;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
