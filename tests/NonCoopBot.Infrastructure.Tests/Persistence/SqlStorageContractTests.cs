using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>The storage contract plus what a SQL engine adds: migrations, readiness and transactions.</summary>
public abstract class SqlStorageContractTests(SqlTestServer server) : StorageContractTests
{
    protected SqlTestServer Server { get; } = server;

    protected override async Task<IStorage> CreateStorageAsync()
    {
        var database = await Server.GetSharedAsync(Ct);
        await ExecuteAsync(database, "DELETE FROM storage_items;");
        return new SqlStorage(database, Time, NullLogger<SqlStorage>.Instance);
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigration()
    {
        var database = Server.Connect(await Server.CreateEmptyDatabaseAsync(Ct));
        var migrator = SqlTestServer.NewMigrator(database, Time);

        var applied = await migrator.MigrateAsync(Ct);

        Assert.Equal(migrator.Migrations.Count, applied);
        Assert.Equal(migrator.LatestVersion, await ScalarAsync<long>(database, "SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task Migrate_RunTwice_SecondRunAppliesNothing()
    {
        var database = Server.Connect(await Server.CreateEmptyDatabaseAsync(Ct));
        var migrator = SqlTestServer.NewMigrator(database, Time);
        await migrator.MigrateAsync(Ct);

        var applied = await migrator.MigrateAsync(Ct);

        Assert.Equal(0, applied);
        Assert.Equal(migrator.Migrations.Count, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Migrate_TwoInstancesAtOnce_BothSucceedAndEachMigrationIsAppliedOnce()
    {
        var connectionString = await Server.CreateEmptyDatabaseAsync(Ct);
        var first = SqlTestServer.NewMigrator(Server.Connect(connectionString), Time);
        var second = SqlTestServer.NewMigrator(Server.Connect(connectionString), Time);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = new[] { first, second }.Select(m => Task.Run(async () => { await start.Task; return await m.MigrateAsync(Ct); }, Ct)).ToList();
        start.SetResult();
        var applied = await Task.WhenAll(runs);

        Assert.Equal(first.Migrations.Count, applied.Sum());
        Assert.Equal(first.Migrations.Count, await ScalarAsync<long>(Server.Connect(connectionString), "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Migrate_RecordsWhenEachMigrationWasApplied()
    {
        var database = Server.Connect(await Server.CreateEmptyDatabaseAsync(Ct));

        await SqlTestServer.NewMigrator(database, Time).MigrateAsync(Ct);

        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand("SELECT applied_at FROM schema_version WHERE version = 1;");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(Time.GetUtcNow(), database.Dialect.GetTimestamp(reader, 0));
    }

    [Fact]
    public async Task CheckReady_AfterMigration_IsReady()
    {
        var database = await Server.GetSharedAsync(Ct);
        var migrator = SqlTestServer.NewMigrator(database, Time);

        var readiness = await migrator.CheckReadyAsync(Ct);

        Assert.Equal(new DatabaseReadiness(true, migrator.LatestVersion, migrator.LatestVersion, null), readiness);
    }

    [Fact]
    public async Task CheckReady_BeforeMigration_IsNotReady()
    {
        var database = Server.Connect(await Server.CreateEmptyDatabaseAsync(Ct));

        var readiness = await SqlTestServer.NewMigrator(database, Time).CheckReadyAsync(Ct);

        Assert.False(readiness.IsReady);
        Assert.Null(readiness.SchemaVersion);
        Assert.Contains("migrator", readiness.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckReady_WhenDatabaseDoesNotAnswer_IsNotReadyAndDoesNotThrow()
    {
        var database = Server.Connect(Server.UnreachableConnectionString);

        var readiness = await SqlTestServer.NewMigrator(database, Time).CheckReadyAsync(Ct);

        Assert.False(readiness.IsReady);
        Assert.StartsWith("The database did not answer", readiness.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InTransaction_WhenWorkCompletes_CommitsEveryStatement()
    {
        var database = await Server.GetSharedAsync(Ct);
        await ExecuteAsync(database, "DELETE FROM storage_items;");

        await database.InTransactionAsync(
            async (transaction, ct) =>
            {
                await InsertAsync(database, transaction, "tx-a", ct);
                await InsertAsync(database, transaction, "tx-b", ct);
            },
            Ct);

        Assert.Equal(2, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM storage_items;"));
    }

    [Fact]
    public async Task InTransaction_WhenWorkThrows_RollsBackEveryStatement()
    {
        var database = await Server.GetSharedAsync(Ct);
        await ExecuteAsync(database, "DELETE FROM storage_items;");

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.InTransactionAsync(
            async (transaction, ct) =>
            {
                await InsertAsync(database, transaction, "tx-a", ct);
                throw new InvalidOperationException("the outbox row could not be written");
            },
            Ct));

        Assert.Equal(0, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM storage_items;"));
    }

    private async Task InsertAsync(IDatabase database, DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(
                "INSERT INTO storage_items (key, json, version, expires_at, updated_at) VALUES (@key, '{}', 1, NULL, @now);")
            .AddParameter("key", key);
        database.Dialect.AddTimestamp(command, "now", Time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static async Task ExecuteAsync(IDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    protected static async Task<T> ScalarAsync<T>(IDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(Ct))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteStorageTests(SqliteTestServer server) : SqlStorageContractTests(server), IClassFixture<SqliteTestServer>
{
    [Fact]
    public async Task Migrate_NewFile_CreatesFileInWalMode()
    {
        var connectionString = await Server.CreateEmptyDatabaseAsync(Ct);
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var database = Server.Connect(connectionString);

        await SqlTestServer.NewMigrator(database, Time).MigrateAsync(Ct);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", await ScalarAsync<string>(database, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteDatabase.BusyTimeout.TotalMilliseconds, await ScalarAsync<long>(database, "PRAGMA busy_timeout;"));
    }
}

public sealed class PostgresStorageTests(PostgresTestServer server) : SqlStorageContractTests(server), IClassFixture<PostgresTestServer>;
