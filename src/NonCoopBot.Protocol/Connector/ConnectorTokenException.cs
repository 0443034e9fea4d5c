namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The bot's outbound token could not be obtained (an MSAL error, an Entra outage). Thrown before any
/// request is made, so nothing was sent: the caller may safely try again later.
/// </summary>
public sealed class ConnectorTokenException(string operation, string? conversationId, Exception innerException)
    : ConnectorException($"Connector operation {operation} was not attempted: the bot's token could not be obtained.", operation, null, TokenUnavailable, conversationId, innerException)
{
    /// <summary>The <see cref="ConnectorException.ErrorCode"/> of this failure.</summary>
    public const string TokenUnavailable = "TokenUnavailable";
}
