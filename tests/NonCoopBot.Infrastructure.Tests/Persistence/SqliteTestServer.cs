using Microsoft.Data.Sqlite;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Testing;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>SQLite files under the temp folder, deleted when the test class ends.</summary>
public sealed class SqliteTestServer : SqlTestServer
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string UnreachableConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = TestDatabases.NewSqliteFilePath("missing"),
        Mode = SqliteOpenMode.ReadWrite, // must exist, and does not
    }.ToString();

    protected override Task<string> CreateEmptyDatabaseCoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SqliteConnectionStringBuilder { DataSource = TestDatabases.NewSqliteFilePath() }.ToString());

    protected override Task DropDatabasesAsync(IReadOnlyList<string> connectionStrings)
    {
        SqliteConnection.ClearAllPools();
        foreach (var connectionString in connectionStrings)
        {
            TestDatabases.DeleteSqliteFile(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }

        return Task.CompletedTask;
    }
}
