using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Auth;

/// <summary>
/// MSAL refuses non-https authorities, so these run against <see cref="FakeTokenEndpoint"/>: a loopback
/// Kestrel with a self-signed certificate, trusted only by the MSAL named HttpClient.
/// </summary>
public sealed class MsalBotTokenProviderTests : IAsyncLifetime
{
    private const string Secret = "test-client-secret";
    private readonly ObservableFakeTime _time = new();
    private FakeTokenEndpoint _tokenEndpoint = null!;
    private FakeBotConnector _connector = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _tokenEndpoint = await FakeTokenEndpoint.StartAsync(ct);
        _connector = new FakeBotConnector(_time);
        await _connector.StartAsync(ct);
        _services = ProtocolTestHost.Build(_time, new Dictionary<string, string?>
        {
            ["Bot:AppId"] = TestTokens.BotAppId,
            ["Bot:TenantId"] = TestTokens.TenantId,
            ["Bot:ClientSecret"] = Secret,
            ["Bot:AuthorityHost"] = _tokenEndpoint.AuthorityHost,
        }, services => services.AddHttpClient(MsalBotTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(_tokenEndpoint.CreateTrustingHandler));
        _services.GetRequiredService<IServiceUrlTrust>().Trust(_connector.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
        await _tokenEndpoint.DisposeAsync();
    }


    [Fact]
    public async Task GetToken_UsesClientCredentialsAgainstTenantAuthority()
    {
        var provider = _services.GetRequiredService<IBotTokenProvider>();

        var token = await provider.GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.IsType<MsalBotTokenProvider>(provider);
        Assert.Equal("fake-access-token-1", token);
        var form = Assert.Single(_tokenEndpoint.TokenRequests);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(TestTokens.BotAppId, form["client_id"]);
        Assert.Equal(Secret, form["client_secret"]);
        Assert.Equal(MsalBotTokenProvider.Scope, form["scope"]);
        Assert.Contains($"POST /{TestTokens.TenantId}/oauth2/v2.0/token", _tokenEndpoint.Paths);
    }

    [Fact]
    public async Task GetToken_IsCachedUntilFiveMinutesBeforeExpiry_ByTimeProvider()
    {
        var provider = _services.GetRequiredService<IBotTokenProvider>();

        var first = await provider.GetTokenAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(54));
        var cached = await provider.GetTokenAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        var renewed = await provider.GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(first, cached);
        Assert.Equal("fake-access-token-2", renewed);
        Assert.Equal(2, _tokenEndpoint.TokensIssued);
    }

    [Fact]
    public async Task ConnectorCalls_CarryTheMsalToken()
    {
        var client = _services.GetRequiredService<ConnectorClient>();

        await client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", new Activity { Text = "hi" }, TestContext.Current.CancellationToken);
        await client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", new Activity { Text = "again" }, TestContext.Current.CancellationToken);

        Assert.All(_connector.Requests, r => Assert.Equal("Bearer fake-access-token-1", r.Authorization));
        Assert.Equal(1, _tokenEndpoint.TokensIssued);
    }
}
