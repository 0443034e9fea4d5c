using System.Collections.Concurrent;
using System.Text.Json;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Proactive;

/// <summary>
/// <see cref="IConversationReferenceStore"/> on top of <see cref="IStorage"/>. Every message of a user saves their
/// reference, which almost never changes: a small bounded in-memory cache remembers what this instance knows is
/// stored (the reference, and no block), so an unchanged reference costs no storage round trip at all. An entry is
/// trusted for <see cref="CacheLifetime"/> (another instance may change the row meanwhile, e.g. record a block);
/// a block recorded through this instance forgets the entry at once. The per-user rows expire
/// (<see cref="ReferenceRetention"/>, <see cref="BlockedRetention"/>) so that people who once wrote to the bot
/// cannot grow the store without limit; an expired reference is re-created by the user's next message or the next
/// proactive send.
/// </summary>
public sealed class StorageConversationReferenceStore(IStorage storage, TimeProvider time) : IConversationReferenceStore
{
    /// <summary>How many users the cache holds; it starts again empty when full (the Bureau is a few dozen people).</summary>
    public const int CacheCapacity = 1024;

    /// <summary>How long a cached "this is stored" is trusted before the store is read again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long a stored 1:1 reference is kept after it was last written.</summary>
    public static readonly TimeSpan ReferenceRetention = TimeSpan.FromDays(400);

    /// <summary>How long a "blocked the bot" mark is kept.</summary>
    public static readonly TimeSpan BlockedRetention = TimeSpan.FromDays(180);

    private const string LastKey = "convref-latest";

    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset Until)> _stored = new(StringComparer.Ordinal);
    private int _blocks;

    public async Task<bool> SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        ArgumentNullException.ThrowIfNull(reference);
        var json = JsonSerializer.Serialize(reference, ProtocolJsonContext.Default.ConversationReference);
        var now = time.GetUtcNow();
        if (_stored.TryGetValue(userAadObjectId, out var known) && known.Json == json && known.Until > now)
        {
            return false;
        }

        var blocks = Volatile.Read(ref _blocks);
        var existing = await storage.ReadAsync(RefKey(userAadObjectId), cancellationToken).ConfigureAwait(false);
        var changed = existing?.Json != json;
        if (changed)
        {
            await storage.WriteAsync(RefKey(userAadObjectId), json, StoreItem.AnyVersion, time.GetUtcNow() + ReferenceRetention, cancellationToken).ConfigureAwait(false);
            await storage.WriteAsync(LastKey, json, StoreItem.AnyVersion, null, cancellationToken).ConfigureAwait(false);
        }

        // The user wrote again, so they have unblocked the bot. Read first: a write on every message would
        // serialise all turns on SQLite for a state that is almost never set.
        if (await storage.ReadAsync(BlockedKey(userAadObjectId), cancellationToken).ConfigureAwait(false) is not null)
        {
            await storage.DeleteAsync(BlockedKey(userAadObjectId), cancellationToken).ConfigureAwait(false);
        }

        if (_stored.Count >= CacheCapacity)
        {
            _stored.Clear();
        }

        // A block recorded while this save ran may not have been seen: then do not remember "no block".
        if (Volatile.Read(ref _blocks) == blocks)
        {
            _stored[userAadObjectId] = (json, now + CacheLifetime);
        }

        return changed;
    }

    public async Task<ConversationReference?> GetAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        return Parse(await storage.ReadAsync(RefKey(userAadObjectId), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ConversationReference?> GetAnyAsync(CancellationToken cancellationToken) =>
        Parse(await storage.ReadAsync(LastKey, cancellationToken).ConfigureAwait(false));

    public async Task MarkBlockedAsync(string userAadObjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Forget it: the user's next message must read the store again and clear the block.
        Interlocked.Increment(ref _blocks);
        _stored.TryRemove(userAadObjectId, out _);
        await storage.WriteAsync(BlockedKey(userAadObjectId), JsonSerializer.Serialize(at, PlainJsonContext.Default.DateTimeOffset), StoreItem.AnyVersion, time.GetUtcNow() + BlockedRetention, cancellationToken).ConfigureAwait(false);
        _stored.TryRemove(userAadObjectId, out _);
    }

    public async Task<DateTimeOffset?> GetBlockedAtAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        var item = await storage.ReadAsync(BlockedKey(userAadObjectId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : JsonSerializer.Deserialize(item.Json, PlainJsonContext.Default.DateTimeOffset);
    }

    private static ConversationReference? Parse(StoreItem? item) =>
        item is null ? null : JsonSerializer.Deserialize(item.Json, ProtocolJsonContext.Default.ConversationReference);

    private static string RefKey(string user) => "convref:" + user;

    private static string BlockedKey(string user) => "blocked:" + user;
}
