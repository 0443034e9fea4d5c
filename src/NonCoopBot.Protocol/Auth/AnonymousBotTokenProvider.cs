namespace NonCoopBot.Protocol.Auth;

/// <summary>The token provider used when no credentials are configured: it never supplies a token.</summary>
public sealed class AnonymousBotTokenProvider : IBotTokenProvider
{
    /// <inheritdoc />
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
