using System.Data.Common;
using Microsoft.Data.Sqlite;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Testing;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>
/// SQLite's writer (<see cref="SqliteDatabase.WriteAsync"/>): one long-lived connection whose statements stay
/// prepared between writes, reopened (from the pool) after a failed statement, closed on dispose, keeping no values between writes.
/// </summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private const string Insert = "INSERT INTO notes (id, body) VALUES (@id, @body) RETURNING id;";

    private readonly string _path = TestDatabases.NewSqliteFilePath("writer");
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(new SqliteConnectionStringBuilder { DataSource = _path }.ToString());
        await using var connection = await _database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
        await command.ExecuteNonQueryAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestDatabases.DeleteSqliteFile(_path);
    }

    [Fact]
    public async Task ConsecutiveWrites_UseOneConnectionAndKeepTheStatementPrepared()
    {
        var first = await InsertAsync(1);
        var second = await InsertAsync(2);

        Assert.Same(first.Command, second.Command);
        Assert.Same(first.Handle, second.Handle);
        Assert.Equal([1L, 2L], await IdsAsync());
    }

    [Fact]
    public async Task AFailedStatement_TheNextWriteRunsOnAFreshConnection()
    {
        var before = await InsertAsync(1);

        var failure = await Assert.ThrowsAsync<SqliteException>(() => InsertAsync(1)); // the same primary key
        var after = await InsertAsync(2);

        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.NotSame(before.Command, after.Command);
        Assert.NotSame(before.Command.Connection, after.Command.Connection);
        Assert.Equal([1L, 2L], await IdsAsync());
    }

    [Fact]
    public async Task AfterAWrite_TheCommandKeepsNoValues()
    {
        var write = await InsertAsync(1);

        Assert.Empty(write.Command.Parameters);
    }

    [Fact]
    public async Task ConcurrentWrites_QueueAndAllLand()
    {
        await Task.WhenAll(Enumerable.Range(1, 40).Select(id => InsertAsync(id)));

        Assert.Equal(Enumerable.Range(1, 40).Select(id => (long)id), await IdsAsync());
    }

    [Fact]
    public async Task AfterDispose_WritesAreRefusedAndTheConnectionIsClosed()
    {
        var write = await InsertAsync(1);

        await _database.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => InsertAsync(2));
        Assert.Equal(System.Data.ConnectionState.Closed, write.Command.Connection?.State ?? System.Data.ConnectionState.Closed);
    }

    private async Task<(DbCommand Command, object Handle)> InsertAsync(int id) =>
        await _database.WriteAsync(
            Insert,
            command => command.AddParameter("id", id).AddParameter("body", $"note {id}"),
            async (command, ct) =>
            {
                Assert.Equal((long)id, await command.ExecuteScalarAsync(ct));
                return (command, (object)((SqliteConnection)command.Connection!).Handle!);
            },
            Ct);

    private async Task<List<long>> IdsAsync()
    {
        await using var connection = await _database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand("SELECT id FROM notes ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<long>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
