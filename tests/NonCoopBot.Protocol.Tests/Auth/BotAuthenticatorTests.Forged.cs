using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Auth;

/// <summary>
/// Forged tokens (issue 13) against the real <see cref="BotAuthenticator"/> (real key caches fed by loopback OpenID metadata
/// servers): <c>alg: none</c>, HS256 keyed with the public key, a token without <c>kid</c>, and tokens whose
/// <c>kid</c> exists only in the other key set (Entra vs Bot Framework). Each is refused and trusts no serviceUrl;
/// each forgery's honest twin (same claims, proper signature) is accepted, so the refusal is the forgery's doing.
/// </summary>
public sealed partial class BotAuthenticatorTests
{
    public enum Forgery
    {
        AlgNone,
        AlgNoneWithEmptyKid,
        Hs256KeyedWithPublicKeyPem,
        Hs256KeyedWithPublicKeyDer,
        Hs256KeyedWithJwkModulus,
        NoKid,
        BotFrameworkIssuerWithEntraKid,
        EntraIssuerWithBotFrameworkKid,
    }

    [Theory]
    [InlineData(Forgery.AlgNone, AuthFailureReasons.InvalidSignature)]
    [InlineData(Forgery.AlgNoneWithEmptyKid, AuthFailureReasons.MissingKeyId)]
    [InlineData(Forgery.Hs256KeyedWithPublicKeyPem, AuthFailureReasons.InvalidSignature)]
    [InlineData(Forgery.Hs256KeyedWithPublicKeyDer, AuthFailureReasons.InvalidSignature)]
    [InlineData(Forgery.Hs256KeyedWithJwkModulus, AuthFailureReasons.InvalidSignature)]
    [InlineData(Forgery.NoKid, AuthFailureReasons.MissingKeyId)]
    [InlineData(Forgery.BotFrameworkIssuerWithEntraKid, AuthFailureReasons.UnknownSigningKey)]
    [InlineData(Forgery.EntraIssuerWithBotFrameworkKid, AuthFailureReasons.UnknownSigningKey)]
    public async Task ForgedToken_IsRefused_AndTrustsNothing(Forgery forgery, string expectedReason)
    {
        var activity = TeamsActivity();

        var result = await Authenticator.AuthenticateAsync(TestTokens.Bearer(Forge(forgery)), activity, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded, $"{forgery} was accepted");
        Assert.Equal(403, result.StatusCode);
        Assert.Equal(expectedReason, result.FailureReason);
        Assert.Null(result.Identity);
        Assert.False(Trust.IsTrusted(activity.ServiceUrl!));
    }

    [Theory]
    [InlineData(Forgery.AlgNone)]
    [InlineData(Forgery.Hs256KeyedWithPublicKeyPem)]
    [InlineData(Forgery.NoKid)]
    [InlineData(Forgery.BotFrameworkIssuerWithEntraKid)]
    [InlineData(Forgery.EntraIssuerWithBotFrameworkKid)]
    public async Task HonestTwinOfTheForgery_IsAccepted(Forgery forgery)
    {
        var activity = TeamsActivity();

        var result = await Authenticator.AuthenticateAsync(TestTokens.Bearer(HonestTwin(forgery)), activity, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, $"{forgery}'s twin: {result.FailureReason}");
    }

    private string Forge(Forgery forgery)
    {
        var bf = TestTokens.SigningKey;
        var entra = TestTokens.EntraKey;
        return forgery switch
        {
            Forgery.AlgNone => Unsigned(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = bf.KeyId }, BotFrameworkClaims()),
            Forgery.AlgNoneWithEmptyKid => Unsigned(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, BotFrameworkClaims()),
            Forgery.Hs256KeyedWithPublicKeyPem => Hs256(bf.KeyId, BotFrameworkClaims(), Encoding.ASCII.GetBytes(bf.Rsa.ExportSubjectPublicKeyInfoPem())),
            Forgery.Hs256KeyedWithPublicKeyDer => Hs256(bf.KeyId, BotFrameworkClaims(), bf.Rsa.ExportSubjectPublicKeyInfo()),
            Forgery.Hs256KeyedWithJwkModulus => Hs256(bf.KeyId, BotFrameworkClaims(), bf.Rsa.ExportParameters(false).Modulus!),
            Forgery.NoKid => Rs256(kid: null, BotFrameworkClaims(), bf.Rsa),
            // Signed with the Entra key, so the signature checks out against the kid it names; only which key set that kid belongs to is wrong.
            Forgery.BotFrameworkIssuerWithEntraKid => Rs256(entra.KeyId, BotFrameworkClaims(), entra.Rsa),
            Forgery.EntraIssuerWithBotFrameworkKid => Rs256(bf.KeyId, EntraClaims(), bf.Rsa),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
    }

    /// <summary>The same claims, RS256-signed with the key of the issuer's own key set and its kid.</summary>
    private string HonestTwin(Forgery forgery) => forgery switch
    {
        Forgery.EntraIssuerWithBotFrameworkKid => Rs256(TestTokens.EntraKey.KeyId, EntraClaims(), TestTokens.EntraKey.Rsa),
        _ => Rs256(TestTokens.SigningKey.KeyId, BotFrameworkClaims(), TestTokens.SigningKey.Rsa),
    };

    private JsonObject BotFrameworkClaims() => Claims(TestTokens.BotFrameworkIssuer);

    private JsonObject EntraClaims()
    {
        var claims = Claims(TestTokens.EntraV2Issuer);
        claims["tid"] = TestTokens.TenantId;
        claims["ver"] = "2.0";
        claims["azp"] = TestTokens.EntraCallerAppId; // an allowed caller (Bot:AllowedCallers), so only the key decides
        return claims;
    }

    private JsonObject Claims(string issuer) => new()
    {
        ["iss"] = issuer,
        ["aud"] = TestTokens.BotAppId,
        ["nbf"] = Now.AddMinutes(-5).ToUnixTimeSeconds(),
        ["iat"] = Now.AddMinutes(-5).ToUnixTimeSeconds(),
        ["exp"] = Now.AddHours(1).ToUnixTimeSeconds(),
        ["serviceurl"] = TestTokens.ServiceUrl,
        ["appid"] = "deadbeef-0000-0000-0000-000000000000",
        ["version"] = "1.0",
    };

    private static string Unsigned(JsonObject header, JsonObject claims) => SigningInput(header, claims) + ".";

    private static string Hs256(string kid, JsonObject claims, byte[] secret)
    {
        var input = SigningInput(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = kid }, claims);
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    private static string Rs256(string? kid, JsonObject claims, RSA key)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var input = SigningInput(header, claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string SigningInput(JsonObject header, JsonObject claims) =>
        Base64UrlEncoder.Encode(header.ToJsonString()) + "." + Base64UrlEncoder.Encode(claims.ToJsonString());
}
