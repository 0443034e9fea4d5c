using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>
/// Moves a conversation from a channel to the sender's 1:1 chat with the bot, so that nothing
/// confidential (7(b), good offices) is ever posted where people outside the Bureau read.
/// </summary>
public sealed class PersonalChat(ProactiveMessenger messenger)
{
    /// <summary>The catalogue key of the notice left in the channel when the conversation moves to the private chat.</summary>
    public const string MovedNoticeKey = "bureau.movedToPrivateChat";

    /// <summary>A turn addressed to the sender's personal chat (created if the bot has none yet).</summary>
    public async Task<TurnContext> OpenAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var inbound = turn.Activity;
        var aad = inbound.From?.AadObjectId ?? throw new InvalidOperationException("The sender has no AAD object id, so no private chat can be opened.");
        var reference = await messenger.GetOrCreatePersonalConversationAsync(
            aad, new ProactiveDefaults(inbound.Recipient?.Id, inbound.TenantId, inbound.ServiceUrl), cancellationToken).ConfigureAwait(false);
        var personal = new Activity
        {
            Type = ActivityTypes.Message,
            ServiceUrl = reference.ServiceUrl,
            ChannelId = reference.ChannelId ?? inbound.ChannelId,
            Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = ConversationTypes.Personal, TenantId = reference.TenantId },
            From = inbound.From,
            Recipient = inbound.Recipient,
            Locale = inbound.Locale,
            Text = inbound.Text,
            Entities = inbound.Entities,
        };
        return new TurnContext(personal, turn.Services.GetRequiredService<ITurnTransport>(), turn.Services);
    }
}
