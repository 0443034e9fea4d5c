using System.Text.Json;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Proactive;

/// <summary>
/// <see cref="IConversationReferenceStore"/> on top of <see cref="IStorage"/>. The per-user rows expire
/// (<see cref="ReferenceRetention"/>, <see cref="BlockedRetention"/>) so that people who once wrote to the bot
/// cannot grow the store without limit; an expired reference is simply re-created by the next proactive send.
/// </summary>
public sealed class StorageConversationReferenceStore(IStorage storage, TimeProvider? time = null) : IConversationReferenceStore
{
    /// <summary>How long a stored 1:1 reference is kept after it was last written.</summary>
    public static readonly TimeSpan ReferenceRetention = TimeSpan.FromDays(400);

    /// <summary>How long a "blocked the bot" mark is kept.</summary>
    public static readonly TimeSpan BlockedRetention = TimeSpan.FromDays(180);

    private const string LastKey = "convref-latest";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        ArgumentNullException.ThrowIfNull(reference);
        var json = JsonSerializer.Serialize(reference, ProtocolJsonContext.Default.ConversationReference);
        var existing = await storage.ReadAsync(RefKey(userAadObjectId), cancellationToken).ConfigureAwait(false);
        if (existing?.Json != json)
        {
            await storage.WriteAsync(RefKey(userAadObjectId), json, StoreItem.AnyVersion, _time.GetUtcNow() + ReferenceRetention, cancellationToken).ConfigureAwait(false);
            await storage.WriteAsync(LastKey, json, StoreItem.AnyVersion, null, cancellationToken).ConfigureAwait(false);
        }

        // The user wrote again, so they have unblocked the bot. Read first: a write on every message would
        // serialise all turns on SQLite for a state that is almost never set.
        if (await storage.ReadAsync(BlockedKey(userAadObjectId), cancellationToken).ConfigureAwait(false) is not null)
        {
            await storage.DeleteAsync(BlockedKey(userAadObjectId), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ConversationReference?> GetAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        return Parse(await storage.ReadAsync(RefKey(userAadObjectId), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ConversationReference?> GetAnyAsync(CancellationToken cancellationToken) =>
        Parse(await storage.ReadAsync(LastKey, cancellationToken).ConfigureAwait(false));

    public Task MarkBlockedAsync(string userAadObjectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        storage.WriteAsync(BlockedKey(userAadObjectId), JsonSerializer.Serialize(at), StoreItem.AnyVersion, _time.GetUtcNow() + BlockedRetention, cancellationToken);

    public async Task<DateTimeOffset?> GetBlockedAtAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        var item = await storage.ReadAsync(BlockedKey(userAadObjectId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : JsonSerializer.Deserialize<DateTimeOffset>(item.Json);
    }

    private static ConversationReference? Parse(StoreItem? item) =>
        item is null ? null : JsonSerializer.Deserialize(item.Json, ProtocolJsonContext.Default.ConversationReference);

    private static string RefKey(string user) => "convref:" + user;

    private static string BlockedKey(string user) => "blocked:" + user;
}
