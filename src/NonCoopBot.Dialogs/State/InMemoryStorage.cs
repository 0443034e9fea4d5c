namespace NonCoopBot.Dialogs.State;

/// <summary>A thread-safe in-memory <see cref="IStorage"/> with the same semantics as the database stores (tests, benchmarks).</summary>
public sealed class InMemoryStorage(TimeProvider time) : IStorage
{
    private readonly Dictionary<string, (string Json, long Version, DateTimeOffset? ExpiresAt)> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            return Task.FromResult(_items.TryGetValue(key, out var item) && !Expired(item.ExpiresAt)
                ? new StoreItem(key, item.Json, item.Version)
                : null);
        }
    }

    public Task<long> WriteAsync(string key, string json, long? expectedVersion, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            var exists = _items.TryGetValue(key, out var current) && !Expired(current.ExpiresAt);
            var ok = expectedVersion switch
            {
                StoreItem.AnyVersion => true,
                null => !exists,
                _ => exists && current.Version == expectedVersion,
            };
            if (!ok)
            {
                throw new ConcurrencyConflictException(key, expectedVersion);
            }

            var version = exists ? current.Version + 1 : 1;
            _items[key] = (json, version, expiresAt);
            return Task.FromResult(version);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _items.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _items.Where(i => i.Value.ExpiresAt is { } e && e <= now).Select(i => i.Key).ToList();
            expired.ForEach(k => _items.Remove(k));
            return Task.FromResult(expired.Count);
        }
    }

    private bool Expired(DateTimeOffset? expiresAt) => expiresAt is { } e && e <= time.GetUtcNow();
}
