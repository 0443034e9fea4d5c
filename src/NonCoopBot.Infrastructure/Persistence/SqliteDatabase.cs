using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>
/// A SQLite file. The file (and its folder) is created on first use. Every connection sets
/// <c>busy_timeout</c>, so a writer waits for another writer instead of failing with SQLITE_BUSY.
/// <see cref="WriteAsync"/> runs this process's single-statement writes one at a time on one long-lived connection,
/// keeping each statement prepared (parsed once, not once per turn); it is reopened after a failed statement.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase, IDisposable, IAsyncDisposable
{
    // The writer's statements are a small fixed set of texts; past this many the cache starts again (a safety bound).
    private const int MaxWriterCommands = 64;

    /// <summary>How long a connection waits for another writer's lock.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    // Native handles that already have the connection settings (weak: a handle closed by the pool is forgotten).
    private static readonly ConditionalWeakTable<object, object> Prepared = new();
    private static readonly object Marker = new();

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly string _connectionString;
    private readonly string? _directory;
    private readonly string? _file;
    private volatile bool _directoryMade;

    // Used only inside the writer turn (_writer held).
    private readonly Dictionary<string, SqliteCommand> _writerCommands = new(StringComparer.Ordinal);
    private SqliteConnection? _writerConnection;
    private bool _disposed;

    public SqliteDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode is SqliteOpenMode.ReadWrite or SqliteOpenMode.ReadOnly or SqliteOpenMode.Memory
            || builder.DataSource is "" or ":memory:")
        {
            _directory = null;
            _file = null;
        }
        else
        {
            _file = Path.GetFullPath(builder.DataSource);
            _directory = Path.GetDirectoryName(_file);
        }

        _connectionString = builder.ToString();
    }

    /// <inheritdoc />
    public override SqlDialect Dialect => SqlDialect.Sqlite;

    /// <inheritdoc />
    public override async Task<T> WriteAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(run);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteCommand? command = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            command = await WriterCommandAsync(sql, cancellationToken).ConfigureAwait(false);
            bind(command);
            return await run(command, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled statement: the next writer starts on a fresh connection.
            CloseWriter();
            command = null;
            throw;
        }
        finally
        {
            // The values (a turn's JSON) are not kept until the next write.
            command?.Parameters.Clear();
            _writer.Release();
        }
    }

    private async Task<SqliteCommand> WriterCommandAsync(string sql, CancellationToken cancellationToken)
    {
        _writerConnection ??= (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (_writerCommands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_writerCommands.Count >= MaxWriterCommands)
        {
            DisposeWriterCommands();
        }

        command = _writerConnection.CreateCommand();
        command.CommandText = sql;
        _writerCommands.Add(sql, command);
        return command;
    }

    private void CloseWriter()
    {
        DisposeWriterCommands();
        _writerConnection?.Dispose();
        _writerConnection = null;
    }

    private void DisposeWriterCommands()
    {
        foreach (var command in _writerCommands.Values)
        {
            command.Dispose();
        }

        _writerCommands.Clear();
    }

    /// <summary>Closes the writer's connection once the write in progress (if any) has finished.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        CloseForGood();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _writer.Wait();
        CloseForGood();
    }

    private void CloseForGood()
    {
        try
        {
            _disposed = true;
            CloseWriter();
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public override string? MissingStorage() =>
        _file is not null && _directoryMade && !File.Exists(_file) ? $"The database file is no longer at {_file}." : null;

    /// <inheritdoc />
    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // The folder once per database, not once per connection (a mkdir system call on every turn otherwise).
        if (_directory is not null && !_directoryMade)
        {
            Directory.CreateDirectory(_directory);
            _directoryMade = true;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // The settings belong to the native handle, which the pool keeps between opens: set them once per handle.
            if (connection.Handle is { } handle && !Prepared.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand(
                    // synchronous=NORMAL in WAL mode: a commit survives a process crash (kill -9); only an OS crash or
                    // power loss can lose the last commits. It saves an fsync per commit, which the alert ledger needs.
                    $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                Prepared.AddOrUpdate(handle, Marker);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
