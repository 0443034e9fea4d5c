using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Proactive;

/// <summary>Where a proactive message went: the ids needed to update it later.</summary>
/// <param name="ActivityId">The connector's id of the sent activity.</param>
/// <param name="ConversationId">The 1:1 conversation.</param>
/// <param name="ServiceUrl">The serviceUrl it was sent through.</param>
/// <param name="UserId">The recipient's Teams user id (<c>29:…</c>) when known (for <c>refresh.userIds</c>).</param>
public sealed record ProactiveDelivery(string ActivityId, string ConversationId, string ServiceUrl, string? UserId);

/// <summary>
/// What is needed to create a 1:1 conversation with a user the bot has never heard from: the bot id
/// (<c>28:{appId}</c> or the app id), the tenant and the serviceUrl. Values come from configuration, else
/// from any stored conversation reference.
/// </summary>
public sealed record ProactiveDefaults(string? BotId, string? TenantId, string? ServiceUrl);

/// <summary>The user cannot be reached: no stored conversation and nothing to create one with.</summary>
public sealed class ProactiveUnreachableException(string reason) : Exception(reason);

/// <summary>
/// Sends proactive messages to one user in their 1:1 chat with the bot (never a channel or group chat):
/// uses the stored <see cref="ConversationReference"/> (trusting its serviceUrl, which was saved from an
/// authenticated activity, as long as its host is still on <c>Bot:TrustedServiceUrlHosts</c>), or creates the 1:1 conversation with the user's Entra object id and stores the
/// new reference. 403 MessageWritesBlocked is recorded on the reference store and rethrown.
/// </summary>
public sealed class ProactiveMessenger(
    ConnectorClient connector,
    IConversationReferenceStore references,
    IServiceUrlTrust trust,
    TimeProvider time,
    ProactiveDefaults defaults)
{
    /// <summary>The 1:1 conversation with <paramref name="userAadObjectId"/>, created when missing.</summary>
    public Task<ConversationReference> GetOrCreatePersonalConversationAsync(string userAadObjectId, CancellationToken cancellationToken) =>
        GetOrCreatePersonalConversationAsync(userAadObjectId, null, null, cancellationToken);

    /// <summary>
    /// As above, creating the conversation (when missing) with <paramref name="context"/> first: the bot id,
    /// tenant and serviceUrl of an authenticated inbound activity, which beat configuration and stored values.
    /// </summary>
    public Task<ConversationReference> GetOrCreatePersonalConversationAsync(string userAadObjectId, ProactiveDefaults context, CancellationToken cancellationToken) =>
        GetOrCreatePersonalConversationAsync(userAadObjectId, null, context, cancellationToken);

    /// <summary>
    /// As above; <paramref name="beforeCreate"/> runs only when a conversation must be created (a request to
    /// Teams), so a caller can take a rate-limit token for that request and not for a stored reference.
    /// </summary>
    public async Task<ConversationReference> GetOrCreatePersonalConversationAsync(string userAadObjectId, Func<CancellationToken, Task>? beforeCreate, CancellationToken cancellationToken) =>
        await GetOrCreatePersonalConversationAsync(userAadObjectId, beforeCreate, null, cancellationToken).ConfigureAwait(false);

    private async Task<ConversationReference> GetOrCreatePersonalConversationAsync(string userAadObjectId, Func<CancellationToken, Task>? beforeCreate, ProactiveDefaults? context, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        var stored = await references.GetAsync(userAadObjectId, cancellationToken).ConfigureAwait(false);
        if (stored is not null && IsPersonal(stored) && IsUsable(stored.ServiceUrl))
        {
            return stored;
        }

        var any = await references.GetAnyAsync(cancellationToken).ConfigureAwait(false);
        if (any is not null && !IsUsable(any.ServiceUrl))
        {
            any = null;
        }

        var serviceUrl = Pick(context?.ServiceUrl, defaults.ServiceUrl, any?.ServiceUrl);
        var botId = Pick(context?.BotId, defaults.BotId, any?.BotId);
        var tenantId = Pick(context?.TenantId, defaults.TenantId, any?.TenantId);
        if (serviceUrl is null || botId is null || tenantId is null)
        {
            throw new ProactiveUnreachableException("No stored 1:1 conversation, and no bot id, tenant id and serviceUrl to create one (set Alerts:BotId, Alerts:TenantId, Alerts:ServiceUrl).");
        }

        // A configured serviceUrl is operator-chosen; a stored one came from an authenticated activity. Either
        // must still be on Bot:TrustedServiceUrlHosts, or the bot's token would go elsewhere.
        if (!IsUsable(serviceUrl))
        {
            throw new ProactiveUnreachableException("The serviceUrl to create the 1:1 conversation with is not on Bot:TrustedServiceUrlHosts.");
        }

        if (beforeCreate is not null)
        {
            await beforeCreate(cancellationToken).ConfigureAwait(false);
        }

        var conversationId = await connector.CreateConversationAsync(serviceUrl, botId, tenantId, userAadObjectId, cancellationToken).ConfigureAwait(false);
        var created = new ConversationReference
        {
            ServiceUrl = serviceUrl,
            ConversationId = conversationId,
            ChannelId = Channels.MsTeams,
            TenantId = tenantId,
            UserAadObjectId = userAadObjectId,
            BotId = botId,
            ConversationType = ConversationTypes.Personal,
        };
        await references.SaveAsync(userAadObjectId, created, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Sends <paramref name="activity"/> to the user's 1:1 chat (POST; not idempotent, never re-sent here).</summary>
    public async Task<ProactiveDelivery> SendToUserAsync(string userAadObjectId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var reference = await GetOrCreatePersonalConversationAsync(userAadObjectId, cancellationToken).ConfigureAwait(false);
        return await SendAsync(userAadObjectId, reference, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends to an already resolved reference.</summary>
    public async Task<ProactiveDelivery> SendAsync(string userAadObjectId, ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Conversation ??= new ConversationAccount { Id = reference.ConversationId, ConversationType = ConversationTypes.Personal, TenantId = reference.TenantId };
        activity.ChannelId ??= reference.ChannelId ?? Channels.MsTeams;
        try
        {
            var result = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken).ConfigureAwait(false);
            return new ProactiveDelivery(result.Id ?? string.Empty, reference.ConversationId, reference.ServiceUrl, reference.UserId);
        }
        catch (ConversationBlockedException)
        {
            await references.MarkBlockedAsync(userAadObjectId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Replaces a message sent earlier (PUT, idempotent).</summary>
    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        trust.Trust(serviceUrl);
        activity.Conversation ??= new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Personal };
        return connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);
    }

    /// <summary>
    /// Trusts <paramref name="serviceUrl"/> (a stored or configured one) and says whether it may be used: false
    /// when it is not a URL or its host is not (or no longer) on <c>Bot:TrustedServiceUrlHosts</c>.
    /// </summary>
    private bool IsUsable(string? serviceUrl)
    {
        if (ServiceUrls.Normalize(serviceUrl) is null)
        {
            return false;
        }

        trust.Trust(serviceUrl!);
        return trust.IsTrusted(serviceUrl!);
    }

    private static bool IsPersonal(ConversationReference reference) =>
        reference.ConversationType is null or ConversationTypes.Personal;

    private static string? Pick(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
}
