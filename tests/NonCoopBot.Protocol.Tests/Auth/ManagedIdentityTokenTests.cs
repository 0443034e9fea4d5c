using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Auth;

/// <summary>
/// Bot:ManagedIdentityClientId: the outbound token comes from the host's user-assigned managed identity
/// (MSAL's managed identity support), here an App Service style endpoint on loopback (IDENTITY_ENDPOINT /
/// IDENTITY_HEADER, the variables App Service sets). Only this class sets those variables.
/// </summary>
[Collection(nameof(ManagedIdentityTokenTests))]
public sealed class ManagedIdentityTokenTests : IAsyncLifetime
{
    private const string IdentityClientId = "5b1e4c0a-0000-4000-8000-00000000a11d";
    private const string IdentityHeader = "test-identity-header";
    private readonly ConcurrentQueue<HttpRequestSnapshot> _requests = new();
    private WebApplication _endpoint = null!;
    private Uri _endpointUrl = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        (_endpoint, _endpointUrl) = await LoopbackServer.StartAsync(async context =>
        {
            _requests.Enqueue(new(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers["X-IDENTITY-HEADER"].ToString()));
            var expiresOn = TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $$"""{"access_token":"mi-access-token","expires_on":"{{expiresOn}}","resource":"{{MsalBotTokenProvider.Resource}}","token_type":"Bearer","client_id":"{{IdentityClientId}}"}""",
                context.RequestAborted);
        }, certificate: null, Ct);
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(_endpointUrl, "msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task With_a_managed_identity_the_token_is_asked_of_the_host_identity_endpoint_for_the_connector()
    {
        await using var services = Build(new() { ["Bot:ManagedIdentityClientId"] = IdentityClientId });
        var provider = services.GetRequiredService<IBotTokenProvider>();

        var token = await provider.GetTokenAsync(Ct);
        var again = await provider.GetTokenAsync(Ct);

        Assert.IsType<MsalBotTokenProvider>(provider);
        Assert.Equal("mi-access-token", token);
        Assert.Equal(token, again);
        var request = Assert.Single(_requests); // the second call is served from our cache
        Assert.Equal("GET", request.Method);
        Assert.Equal("/msi/token", request.Path);
        Assert.Equal(MsalBotTokenProvider.Resource, request.Query["resource"]);
        Assert.Equal(IdentityClientId, request.Query["client_id"]);
        Assert.Equal(IdentityHeader, request.Header);
    }

    [Fact]
    public void A_secret_and_a_managed_identity_together_are_refused_at_start()
    {
        using var services = Build(new() { ["Bot:ManagedIdentityClientId"] = IdentityClientId, ["Bot:ClientSecret"] = "secret" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);

        Assert.Contains("Bot:ManagedIdentityClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_secret_or_a_managed_identity_the_bot_is_anonymous()
    {
        using var services = Build([]);

        Assert.IsType<AnonymousBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());
        Assert.Empty(_requests);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Bot:AppId"] = IdentityClientId;
        settings["Bot:TenantId"] = TestTokens.TenantId;
        return ProtocolTestHost.Build(new FakeTimeProvider(ProtocolTestHost.Start), settings);
    }

    private sealed record HttpRequestSnapshot(string Method, string Path, Dictionary<string, string> Query, string Header);
}
