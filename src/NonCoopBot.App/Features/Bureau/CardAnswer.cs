using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>Answers a card button with a new version of the card.</summary>
public static class CardAnswer
{
    /// <summary>Action.Execute: the invoke answer replaces the card for this user. Action.Submit: the card message is updated (PUT), else the card is sent.</summary>
    public static async Task ReplaceAsync(TurnContext turn, JsonNode card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse = TurnPipeline.InvokeCard(card);
            return;
        }

        if (turn.Activity.ReplyToId is { Length: > 0 } cardMessageId)
        {
            var update = turn.Activity.CreateReply();
            update.Id = cardMessageId;
            update.ReplyToId = null;
            update.Attachments = [Attachment.AdaptiveCard(card)];
            await turn.UpdateAsync(update, cancellationToken).ConfigureAwait(false);
            return;
        }

        await turn.SendCardAsync(card, cancellationToken).ConfigureAwait(false);
    }
}
