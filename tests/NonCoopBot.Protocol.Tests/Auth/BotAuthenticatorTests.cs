using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Auth;

public sealed partial class BotAuthenticatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(ProtocolTestHost.Start);
    private FakeOpenIdServer _botFramework = null!;
    private FakeOpenIdServer _entra = null!;
    private ServiceProvider _services = null!;

    public enum BadToken
    {
        None,
        NotBearer,
        EmptyBearer,
        Malformed,
        Expired,
        NotYetValid,
        NoExpiry,
        WrongAudience,
        WrongIssuer,
        TamperedSignature,
        SignedByOtherKeyWithKnownKid,
        UnknownKey,
        KeyNotEndorsedForChannel,
        ServiceUrlClaimDiffers,
        ServiceUrlClaimMissing,
        EntraOtherTenant,
        EntraWrongTid,
        EntraSignedWithBotFrameworkKey,
        EntraV2UnlistedCaller,
        EntraV1UnlistedCaller,
        EntraV2WithoutAzp,
    }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _botFramework = await FakeOpenIdServer.StartAsync(TestTokens.BotFrameworkIssuer, TestTokens.BotFrameworkJwks(), ct);
        _entra = await FakeOpenIdServer.StartAsync(TestTokens.EntraV2Issuer, TestTokens.EntraJwks(), ct);
        _services = ProtocolTestHost.Build(_time, new Dictionary<string, string?>
        {
            ["Bot:AppId"] = TestTokens.BotAppId,
            ["Bot:TenantId"] = TestTokens.TenantId,
            ["Bot:OpenIdMetadataUrl"] = _botFramework.MetadataUrl,
            ["Bot:EntraOpenIdMetadataUrl"] = _entra.MetadataUrl,
            ["Bot:AllowHttpMetadataOnLoopback"] = "true",
            ["Bot:AllowedCallers:0"] = TestTokens.EntraCallerAppId,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _botFramework.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private BotAuthenticator Authenticator => _services.GetRequiredService<BotAuthenticator>();
    private IServiceUrlTrust Trust => _services.GetRequiredService<IServiceUrlTrust>();
    private DateTimeOffset Now => _time.GetUtcNow();

    private static Activity TeamsActivity(string serviceUrl = TestTokens.ServiceUrl, string channelId = Channels.MsTeams) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1788249601234",
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = "a:conv-1" },
    };

    private string? HeaderFor(BadToken bad) => bad switch
    {
        BadToken.None => null,
        BadToken.NotBearer => "Basic dXNlcjpwYXNz",
        BadToken.EmptyBearer => "Bearer   ",
        BadToken.Malformed => "Bearer not-a-jwt",
        BadToken.Expired => TestTokens.Bearer(TestTokens.Create(Now, notBefore: Now.AddHours(-2), expires: Now.AddMinutes(-6))),
        BadToken.NotYetValid => TestTokens.Bearer(TestTokens.Create(Now, notBefore: Now.AddMinutes(6), expires: Now.AddHours(1))),
        BadToken.NoExpiry => TestTokens.Bearer(TestTokens.Create(Now, omitExpiry: true)),
        BadToken.WrongAudience => TestTokens.Bearer(TestTokens.Create(Now, audience: "11111111-0000-0000-0000-000000000000")),
        BadToken.WrongIssuer => TestTokens.Bearer(TestTokens.Create(Now, issuer: "https://api.botframework.example")),
        BadToken.TamperedSignature => TestTokens.Bearer(TestTokens.TamperSignature(TestTokens.Create(Now))),
        BadToken.SignedByOtherKeyWithKnownKid => TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnknownKey, keyIdOverride: TestTokens.SigningKey.KeyId)),
        BadToken.UnknownKey => TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnknownKey)),
        BadToken.KeyNotEndorsedForChannel => TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnendorsedKey)),
        BadToken.ServiceUrlClaimDiffers => TestTokens.Bearer(TestTokens.Create(Now, serviceUrl: "https://smba.trafficmanager.net/amer/")),
        BadToken.ServiceUrlClaimMissing => TestTokens.Bearer(TestTokens.Create(Now, serviceUrl: null)),
        BadToken.EntraOtherTenant => TestTokens.Bearer(TestTokens.CreateEntra(Now, tenantId: "99999999-0000-0000-0000-000000000000")),
        BadToken.EntraWrongTid => TestTokens.Bearer(TestTokens.Create(Now, issuer: TestTokens.EntraV2Issuer, key: TestTokens.EntraKey,
            extraClaims: new Dictionary<string, object> { ["tid"] = "99999999-0000-0000-0000-000000000000" })),
        BadToken.EntraSignedWithBotFrameworkKey => TestTokens.Bearer(TestTokens.Create(Now, issuer: TestTokens.EntraV2Issuer, key: TestTokens.SigningKey,
            extraClaims: new Dictionary<string, object> { ["tid"] = TestTokens.TenantId })),
        BadToken.EntraV2UnlistedCaller => TestTokens.Bearer(TestTokens.CreateEntra(Now, caller: "22222222-0000-0000-0000-000000000bad")),
        BadToken.EntraV1UnlistedCaller => TestTokens.Bearer(TestTokens.CreateEntra(Now, v2: false, caller: "22222222-0000-0000-0000-000000000bad")),
        BadToken.EntraV2WithoutAzp => TestTokens.Bearer(TestTokens.CreateEntra(Now, caller: null)),
        _ => throw new ArgumentOutOfRangeException(nameof(bad)),
    };

    [Theory]
    [InlineData(BadToken.None, 401, AuthFailureReasons.MissingAuthorization)]
    [InlineData(BadToken.NotBearer, 401, AuthFailureReasons.MalformedAuthorization)]
    [InlineData(BadToken.EmptyBearer, 401, AuthFailureReasons.MalformedAuthorization)]
    [InlineData(BadToken.Malformed, 401, AuthFailureReasons.MalformedToken)]
    [InlineData(BadToken.Expired, 403, AuthFailureReasons.TokenExpired)]
    [InlineData(BadToken.NotYetValid, 403, AuthFailureReasons.TokenNotYetValid)]
    [InlineData(BadToken.NoExpiry, 403, AuthFailureReasons.InvalidLifetime)]
    [InlineData(BadToken.WrongAudience, 403, AuthFailureReasons.InvalidAudience)]
    [InlineData(BadToken.WrongIssuer, 403, AuthFailureReasons.InvalidIssuer)]
    [InlineData(BadToken.TamperedSignature, 403, AuthFailureReasons.InvalidSignature)]
    [InlineData(BadToken.SignedByOtherKeyWithKnownKid, 403, AuthFailureReasons.InvalidSignature)]
    [InlineData(BadToken.UnknownKey, 403, AuthFailureReasons.UnknownSigningKey)]
    [InlineData(BadToken.KeyNotEndorsedForChannel, 403, AuthFailureReasons.ChannelNotEndorsed)]
    [InlineData(BadToken.ServiceUrlClaimDiffers, 403, AuthFailureReasons.ServiceUrlMismatch)]
    [InlineData(BadToken.ServiceUrlClaimMissing, 403, AuthFailureReasons.MissingServiceUrlClaim)]
    [InlineData(BadToken.EntraOtherTenant, 403, AuthFailureReasons.InvalidIssuer)]
    [InlineData(BadToken.EntraWrongTid, 403, AuthFailureReasons.InvalidTenant)]
    [InlineData(BadToken.EntraSignedWithBotFrameworkKey, 403, AuthFailureReasons.UnknownSigningKey)]
    [InlineData(BadToken.EntraV2UnlistedCaller, 403, AuthFailureReasons.CallerNotAllowed)]
    [InlineData(BadToken.EntraV1UnlistedCaller, 403, AuthFailureReasons.CallerNotAllowed)]
    [InlineData(BadToken.EntraV2WithoutAzp, 403, AuthFailureReasons.CallerNotAllowed)]
    public async Task Authenticate_BadToken_IsRejectedWithStatusAndReason(BadToken bad, int expectedStatus, string expectedReason)
    {
        var activity = TeamsActivity();

        var result = await Authenticator.AuthenticateAsync(HeaderFor(bad), activity, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(expectedStatus, result.StatusCode);
        Assert.Equal(expectedReason, result.FailureReason);
        Assert.Null(result.Identity);
        Assert.False(Trust.IsTrusted(activity.ServiceUrl!));
    }

    [Fact]
    public async Task Authenticate_ValidBotFrameworkToken_SucceedsAndTrustsServiceUrl()
    {
        var activity = TeamsActivity();

        var result = await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), activity, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(TestTokens.ServiceUrl, result.ServiceUrl);
        Assert.Equal(TestTokens.BotFrameworkIssuer, result.Identity!.FindFirst("iss")?.Value);
        Assert.True(Trust.IsTrusted(TestTokens.ServiceUrl));
    }

    [Theory]
    [InlineData(TestTokens.BotAppId)]
    [InlineData("api://" + TestTokens.BotAppId)]
    public async Task Authenticate_AcceptsAppIdAndApiUriAudience(string audience)
    {
        var token = TestTokens.Create(Now, audience: audience);

        var result = await Authenticator.AuthenticateAsync("bearer " + token, TeamsActivity(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData("https://SMBA.trafficmanager.net/emea")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net:443/emea//")]
    public async Task Authenticate_ServiceUrlComparedNormalized(string activityServiceUrl)
    {
        var result = await Authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Create(Now, serviceUrl: "https://smba.trafficmanager.net/emea/")),
            TeamsActivity(activityServiceUrl), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Authenticate_KeyEndorsedForOtherChannelOnly_IsRejectedForTeams_AcceptedForThatChannel()
    {
        var token = TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnendorsedKey));
        var ct = TestContext.Current.CancellationToken;

        var teams = await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct);
        var webchat = await Authenticator.AuthenticateAsync(token, TeamsActivity(channelId: "webchat"), ct);

        Assert.Equal(AuthFailureReasons.ChannelNotEndorsed, teams.FailureReason);
        Assert.True(webchat.Succeeded, webchat.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Authenticate_ValidEntraToken_V1AndV2_Succeeds(bool v2)
    {
        var result = await Authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.CreateEntra(Now, v2)), TeamsActivity(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(TestTokens.TenantId, result.Identity!.FindFirst("tid")?.Value);
        Assert.Equal(0, _botFramework.MetadataRequests);
        Assert.Equal(1, _entra.MetadataRequests);
    }

    [Fact]
    public async Task Authenticate_EntraTokenWithoutServiceUrlClaim_SucceedsButTrustsNothing()
    {
        var result = await Authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.CreateEntra(Now, serviceUrl: null)), TeamsActivity(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Null(result.ServiceUrl);
        Assert.False(Trust.IsTrusted(TestTokens.ServiceUrl));
    }

    [Fact]
    public async Task Authenticate_ExpiryIsDrivenByTimeProvider_WithFiveMinuteSkew()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = TestTokens.Bearer(TestTokens.Create(Now, expires: Now.AddMinutes(10)));

        var fresh = await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct);
        _time.Advance(TimeSpan.FromMinutes(14));
        var withinSkew = await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        var expired = await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct);

        Assert.True(fresh.Succeeded, fresh.ToString());
        Assert.True(withinSkew.Succeeded, withinSkew.ToString());
        Assert.Equal(AuthFailureReasons.TokenExpired, expired.FailureReason);
    }

    [Fact]
    public async Task Authenticate_KeysAreCached()
    {
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++)
            Assert.True((await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), ct)).Succeeded);

        Assert.Equal(1, _botFramework.MetadataRequests);
        Assert.Equal(1, _botFramework.JwksRequests);
    }

    [Fact]
    public async Task Authenticate_KeyRotation_UnknownKidRefreshesMetadataOnceThenSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), ct)).Succeeded);
        Assert.Equal(1, _botFramework.JwksRequests);

        _botFramework.Jwks = TestTokens.Jwks(TestTokens.SigningKey, TestTokens.UnknownKey);
        var rotated = await Authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnknownKey)), TeamsActivity(), ct);

        Assert.True(rotated.Succeeded, rotated.ToString());
        Assert.Equal(2, _botFramework.JwksRequests);
    }

    [Fact]
    public async Task Authenticate_UnknownKids_ForceAtMostOneRefreshPerInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        var forged = TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnknownKey));

        var first = await Authenticator.AuthenticateAsync(forged, TeamsActivity(), ct);   // initial fetch + one forced refresh
        var second = await Authenticator.AuthenticateAsync(forged, TeamsActivity(), ct);  // refresh refused: too soon
        Assert.Equal(2, _botFramework.JwksRequests);

        _time.Advance(TimeSpan.FromMinutes(5));
        var third = await Authenticator.AuthenticateAsync(forged, TeamsActivity(), ct);

        Assert.Equal(AuthFailureReasons.UnknownSigningKey, first.FailureReason);
        Assert.Equal(AuthFailureReasons.UnknownSigningKey, second.FailureReason);
        Assert.Equal(AuthFailureReasons.UnknownSigningKey, third.FailureReason);
        Assert.Equal(3, _botFramework.JwksRequests);
    }

    [Fact]
    public async Task Authenticate_KeysAreRefetchedAfterRefreshInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), ct)).Succeeded);

        _time.Advance(TimeSpan.FromHours(24));
        Assert.True((await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), ct)).Succeeded);

        Assert.Equal(2, _botFramework.MetadataRequests);
    }

    [Fact]
    public async Task Authenticate_MetadataUnreachable_Returns403()
    {
        var ct = TestContext.Current.CancellationToken;
        await _botFramework.DisposeAsync();

        var result = await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), ct);

        Assert.Equal(403, result.StatusCode);
        Assert.Equal(AuthFailureReasons.MetadataUnavailable, result.FailureReason);
    }

    [Fact]
    public async Task Authenticate_WithoutAppId_RejectsEveryToken()
    {
        await using var services = ProtocolTestHost.Build(_time, new Dictionary<string, string?>
        {
            ["Bot:OpenIdMetadataUrl"] = _botFramework.MetadataUrl,
            ["Bot:AllowHttpMetadataOnLoopback"] = "true",
        });

        var result = await services.GetRequiredService<BotAuthenticator>()
            .AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), TestContext.Current.CancellationToken);

        Assert.Equal(403, result.StatusCode);
        Assert.Equal(AuthFailureReasons.NotConfigured, result.FailureReason);
    }

    [Fact]
    public async Task Authenticate_HttpMetadataOnLoopback_IsRefusedUnlessAllowed()
    {
        await using var services = ProtocolTestHost.Build(_time, new Dictionary<string, string?>
        {
            ["Bot:AppId"] = TestTokens.BotAppId,
            ["Bot:TenantId"] = TestTokens.TenantId,
            ["Bot:OpenIdMetadataUrl"] = _botFramework.MetadataUrl,
        });

        var result = await services.GetRequiredService<BotAuthenticator>()
            .AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now)), TeamsActivity(), TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureReasons.MetadataUnavailable, result.FailureReason);
        Assert.Equal(0, _botFramework.MetadataRequests);
    }
}
