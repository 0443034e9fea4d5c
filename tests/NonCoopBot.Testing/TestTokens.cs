using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Testing;

/// <summary>An RSA signing key used by <see cref="TestTokens"/>, with its key id and JWKS endorsements.</summary>
public sealed class TestSigningKey
{
    internal TestSigningKey(string keyId, params string[] endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        Rsa = RSA.Create(2048);
        SecurityKey = new RsaSecurityKey(Rsa) { KeyId = keyId };
    }

    /// <summary>The <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The channels the key is endorsed for in the JWKS (empty: no <c>endorsements</c> property).</summary>
    public IReadOnlyList<string> Endorsements { get; }

    /// <summary>The RSA key pair.</summary>
    public RSA Rsa { get; }

    /// <summary>The key as an IdentityModel signing key (kid set).</summary>
    public RsaSecurityKey SecurityKey { get; }

    /// <summary>The public key as a JWK JSON object (kty, use, kid, n, e, endorsements).</summary>
    public JsonObject ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements.Count > 0)
            jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        return jwk;
    }
}

/// <summary>
/// Tokens as the Bot Framework channel and Entra would mint them, signed with RSA keys generated when
/// the test process starts. Point the bot's <c>Bot:OpenIdMetadataUrl</c> (and
/// <c>Bot:EntraOpenIdMetadataUrl</c>) at a <see cref="FakeOpenIdServer"/> serving
/// <see cref="BotFrameworkJwks"/> (and <see cref="EntraJwks"/>).
/// </summary>
public static class TestTokens
{
    /// <summary>The bot's app id used in tests.</summary>
    public const string BotAppId = "0b0e5c2a-7d4f-4c1e-9a55-00000000b07a";

    /// <summary>The bot's tenant used in tests.</summary>
    public const string TenantId = "7e1c4f3a-2b9d-4e8f-a1c6-0000000a7e11";

    /// <summary>The bot's Teams id (<c>28:{appId}</c>).</summary>
    public const string BotId = "28:" + BotAppId;

    /// <summary>The application (client id) that calls the bot with Entra-issued tokens in tests (<c>azp</c> / <c>appid</c>).</summary>
    public const string EntraCallerAppId = "5a9d3c1e-0f4b-4e2a-b6c8-00000000ca11";

    /// <summary>The Bot Framework channel issuer.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The Entra v1 issuer of <see cref="TenantId"/>.</summary>
    public const string EntraV1Issuer = "https://sts.windows.net/" + TenantId + "/";

    /// <summary>The Entra v2 issuer of <see cref="TenantId"/>.</summary>
    public const string EntraV2Issuer = "https://login.microsoftonline.com/" + TenantId + "/v2.0";

    /// <summary>A realistic serviceUrl.</summary>
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    /// <summary>The default Bot Framework signing key, endorsed for <c>msteams</c>, published in <see cref="BotFrameworkJwks"/>.</summary>
    public static TestSigningKey SigningKey { get; } = new("test-bf-key-1", Channels.MsTeams);

    /// <summary>A key endorsed only for <c>webchat</c>, published in <see cref="BotFrameworkJwks"/>.</summary>
    public static TestSigningKey UnendorsedKey { get; } = new("test-bf-key-webchat", "webchat");

    /// <summary>A key that is NOT in the default JWKS (use it for unknown-kid and key-rotation tests).</summary>
    public static TestSigningKey UnknownKey { get; } = new("test-bf-key-rotated", Channels.MsTeams);

    /// <summary>The Entra signing key (no endorsements), published in <see cref="EntraJwks"/>.</summary>
    public static TestSigningKey EntraKey { get; } = new("test-entra-key-1");

    /// <summary>The Bot Framework JWKS: <see cref="SigningKey"/> and <see cref="UnendorsedKey"/>.</summary>
    public static string BotFrameworkJwks() => Jwks(SigningKey, UnendorsedKey);

    /// <summary>The Entra JWKS: <see cref="EntraKey"/>.</summary>
    public static string EntraJwks() => Jwks(EntraKey);

    /// <summary>A JWKS document with the given keys.</summary>
    public static string Jwks(params TestSigningKey[] keys) =>
        new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode?)k.ToJwk()).ToArray()) }.ToJsonString();

    /// <summary>
    /// A Bot Framework channel token valid at <paramref name="now"/>: issuer
    /// <see cref="BotFrameworkIssuer"/>, audience <see cref="BotAppId"/>, <c>serviceurl</c> claim, signed
    /// with <see cref="SigningKey"/>. Every part can be overridden.
    /// </summary>
    /// <param name="now">The current (fake) time; nbf = now − 5 min, exp = now + 1 h unless given.</param>
    /// <param name="serviceUrl">The <c>serviceurl</c> claim; null omits it.</param>
    /// <param name="issuer">The <c>iss</c> claim.</param>
    /// <param name="audience">The <c>aud</c> claim.</param>
    /// <param name="key">The signing key (and its kid).</param>
    /// <param name="notBefore">The <c>nbf</c> claim.</param>
    /// <param name="expires">The <c>exp</c> claim.</param>
    /// <param name="omitExpiry">True to leave out <c>exp</c>.</param>
    /// <param name="keyIdOverride">A <c>kid</c> header different from the key's own (bad-signature tests).</param>
    /// <param name="extraClaims">More claims, e.g. <c>tid</c>.</param>
    public static string Create(
        DateTimeOffset now,
        string? serviceUrl = ServiceUrl,
        string issuer = BotFrameworkIssuer,
        string audience = BotAppId,
        TestSigningKey? key = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        bool omitExpiry = false,
        string? keyIdOverride = null,
        IDictionary<string, object>? extraClaims = null)
    {
        key ??= SigningKey;
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>());
        claims.TryAdd("appid", "deadbeef-0000-0000-0000-000000000000");
        claims.TryAdd("version", "1.0");
        if (serviceUrl is not null)
            claims["serviceurl"] = serviceUrl;

        SecurityKey signingKey = keyIdOverride is null
            ? key.SecurityKey
            : new RsaSecurityKey(key.Rsa) { KeyId = keyIdOverride };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-5)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-5)).UtcDateTime,
            Expires = omitExpiry ? null : (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }

    /// <summary>
    /// An Entra token of <see cref="TenantId"/> (v1 or v2 issuer), signed with <see cref="EntraKey"/>, shaped as
    /// Entra mints it for a client-credentials caller: v2 carries the caller in <c>azp</c> (and <c>ver</c> 2.0),
    /// v1 in <c>appid</c> (and <c>ver</c> 1.0).
    /// </summary>
    /// <param name="caller">The calling application's client id; null leaves the caller claim out.</param>
    public static string CreateEntra(DateTimeOffset now, bool v2 = true, string? serviceUrl = ServiceUrl, string tenantId = TenantId,
        string audience = BotAppId, string? caller = EntraCallerAppId)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenantId, ["ver"] = v2 ? "2.0" : "1.0", ["version"] = v2 ? "2.0" : "1.0" };
        if (v2)
        {
            claims["appid"] = "00000000-0000-0000-0000-000000000000"; // v2 tokens do not carry it; a wrong value proves azp is read
            if (caller is not null)
                claims["azp"] = caller;
        }
        else
        {
            claims["appid"] = caller ?? string.Empty;
        }

        return Create(now, serviceUrl,
            issuer: v2 ? $"https://login.microsoftonline.com/{tenantId}/v2.0" : $"https://sts.windows.net/{tenantId}/",
            audience: audience, key: EntraKey, extraClaims: claims);
    }

    /// <summary>The token with its signature's last characters altered.</summary>
    public static string TamperSignature(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var lastDot = token.LastIndexOf('.');
        var signature = token[(lastDot + 1)..].ToCharArray();
        signature[4] = signature[4] == 'A' ? 'B' : 'A';
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        return token[..(lastDot + 1)] + new string(signature);
    }

    /// <summary>The value of an Authorization header carrying <paramref name="token"/>.</summary>
    public static string Bearer(string token) => "Bearer " + token;

    /// <summary>
    /// A POST of <paramref name="activity"/> to <paramref name="path"/> with a valid channel token whose
    /// <c>serviceurl</c> claim is <paramref name="serviceUrlClaim"/> (default: the activity's serviceUrl).
    /// </summary>
    public static HttpRequestMessage SignedPost(string path, Activity activity, DateTimeOffset now, string? serviceUrlClaim = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var token = Create(now, serviceUrl: serviceUrlClaim ?? activity.ServiceUrl ?? ServiceUrl);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
