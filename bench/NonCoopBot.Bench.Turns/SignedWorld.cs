using NonCoopBot.Testing;

namespace NonCoopBot.Bench.Turns;

/// <summary>
/// What the signed mode needs on loopback: the Bot Framework and Entra OpenID metadata with locally generated keys,
/// a token endpoint for the bot's outbound token (https with a self-signed certificate the bot process trusts through
/// SSL_CERT_FILE), and one channel token for every request (valid for an hour, serviceurl = the fake connector).
/// </summary>
internal sealed class SignedWorld(FakeOpenIdServer botFramework, FakeOpenIdServer entra, FakeTokenEndpoint tokens, string token) : IAsyncDisposable
{
    public string Token { get; } = token;

    public static async Task<SignedWorld> StartAsync(string serviceUrl, CancellationToken cancellationToken)
    {
        var botFramework = await FakeOpenIdServer.StartAsync(TestTokens.BotFrameworkIssuer, TestTokens.BotFrameworkJwks(), cancellationToken).ConfigureAwait(false);
        var entra = await FakeOpenIdServer.StartAsync(TestTokens.EntraV2Issuer, TestTokens.EntraJwks(), cancellationToken).ConfigureAwait(false);
        var tokens = await FakeTokenEndpoint.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SignedWorld(botFramework, entra, tokens, TestTokens.Create(TimeProvider.System.GetUtcNow(), serviceUrl: serviceUrl));
    }

    /// <summary>The bot's settings (environment variables) for this world; the certificate file goes into <paramref name="folder"/>.</summary>
    public IReadOnlyDictionary<string, string> BotSettings(string folder)
    {
        var certificate = Path.Combine(folder, "token-endpoint.pem");
        File.WriteAllText(certificate, tokens.CertificatePem);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Bot__AppId"] = TestTokens.BotAppId,
            ["Bot__TenantId"] = TestTokens.TenantId,
            ["Bot__ClientSecret"] = "bench-client-secret",
            ["Bot__OpenIdMetadataUrl"] = botFramework.MetadataUrl,
            ["Bot__EntraOpenIdMetadataUrl"] = entra.MetadataUrl,
            ["Bot__AllowHttpMetadataOnLoopback"] = "true",
            ["Bot__AuthorityHost"] = tokens.AuthorityHost,
            ["SSL_CERT_FILE"] = certificate,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await botFramework.DisposeAsync().ConfigureAwait(false);
        await entra.DisposeAsync().ConfigureAwait(false);
        await tokens.DisposeAsync().ConfigureAwait(false);
    }
}
