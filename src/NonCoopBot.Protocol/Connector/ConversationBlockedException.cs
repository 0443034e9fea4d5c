using System.Net;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The user blocked or uninstalled the bot: the connector answered 403 with
/// <c>MessageWritesBlocked</c>. Not retried. Track it per user and stop sending until they reinstall.
/// </summary>
public sealed class ConversationBlockedException : ConnectorException
{
    /// <summary>The connector's sub-code for a blocked conversation.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    /// <summary>Creates the exception.</summary>
    public ConversationBlockedException(string operation, string? conversationId)
        : base($"Connector operation {operation} was refused: the user has blocked or uninstalled the bot ({MessageWritesBlocked}).",
            operation, HttpStatusCode.Forbidden, MessageWritesBlocked, conversationId, null)
    {
    }
}
