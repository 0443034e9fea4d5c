namespace NonCoopBot.Protocol.Auth;

/// <summary>Supplies the bearer token the bot sends to the Bot Framework Connector.</summary>
public interface IBotTokenProvider
{
    /// <summary>
    /// The access token to send, or <see langword="null"/> when the bot has no credentials (local
    /// anonymous mode): then no Authorization header is sent.
    /// </summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
