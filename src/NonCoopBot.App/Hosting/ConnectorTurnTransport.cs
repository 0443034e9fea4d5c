using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Hosting;

/// <summary>
/// Sends a turn's activities through the Bot Connector: replies to the inbound activity, updates by PUT.
/// A 403 MessageWritesBlocked (the user blocked or uninstalled the bot) is recorded against that user.
/// </summary>
internal sealed class ConnectorTurnTransport(ConnectorClient connector, IConversationReferenceStore references, TimeProvider time) : ITurnTransport
{
    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var serviceUrl = activity.ServiceUrl ?? throw new InvalidOperationException("An outgoing activity needs the serviceUrl of its conversation.");
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("An outgoing activity needs a conversation id.");
        try
        {
            var response = string.IsNullOrEmpty(activity.ReplyToId)
                ? await connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false)
                : await connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken).ConfigureAwait(false);
            return response?.Id;
        }
        catch (ConversationBlockedException) when (activity.Recipient?.AadObjectId is { Length: > 0 } user)
        {
            await references.MarkBlockedAsync(user, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public Task UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return connector.UpdateActivityAsync(
            activity.ServiceUrl ?? throw new InvalidOperationException("An update needs a serviceUrl."),
            activity.Conversation?.Id ?? throw new InvalidOperationException("An update needs a conversation id."),
            activity.Id ?? throw new InvalidOperationException("An update needs the id of the activity to replace."),
            activity,
            cancellationToken);
    }
}
