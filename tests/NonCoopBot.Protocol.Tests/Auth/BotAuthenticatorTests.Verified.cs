using NonCoopBot.Protocol.Auth;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Auth;

/// <summary>
/// A token's signature is verified once per signing key: the connector sends the same token for many requests. What
/// depends on the time or the request is still checked on every request, and nothing verified outlives its key set.
/// </summary>
public sealed partial class BotAuthenticatorTests
{
    [Fact]
    public async Task TheSameToken_IsVerifiedOnce_AnotherTokenIsVerifiedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = TestTokens.Bearer(TestTokens.Create(Now));

        for (var i = 0; i < 3; i++)
        {
            var result = await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct);
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(TestTokens.BotFrameworkIssuer, result.Identity!.FindFirst("iss")?.Value);
        }

        Assert.Equal(1, Authenticator.SignatureValidations);
        Assert.True((await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Create(Now.AddSeconds(1))), TeamsActivity(), ct)).Succeeded);
        Assert.Equal(2, Authenticator.SignatureValidations);
    }

    [Fact]
    public async Task AVerifiedToken_WithItsSignatureAltered_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = TestTokens.Create(Now);
        Assert.True((await Authenticator.AuthenticateAsync(TestTokens.Bearer(token), TeamsActivity(), ct)).Succeeded);

        var tampered = await Authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.TamperSignature(token)), TeamsActivity(), ct);

        Assert.Equal((403, AuthFailureReasons.InvalidSignature), (tampered.StatusCode, tampered.FailureReason));
    }

    [Fact]
    public async Task AVerifiedToken_IsStillCheckedAgainstEachRequest_ServiceUrlAndChannel()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = TestTokens.Bearer(TestTokens.Create(Now));
        Assert.True((await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct)).Succeeded);

        var otherServiceUrl = await Authenticator.AuthenticateAsync(token, TeamsActivity(serviceUrl: "https://smba.trafficmanager.net/amer/"), ct);
        var otherChannel = await Authenticator.AuthenticateAsync(token, TeamsActivity(channelId: "webchat"), ct);

        Assert.Equal(AuthFailureReasons.ServiceUrlMismatch, otherServiceUrl.FailureReason);
        Assert.Equal(AuthFailureReasons.ChannelNotEndorsed, otherChannel.FailureReason);
        Assert.Equal(1, Authenticator.SignatureValidations);
    }

    [Fact]
    public async Task AVerifiedToken_WhoseKeyLeavesTheKeySet_IsRefused_AndAKeptKeyVerifiesAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = TestTokens.Bearer(TestTokens.Create(Now, expires: Now.AddHours(30)));
        var other = TestTokens.Bearer(TestTokens.Create(Now, key: TestTokens.UnendorsedKey, expires: Now.AddHours(30)));
        Assert.True((await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct)).Succeeded);
        Assert.True((await Authenticator.AuthenticateAsync(other, TeamsActivity(channelId: "webchat"), ct)).Succeeded);
        Assert.Equal(2, Authenticator.SignatureValidations);

        // The next metadata refresh no longer lists the Teams key; the other key stays.
        _botFramework.Jwks = TestTokens.Jwks(TestTokens.UnendorsedKey);
        _time.Advance(TimeSpan.FromHours(24));

        var removed = await Authenticator.AuthenticateAsync(token, TeamsActivity(), ct);
        var kept = await Authenticator.AuthenticateAsync(other, TeamsActivity(channelId: "webchat"), ct);

        Assert.Equal(AuthFailureReasons.UnknownSigningKey, removed.FailureReason);
        Assert.True(kept.Succeeded, kept.ToString());
        Assert.Equal(3, Authenticator.SignatureValidations); // the kept key is a new key object: its token is verified again
    }
}
