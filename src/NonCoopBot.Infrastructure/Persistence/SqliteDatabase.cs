using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>
/// A SQLite file. The file (and its folder) is created on first use. Every connection sets
/// <c>busy_timeout</c>, so a writer waits for another writer instead of failing with SQLITE_BUSY.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase
{
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
    public override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriterTurn(_writer);
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

    private sealed class WriterTurn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
