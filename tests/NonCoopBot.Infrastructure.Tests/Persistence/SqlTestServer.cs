using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>
/// A class fixture that hands out fresh, empty databases of one engine and removes them all when the test class ends.
/// The shared, migrated database serves the storage contract tests (each test empties its table first; tests in a
/// class run one at a time); migrator tests take their own empty database.
/// </summary>
public abstract class SqlTestServer : IAsyncDisposable
{
    private readonly List<string> _created = [];
    private readonly List<IDatabase> _connected = [];
    private readonly SemaphoreSlim _sharedGate = new(1, 1);
    private readonly Lock _gate = new();
    private IDatabase? _shared;

    public abstract StorageProvider Provider { get; }

    /// <summary>A connection string on which opening a connection fails.</summary>
    public abstract string UnreachableConnectionString { get; }

    /// <summary>Creates an empty database and returns its connection string; it is removed when the class ends.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(CancellationToken cancellationToken)
    {
        var connectionString = await CreateEmptyDatabaseCoreAsync(cancellationToken);
        lock (_gate)
        {
            _created.Add(connectionString);
        }

        return connectionString;
    }

    /// <summary>A new <see cref="IDatabase"/> (its own connection pool) on <paramref name="connectionString"/>.</summary>
    public IDatabase Connect(string connectionString)
    {
        var database = SqlDatabase.Create(new StorageOptions { Provider = Provider, ConnectionString = connectionString });
        lock (_gate)
        {
            _connected.Add(database);
        }

        return database;
    }

    /// <summary>The class's migrated database, created on first use.</summary>
    public async Task<IDatabase> GetSharedAsync(CancellationToken cancellationToken)
    {
        await _sharedGate.WaitAsync(cancellationToken);
        try
        {
            if (_shared is null)
            {
                var database = Connect(await CreateEmptyDatabaseAsync(cancellationToken));
                await NewMigrator(database, new FakeTimeProvider()).MigrateAsync(cancellationToken);
                _shared = database;
            }

            return _shared;
        }
        finally
        {
            _sharedGate.Release();
        }
    }

    public static SchemaMigrator NewMigrator(IDatabase database, TimeProvider time) =>
        new(database, time, NullLogger<SchemaMigrator>.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _connected)
        {
            if (database is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        await DropDatabasesAsync(_created);
        _sharedGate.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<string> CreateEmptyDatabaseCoreAsync(CancellationToken cancellationToken);

    protected abstract Task DropDatabasesAsync(IReadOnlyList<string> connectionStrings);
}
