namespace NonCoopBot.Dialogs.State;

/// <summary>
/// Key/value storage with optimistic concurrency (the Bot Framework <c>IStorage</c> idea, with the
/// version check enforced by the store). Values are JSON text. Every successful write returns the new
/// version; a write whose <c>expectedVersion</c> is stale throws <see cref="ConcurrencyConflictException"/>
/// and changes nothing.
/// </summary>
public interface IStorage
{
    /// <summary>Reads one item, or null when the key is unknown or expired.</summary>
    Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes an item. <paramref name="expectedVersion"/>: null = the key must not exist yet (create);
    /// a number = the stored version must equal it (update); <see cref="StoreItem.AnyVersion"/> = write whatever is there.
    /// <paramref name="expiresAt"/>: after this instant the item reads as absent and may be purged (null = never).
    /// </summary>
    Task<long> WriteAsync(string key, string json, long? expectedVersion, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Creates <paramref name="key"/> (create-only, as <see cref="WriteAsync"/> with no expected version) and reads
    /// <paramref name="readKeys"/>, in one round trip where the store can (a turn's claim and the state it will read).
    /// When the key already exists (live), nothing is written and <see cref="CreateAndReadResult.Existing"/> is that item.
    /// </summary>
    async Task<CreateAndReadResult> CreateAndReadAsync(string key, string json, DateTimeOffset? expiresAt, IReadOnlyList<string> readKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readKeys);
        StoreItem? existing = null;
        var created = true;
        try
        {
            await WriteAsync(key, json, null, expiresAt, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            created = false;
            existing = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        }

        var items = new Dictionary<string, StoreItem?>(readKeys.Count, StringComparer.Ordinal);
        foreach (var readKey in readKeys)
        {
            items[readKey] = await ReadAsync(readKey, cancellationToken).ConfigureAwait(false);
        }

        return new CreateAndReadResult(created, existing, items);
    }

    /// <summary>Deletes an item; deleting an unknown key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes items that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <param name="Key">The key.</param>
/// <param name="Json">The stored JSON text.</param>
/// <param name="Version">The version to pass as <c>expectedVersion</c> on the next write (the item's ETag).</param>
public sealed record StoreItem(string Key, string Json, long Version)
{
    /// <summary>Pass as expectedVersion to overwrite regardless of the stored version (the "*" ETag).</summary>
    public const long AnyVersion = -1;
}

/// <summary>The outcome of <see cref="IStorage.CreateAndReadAsync"/>.</summary>
/// <param name="Created">True when the key was created; false when a live item already had it.</param>
/// <param name="Existing">When not created: the item that holds the key (null if it vanished meanwhile).</param>
/// <param name="Items">Every requested read key, with its item or null when absent.</param>
public sealed record CreateAndReadResult(bool Created, StoreItem? Existing, IReadOnlyDictionary<string, StoreItem?> Items);

/// <summary>A write based on a stale version (or a create of a key that exists) was refused.</summary>
public sealed class ConcurrencyConflictException(string key, long? expectedVersion)
    : Exception($"The item '{key}' was changed by someone else (expected version {(expectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none: create")}).")
{
    public string Key { get; } = key;
    public long? ExpectedVersion { get; } = expectedVersion;
}
