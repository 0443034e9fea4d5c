using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Auth;

/// <summary>The metadata document and its keys as callers that need the whole document (the export's sign-in) see them.</summary>
public sealed class OpenIdKeyCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDocument_IsFetchedOnce_AndRefreshedOnceForAnUnknownKey_WithItsNewKeys()
    {
        await using var server = await FakeOpenIdServer.StartAsync(TestTokens.EntraV2Issuer, TestTokens.Jwks(TestTokens.EntraKey), Ct);
        var time = new FakeTimeProvider(ProtocolTestHost.Start);
        using var http = new HttpClient();
        var cache = new OpenIdKeyCache(server.MetadataUrl, () => http, allowHttpOnLoopback: true, time,
            TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), NullLogger.Instance);

        var first = await cache.GetConfigurationAsync(Ct);
        var again = await cache.GetConfigurationAsync(Ct);
        Assert.Same(first, again);
        Assert.Equal(TestTokens.EntraV2Issuer, first.Issuer);
        Assert.Equal([TestTokens.EntraKey.KeyId], first.SigningKeys.Select(k => k.KeyId));
        Assert.Equal(1, server.MetadataRequests);

        server.Jwks = TestTokens.Jwks(TestTokens.EntraKey, TestTokens.UnknownKey); // the keys rotate
        var refreshed = await cache.RefreshForUnknownKeyAsync(first, TestTokens.UnknownKey.KeyId, Ct);
        var stale = await cache.RefreshForUnknownKeyAsync(first, TestTokens.UnknownKey.KeyId, Ct); // another caller saw the old one

        Assert.NotSame(first, refreshed);
        Assert.Contains(TestTokens.UnknownKey.KeyId, refreshed.SigningKeys.Select(k => k.KeyId));
        Assert.Same(refreshed, stale);
        Assert.Same(refreshed, await cache.GetConfigurationAsync(Ct));
        Assert.Equal(2, server.MetadataRequests);
    }
}
