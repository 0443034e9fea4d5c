using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Http;

/// <summary>Inbound authentication over real HTTP: every bad token is refused and leaves no trace; anonymous mode only where allowed.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    public static TheoryData<string, HttpStatusCode, string> BadTokens => new()
    {
        { "none", HttpStatusCode.Unauthorized, AuthFailureReasons.MissingAuthorization },
        { "expired", HttpStatusCode.Forbidden, AuthFailureReasons.TokenExpired },
        { "not-yet-valid", HttpStatusCode.Forbidden, AuthFailureReasons.TokenNotYetValid },
        { "wrong-audience", HttpStatusCode.Forbidden, AuthFailureReasons.InvalidAudience },
        { "wrong-issuer", HttpStatusCode.Forbidden, AuthFailureReasons.InvalidIssuer },
        { "bad-signature", HttpStatusCode.Forbidden, AuthFailureReasons.InvalidSignature },
        { "unknown-key", HttpStatusCode.Forbidden, AuthFailureReasons.UnknownSigningKey },
        { "key-not-endorsed-for-msteams", HttpStatusCode.Forbidden, AuthFailureReasons.ChannelNotEndorsed },
        { "serviceurl-claim-differs", HttpStatusCode.Forbidden, AuthFailureReasons.ServiceUrlMismatch },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Post_WithBadToken_IsRefusedAndNothingIsSentOrStored(string badToken, HttpStatusCode expected, string reason)
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:auth-" + badToken).Build();
        var now = bot.Time.GetUtcNow();
        var token = badToken switch
        {
            "none" => null,
            "expired" => TestTokens.Create(now, _world.Connector.BaseUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "not-yet-valid" => TestTokens.Create(now, _world.Connector.BaseUrl, notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            "wrong-audience" => TestTokens.Create(now, _world.Connector.BaseUrl, audience: "11111111-2222-3333-4444-555555555555"),
            "wrong-issuer" => TestTokens.Create(now, _world.Connector.BaseUrl, issuer: "https://issuer.invalid"),
            "bad-signature" => TestTokens.TamperSignature(TestTokens.Create(now, _world.Connector.BaseUrl)),
            "unknown-key" => TestTokens.Create(now, _world.Connector.BaseUrl, key: TestTokens.UnknownKey),
            "key-not-endorsed-for-msteams" => TestTokens.Create(now, _world.Connector.BaseUrl, key: TestTokens.UnendorsedKey),
            "serviceurl-claim-differs" => TestTokens.Create(now, "https://smba.trafficmanager.net/emea/"),
            _ => throw new ArgumentOutOfRangeException(nameof(badToken), badToken, null),
        };
        using var request = Post(activity, token);
        var before = await bot.StorageSnapshotAsync(Ct);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
        Assert.Contains(bot.Logs.Entries, e => e.AllText.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_InDevelopmentFromLoopbackWithoutAppId_IsAnswered()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { EnvironmentName = "Development", AppId = null });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:anonymous-local").Build();

        using var response = await client.SendAsync(Post(activity, token: null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _world.Connector.NextRequestAsync(Ct);
        Assert.Equal($"v3/conversations/a:anonymous-local/activities/{activity.Id}", reply.Path);
        Assert.Contains("help", reply.BodyAsActivity()?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_InDevelopmentFromRemoteAddress_IsRefused()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            EnvironmentName = "Development",
            AppId = null,
            RemoteAddress = IPAddress.Parse("203.0.113.7"),
        });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:anonymous-remote").Build();
        var before = await bot.StorageSnapshotAsync(Ct);

        using var response = await client.SendAsync(Post(activity, token: null), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
    }

    [Fact]
    public async Task Anonymous_OnInMemoryServerWithoutRemoteAddress_IsRefused()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { EnvironmentName = "Development", AppId = null, UseKestrelServer = false });
        using var client = bot.StartClient();

        using var response = await client.SendAsync(Post(_world.Message("help", "a:anonymous-testserver").Build(), token: null), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public void Host_OutsideDevelopmentWithoutAppId_RefusesToStartNamingTheSetting(string environment)
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { EnvironmentName = environment, AppId = null });

        var error = Record.Exception(() => bot.StartClient());

        Assert.NotNull(error);
        var validation = Assert.IsType<OptionsValidationException>(Unwrap(error));
        Assert.Contains("Bot:AppId", validation.Message, StringComparison.Ordinal);
        Assert.Empty(_world.Connector.Requests);
    }

    private static Exception Unwrap(Exception error)
    {
        while (error is AggregateException { InnerException: { } inner })
        {
            error = inner;
        }

        return error;
    }

    private static HttpRequestMessage Post(Activity activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
