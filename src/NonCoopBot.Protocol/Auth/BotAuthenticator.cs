using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// Authenticates a request from the Bot Framework Connector, following the connector authentication
/// spec: RS256 token signed by a key from the channel's OpenID metadata, issuer
/// <c>https://api.botframework.com</c>, audience = the bot's app id, lifetime within 5 minutes of skew,
/// signing key endorsed for the activity's channel, and <c>serviceurl</c> claim equal to the activity's
/// serviceUrl. Entra-issued tokens of the bot's own tenant (v1 and v2 issuers) are accepted too, with
/// keys from the Entra metadata and a <c>tid</c> check instead of endorsements, and only from a caller
/// (<c>azp</c>, or <c>appid</c> in v1 tokens) listed in <c>Bot:AllowedCallers</c>.
/// On success the serviceUrl is recorded in <see cref="IServiceUrlTrust"/> so replies may go there.
/// </summary>
public sealed class BotAuthenticator
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client used to fetch OpenID metadata.</summary>
    public const string MetadataHttpClientName = "NonCoopBot.OpenIdMetadata";

    /// <summary>The issuer of tokens minted by the Bot Framework channel service.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The claim carrying the serviceUrl the token was issued for.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>The claim carrying an Entra token's tenant id.</summary>
    public const string TenantIdClaim = "tid";

    /// <summary>The caller's application id in a v2 Entra token.</summary>
    public const string AuthorizedPartyClaim = "azp";

    /// <summary>The caller's application id in a v1 Entra token.</summary>
    public const string AppIdClaim = "appid";

    /// <summary>How many distinct refused callers are remembered for the once-per-caller warning.</summary>
    internal const int MaxReportedCallers = 1000;

    private const string BearerPrefix = "Bearer ";
    private const string EndorsementsProperty = "endorsements";

    private readonly BotAuthenticationOptions _options;
    private readonly IServiceUrlTrust _trust;
    private readonly TimeProvider _time;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly OpenIdKeyCache _botFrameworkKeys;
    private readonly OpenIdKeyCache? _entraKeys;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, byte> _reportedCallers = new(StringComparer.OrdinalIgnoreCase);

    // The tenant's Entra issuers, and per signing key its validation parameters and the tokens it already verified (a key
    // object belongs to one authority's cache and lives until that authority's metadata is refreshed: a refresh makes
    // new key objects, so nothing verified with a key outlives the key set it came from).
    private readonly string[] _entraIssuers;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonWebKey, SigningKeyState> _keyStates = new();
    private long _signatureValidations;

    /// <summary>Creates the authenticator. Register it as a singleton: it owns the signing-key caches.</summary>
    public BotAuthenticator(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        IServiceUrlTrust trust,
        TimeProvider time,
        ILogger<BotAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _options = options.Value;
        _trust = trust ?? throw new ArgumentNullException(nameof(trust));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _entraIssuers = EntraIssuers(_options.TenantId);

        HttpClient CreateClient() => httpClientFactory.CreateClient(MetadataHttpClientName);
        _botFrameworkKeys = new OpenIdKeyCache(_options.OpenIdMetadataUrl, CreateClient, _options.AllowHttpMetadataOnLoopback,
            time, _options.MetadataRefreshInterval, _options.MinimumForcedRefreshInterval, logger);
        var entraUrl = _options.GetEntraOpenIdMetadataUrl();
        if (entraUrl is not null)
        {
            _entraKeys = new OpenIdKeyCache(entraUrl, CreateClient, _options.AllowHttpMetadataOnLoopback,
                time, _options.MetadataRefreshInterval, _options.MinimumForcedRefreshInterval, logger);
        }
    }

    /// <summary>
    /// Validates <paramref name="authorizationHeader"/> (the raw <c>Authorization</c> header value) for
    /// <paramref name="activity"/>. Never throws for a bad token; returns a failed result instead.
    /// </summary>
    public async Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = await AuthenticateCoreAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            if (result.ServiceUrl is not null)
                _trust.Trust(result.ServiceUrl);
        }
        else
        {
            AuthLog.RequestRejected(_logger, result.StatusCode, result.FailureReason!);
        }

        return result;
    }

    private async Task<BotAuthenticationResult> AuthenticateCoreAsync(string? header, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(header))
            return BotAuthenticationResult.Unauthorized(AuthFailureReasons.MissingAuthorization);
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return BotAuthenticationResult.Unauthorized(AuthFailureReasons.MalformedAuthorization);
        var token = header[BearerPrefix.Length..].Trim();
        if (token.Length == 0)
            return BotAuthenticationResult.Unauthorized(AuthFailureReasons.MalformedAuthorization);

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return BotAuthenticationResult.Unauthorized(AuthFailureReasons.MalformedToken);
        }

        if (string.IsNullOrWhiteSpace(_options.AppId))
            return BotAuthenticationResult.Forbidden(AuthFailureReasons.NotConfigured);

        // Pick the authority from the (not yet trusted) issuer; the issuer is validated again below.
        var issuer = jwt.Issuer;
        var isBotFramework = string.Equals(issuer, BotFrameworkIssuer, StringComparison.Ordinal);
        var isEntra = !isBotFramework && _entraKeys is not null && _entraIssuers.Contains(issuer, StringComparer.Ordinal);
        if (!isBotFramework && !isEntra)
            return BotAuthenticationResult.Forbidden(AuthFailureReasons.InvalidIssuer);
        var keyCache = isBotFramework ? _botFrameworkKeys : _entraKeys!;

        if (string.IsNullOrEmpty(jwt.Kid))
            return BotAuthenticationResult.Forbidden(AuthFailureReasons.MissingKeyId);

        JsonWebKey? signingKey;
        try
        {
            var keys = await keyCache.GetKeysAsync(cancellationToken).ConfigureAwait(false);
            signingKey = FindKey(keys, jwt.Kid);
            if (signingKey is null)
            {
                keys = await keyCache.RefreshForUnknownKeyAsync(keys, jwt.Kid, cancellationToken).ConfigureAwait(false);
                signingKey = FindKey(keys, jwt.Kid);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return BotAuthenticationResult.Forbidden(AuthFailureReasons.MetadataUnavailable);
        }

        if (signingKey is null)
            return BotAuthenticationResult.Forbidden(AuthFailureReasons.UnknownSigningKey);

        if (!_keyStates.TryGetValue(signingKey, out var keyState))
        {
            keyState = new SigningKeyState(ValidationParameters(signingKey, isBotFramework ? [BotFrameworkIssuer] : _entraIssuers));
            _keyStates.AddOrUpdate(signingKey, keyState);
        }

        // Signature, algorithm, issuer and audience depend only on the token's exact text and the key: the connector sends
        // the same token for many requests, so a token this key already verified is not verified again. Everything that
        // depends on the time or the request (lifetime, endorsements, tenant, caller, serviceUrl) is checked every time.
        if (!keyState.TryGetVerified(token, out var validation))
        {
            Interlocked.Increment(ref _signatureValidations);
            // The token read above is validated as is (not parsed a second time from its text).
            validation = await _handler.ValidateTokenAsync(jwt, keyState.Parameters).ConfigureAwait(false);
            if (!validation.IsValid)
                return BotAuthenticationResult.Forbidden(MapFailure(validation.Exception));
            keyState.RememberVerified(token, validation);
        }

        var lifetimeFailure = CheckLifetime(jwt, _time.GetUtcNow(), _options.ClockSkew);
        if (lifetimeFailure is not null)
            return BotAuthenticationResult.Forbidden(lifetimeFailure);

        // Claims are read from the validated token itself: building its ClaimsIdentity costs allocations a turn does not need.
        var validated = (JsonWebToken)validation.SecurityToken;
        string? Claim(string name) => validated.TryGetPayloadValue<string>(name, out var value) ? value : null;
        var serviceUrlClaim = Claim(ServiceUrlClaim);

        if (isBotFramework)
        {
            if (!IsEndorsedFor(signingKey, activity.ChannelId))
                return BotAuthenticationResult.Forbidden(AuthFailureReasons.ChannelNotEndorsed);
            if (serviceUrlClaim is null)
                return BotAuthenticationResult.Forbidden(AuthFailureReasons.MissingServiceUrlClaim);
        }
        else
        {
            var tenant = Claim(TenantIdClaim);
            if (!string.Equals(tenant, _options.TenantId, StringComparison.OrdinalIgnoreCase))
                return BotAuthenticationResult.Forbidden(AuthFailureReasons.InvalidTenant);

            // Any application of the tenant can get a token for the bot's app id: only listed callers are Teams.
            var v1 = issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal);
            var caller = Claim(v1 ? AppIdClaim : AuthorizedPartyClaim);
            if (string.IsNullOrWhiteSpace(caller) || !_options.AllowedCallers.Contains(caller, StringComparer.OrdinalIgnoreCase))
            {
                ReportRefusedCaller(caller, issuer);
                return BotAuthenticationResult.Forbidden(AuthFailureReasons.CallerNotAllowed);
            }
        }

        if (serviceUrlClaim is not null && !ServiceUrls.AreEquivalent(serviceUrlClaim, activity.ServiceUrl))
            return BotAuthenticationResult.Forbidden(AuthFailureReasons.ServiceUrlMismatch);

        // A verified token's result is shared by the requests that carry it: each gets its own copy of the identity.
        return BotAuthenticationResult.Success(() => validation.ClaimsIdentity.Clone(), serviceUrlClaim);
    }

    /// <summary>How many times a token's signature was verified (a token already verified with the same key is not).</summary>
    internal long SignatureValidations => Interlocked.Read(ref _signatureValidations);

    /// <summary>One signing key's validation parameters and the tokens it verified (at most <see cref="MaxVerifiedTokens"/>).</summary>
    private sealed class SigningKeyState(TokenValidationParameters parameters)
    {
        /// <summary>The connector uses a few tokens at a time (each valid for an hour): more than this starts the set again.</summary>
        public const int MaxVerifiedTokens = 64;

        private readonly ConcurrentDictionary<string, TokenValidationResult> _verified = new(StringComparer.Ordinal);

        public TokenValidationParameters Parameters { get; } = parameters;

        public bool TryGetVerified(string token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TokenValidationResult? result) =>
            _verified.TryGetValue(token, out result);

        public void RememberVerified(string token, TokenValidationResult result)
        {
            if (_verified.Count >= MaxVerifiedTokens)
                _verified.Clear();
            _verified[token] = result;
        }
    }

    /// <summary>Logs a refused Entra caller at Warning, once per caller: its app id and the issuer, nothing else of the token.</summary>
    private void ReportRefusedCaller(string? caller, string issuer)
    {
        var id = Guid.TryParse(caller, out var guid) ? guid.ToString("D") : "(missing or not an app id)";
        if (_reportedCallers.Count < MaxReportedCallers && _reportedCallers.TryAdd(id, 0))
            AuthLog.CallerNotAllowed(_logger, id, issuer);
    }

    /// <summary>
    /// Checks <c>exp</c> (required) and <c>nbf</c> (optional) against <paramref name="now"/> with
    /// <paramref name="clockSkew"/>. Returns a reason code, or null when the lifetime is fine.
    /// </summary>
    public static string? CheckLifetime(JsonWebToken jwt, DateTimeOffset now, TimeSpan clockSkew)
    {
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
            return AuthFailureReasons.InvalidLifetime;
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        DateTimeOffset? notBefore = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf)
            ? DateTimeOffset.FromUnixTimeSeconds(nbf)
            : null;
        if (notBefore > expires)
            return AuthFailureReasons.InvalidLifetime;
        if (notBefore is { } start && now + clockSkew < start)
            return AuthFailureReasons.TokenNotYetValid;
        if (now - clockSkew >= expires)
            return AuthFailureReasons.TokenExpired;
        return null;
    }

    private TokenValidationParameters ValidationParameters(JsonWebKey signingKey, string[] validIssuers) => new()
    {
        ValidIssuers = validIssuers,
        ValidAudiences = [_options.AppId, $"api://{_options.AppId}"],
        IssuerSigningKeys = [signingKey],
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        // Lifetime is checked against TimeProvider after validation (TokenValidationParameters.TimeProvider is not public in 8.23).
        ValidateLifetime = false,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = _options.ClockSkew,
        TryAllIssuerSigningKeys = false,
        NameClaimType = "sub",
    };

    /// <summary>The issuers Entra uses for the tenant: v1 (<c>sts.windows.net</c>) and v2.</summary>
    internal static string[] EntraIssuers(string? tenantId) =>
        string.IsNullOrWhiteSpace(tenantId)
            ? []
            : [$"https://sts.windows.net/{tenantId}/", $"https://login.microsoftonline.com/{tenantId}/v2.0"];

    /// <summary>True when the key's <c>endorsements</c> include <paramref name="channelId"/>.</summary>
    internal static bool IsEndorsedFor(JsonWebKey key, string? channelId)
    {
        if (string.IsNullOrEmpty(channelId))
            return false;
        // A key's endorsements are read once per key object (keys are replaced, not changed, when metadata is refreshed).
        var endorsements = Endorsements.GetValue(key, static k =>
            k.AdditionalData.TryGetValue(EndorsementsProperty, out var value) && value is not null ? ReadEndorsements(value).ToArray() : []);
        return endorsements.Any(e => string.Equals(e, channelId, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonWebKey, string?[]> Endorsements = new();

    private static IEnumerable<string?> ReadEndorsements(object value) => value switch
    {
        string single => [single],
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()),
        JsonElement { ValueKind: JsonValueKind.String } text => [text.GetString()],
        System.Collections.IEnumerable items => items.Cast<object?>().Select(i => i switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        }),
        _ => [],
    };

    private static JsonWebKey? FindKey(IReadOnlyList<JsonWebKey> keys, string kid) =>
        keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));

    private static string MapFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => AuthFailureReasons.TokenExpired,
        SecurityTokenNotYetValidException => AuthFailureReasons.TokenNotYetValid,
        SecurityTokenNoExpirationException => AuthFailureReasons.InvalidLifetime,
        SecurityTokenInvalidLifetimeException => AuthFailureReasons.InvalidLifetime,
        SecurityTokenInvalidAudienceException => AuthFailureReasons.InvalidAudience,
        SecurityTokenInvalidIssuerException => AuthFailureReasons.InvalidIssuer,
        SecurityTokenInvalidAlgorithmException => AuthFailureReasons.InvalidAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => AuthFailureReasons.UnknownSigningKey,
        SecurityTokenInvalidSignatureException => AuthFailureReasons.InvalidSignature,
        SecurityTokenMalformedException => AuthFailureReasons.MalformedToken,
        _ => AuthFailureReasons.InvalidToken,
    };
}
