using System.Data;
using System.Data.Common;
using System.Globalization;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>
/// The few real differences between SQLite and PostgreSQL. Everything else is portable SQL
/// (<c>INSERT … ON CONFLICT … DO UPDATE</c>, <c>RETURNING</c>, partial indexes, <c>@name</c> parameters).
/// </summary>
public abstract class SqlDialect
{
    /// <summary>SQLite 3.35 or later.</summary>
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    /// <summary>PostgreSQL 13 or later.</summary>
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    private protected SqlDialect()
    {
    }

    /// <summary>The engine.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>The folder under <c>Persistence/Schema/</c> that holds this engine's migrations.</summary>
    public string SchemaFolder => Provider.ToString();

    /// <summary>
    /// Appended to a <c>SELECT</c> that claims rows for work (an outbox): <c> FOR UPDATE SKIP LOCKED</c> on PostgreSQL,
    /// empty on SQLite, where the transaction already holds the only write lock.
    /// </summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>Adds a UTC instant parameter (ISO-8601 text on SQLite, timestamptz on PostgreSQL); null becomes DBNull.</summary>
    public abstract DbCommand AddTimestamp(DbCommand command, string name, DateTimeOffset? value);

    /// <summary>Reads a UTC instant written with <see cref="AddTimestamp"/>.</summary>
    public abstract DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal);

    /// <summary>Creates the <c>schema_version</c> table if missing.</summary>
    internal abstract string CreateSchemaVersionTableSql { get; }

    /// <summary>Runs once per start before migrating, outside any transaction.</summary>
    internal virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes concurrent migrators wait for each other; held until the transaction ends.</summary>
    internal virtual Task LockForMigrationAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class SqliteDialect : SqlDialect
    {
        // Fixed width, so text order is time order.
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        public override StorageProvider Provider => StorageProvider.Sqlite;

        public override string ForUpdateSkipLocked => string.Empty;

        internal override string CreateSchemaVersionTableSql => """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER NOT NULL PRIMARY KEY,
                description TEXT    NOT NULL,
                applied_at  TEXT    NOT NULL
            );
            """;

        public override DbCommand AddTimestamp(DbCommand command, string name, DateTimeOffset? value) =>
            command.AddParameter(name, value?.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));

        public override DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) =>
            DateTimeOffset.ParseExact(reader.GetString(ordinal), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        internal override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            // WAL lets readers run beside the single writer; the setting is stored in the file.
            await using var command = connection.CreateCommand("PRAGMA journal_mode = WAL;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class PostgresDialect : SqlDialect
    {
        // "NonCoop" in ASCII; advisory locks are per database, so each database migrates independently.
        private const long MigrationLockKey = 0x4E6F6E436F6F70;

        public override StorageProvider Provider => StorageProvider.Postgres;

        public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

        internal override string CreateSchemaVersionTableSql => """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     integer     NOT NULL PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL
            );
            """;

        public override DbCommand AddTimestamp(DbCommand command, string name, DateTimeOffset? value)
        {
            ArgumentNullException.ThrowIfNull(command);
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = DbType.DateTimeOffset; // timestamptz
            parameter.Value = value is { } v ? v.ToUniversalTime() : DBNull.Value;
            command.Parameters.Add(parameter);
            return command;
        }

        public override DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) =>
            reader.GetFieldValue<DateTimeOffset>(ordinal);

        internal override async Task LockForMigrationAsync(DbTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = transaction.CreateCommand("SELECT pg_advisory_xact_lock(@key);")
                .AddParameter("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
