using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Proactive;

/// <summary>Remembers, per user (AAD object id), how to message them later in their 1:1 chat with the bot.</summary>
public interface IConversationReferenceStore
{
    /// <summary>
    /// Saves (or replaces) the user's personal-chat reference; a saved reference clears a previous block. Returns
    /// false when the same reference was already stored (nothing written).
    /// </summary>
    Task<bool> SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>The user's reference, or null when the bot has never heard from them in a 1:1 chat.</summary>
    Task<ConversationReference?> GetAsync(string userAadObjectId, CancellationToken cancellationToken);

    /// <summary>Records that Teams refused to deliver to this user (403 MessageWritesBlocked: blocked or uninstalled).</summary>
    Task MarkBlockedAsync(string userAadObjectId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>When the user was last recorded as blocked, or null.</summary>
    Task<DateTimeOffset?> GetBlockedAtAsync(string userAadObjectId, CancellationToken cancellationToken);

    /// <summary>Any stored reference (used to learn the tenant's serviceUrl for creating new 1:1 conversations).</summary>
    Task<ConversationReference?> GetAnyAsync(CancellationToken cancellationToken);
}
