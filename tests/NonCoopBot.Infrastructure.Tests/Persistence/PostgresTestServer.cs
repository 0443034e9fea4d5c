using Npgsql;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Testing;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>
/// Randomly named databases on the server in <c>NONCOOPBOT_TEST_POSTGRES</c>, dropped when the test class ends.
/// Without that variable every test fails and says how to start a server (or skips, with NONCOOPBOT_SKIP_POSTGRES=1).
/// </summary>
public sealed class PostgresTestServer : SqlTestServer
{
    public override StorageProvider Provider => StorageProvider.Postgres;

    // Port 1 on loopback: nothing listens there.
    public override string UnreachableConnectionString => "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=5";

    protected override async Task<string> CreateEmptyDatabaseCoreAsync(CancellationToken cancellationToken)
    {
        var admin = RequireServer();
        var name = TestDatabases.NewPostgresDatabaseName();
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\";", cancellationToken);
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    protected override async Task DropDatabasesAsync(IReadOnlyList<string> connectionStrings)
    {
        if (TestDatabases.PostgresConnectionString is not { } admin)
        {
            return;
        }

        foreach (var connectionString in connectionStrings)
        {
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", CancellationToken.None);
        }
    }

    private static string RequireServer()
    {
        if (TestDatabases.SkipPostgres)
        {
            Assert.Skip($"{TestDatabases.SkipPostgresVariable}=1: PostgreSQL storage tests skipped on request.");
        }

        if (TestDatabases.PostgresConnectionString is not { } admin)
        {
            Assert.Fail(TestDatabases.PostgresMissingMessage);
            throw new System.Diagnostics.UnreachableException();
        }

        return admin;
    }

    // Database names cannot be parameters; ours are generated (noncoopbot_test_<hex>) and quoted.
    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
