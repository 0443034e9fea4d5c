namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The serviceUrls the bot may send its token to: only those that arrived on an authenticated activity
/// (<see cref="Auth.BotAuthenticator"/> records them) or that were saved from one (a stored
/// <see cref="Schema.ConversationReference"/>: trust its serviceUrl when loading it).
/// </summary>
public interface IServiceUrlTrust
{
    /// <summary>Marks <paramref name="serviceUrl"/> as trusted (ignored when the host policy refuses it).</summary>
    void Trust(string serviceUrl);

    /// <summary>True when <paramref name="serviceUrl"/> (compared normalized) was trusted and the host policy allows it.</summary>
    bool IsTrusted(string serviceUrl);
}
