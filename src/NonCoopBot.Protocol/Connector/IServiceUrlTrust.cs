namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The serviceUrls the bot may send its token to: only those that arrived on an authenticated activity
/// (<see cref="Auth.BotAuthenticator"/> records them) or that were saved from one (a stored
/// <see cref="Schema.ConversationReference"/>: trust its serviceUrl when loading it).
/// </summary>
public interface IServiceUrlTrust
{
    /// <summary>Marks <paramref name="serviceUrl"/> as trusted.</summary>
    void Trust(string serviceUrl);

    /// <summary>True when <paramref name="serviceUrl"/> (compared normalized) was trusted.</summary>
    bool IsTrusted(string serviceUrl);
}
