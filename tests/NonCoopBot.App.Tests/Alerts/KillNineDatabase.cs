using System.Data.Common;
using Microsoft.Data.Sqlite;
using NonCoopBot.Testing;
using Npgsql;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// The database a kill -9 test's child bots share: a fresh SQLite file, or a fresh database created on the test
/// PostgreSQL server (<see cref="TestDatabases.PostgresConnectionString"/>; the test fails with
/// <see cref="TestDatabases.PostgresMissingMessage"/> when none is configured). The test reads the ledger through the
/// provider's own client (<see cref="OpenAsync"/>); disposing deletes the file or drops the database.
/// </summary>
internal sealed class KillNineDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _postgresDatabase;

    private KillNineDatabase(string provider, string connectionString, string? sqlitePath, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresDatabase = postgresDatabase;
    }

    /// <summary>Sqlite or Postgres (the child's <c>Storage:Provider</c>).</summary>
    public string Provider { get; }

    /// <summary>The child's <c>Storage:ConnectionString</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<KillNineDatabase> CreateAsync(string provider, string name, CancellationToken cancellationToken)
    {
        if (provider == "Sqlite")
        {
            var path = TestDatabases.NewSqliteFilePath(name);
            return new KillNineDatabase(provider, $"Data Source={path}", path, null);
        }

        Assert.Equal("Postgres", provider);
        var admin = TestDatabases.PostgresConnectionString;
        Assert.True(admin is not null, TestDatabases.PostgresMissingMessage);
        var database = TestDatabases.NewPostgresDatabaseName();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new KillNineDatabase(provider, new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString, null, database);
    }

    /// <summary>An open connection to the database, through SQLite (no pooling, 10 s busy timeout) or Npgsql.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _sqlitePath is not null
            ? new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false, DefaultTimeout = 10 }.ToString())
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            TestDatabases.DeleteSqliteFile(_sqlitePath);
        }

        if (_postgresDatabase is not null && TestDatabases.PostgresConnectionString is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
