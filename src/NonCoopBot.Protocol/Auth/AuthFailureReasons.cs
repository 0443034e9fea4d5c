namespace NonCoopBot.Protocol.Auth;

/// <summary>The reason codes a failed <see cref="BotAuthenticationResult"/> carries. Safe to log.</summary>
public static class AuthFailureReasons
{
    /// <summary>401: no Authorization header.</summary>
    public const string MissingAuthorization = "missing_authorization";
    /// <summary>401: the header is not <c>Bearer &lt;token&gt;</c>.</summary>
    public const string MalformedAuthorization = "malformed_authorization";
    /// <summary>401: the bearer token is not a JWT.</summary>
    public const string MalformedToken = "malformed_token";
    /// <summary>403: the bot has no app id configured, so no token can be valid.</summary>
    public const string NotConfigured = "auth_not_configured";
    /// <summary>403: the issuer is not one the bot accepts.</summary>
    public const string InvalidIssuer = "invalid_issuer";
    /// <summary>403: the audience is not the bot's app id.</summary>
    public const string InvalidAudience = "invalid_audience";
    /// <summary>403: the token has expired (beyond the clock skew).</summary>
    public const string TokenExpired = "token_expired";
    /// <summary>403: the token is not valid yet (beyond the clock skew).</summary>
    public const string TokenNotYetValid = "token_not_yet_valid";
    /// <summary>403: the token has no expiry or an inconsistent lifetime.</summary>
    public const string InvalidLifetime = "invalid_lifetime";
    /// <summary>403: the token has no key id.</summary>
    public const string MissingKeyId = "missing_key_id";
    /// <summary>403: no published signing key has the token's key id, even after a metadata refresh.</summary>
    public const string UnknownSigningKey = "unknown_signing_key";
    /// <summary>403: the signature does not verify.</summary>
    public const string InvalidSignature = "invalid_signature";
    /// <summary>403: the token is not signed with RS256.</summary>
    public const string InvalidAlgorithm = "invalid_algorithm";
    /// <summary>403: the signing key is not endorsed for the activity's channel.</summary>
    public const string ChannelNotEndorsed = "channel_not_endorsed";
    /// <summary>403: the token has no <c>serviceurl</c> claim.</summary>
    public const string MissingServiceUrlClaim = "missing_serviceurl_claim";
    /// <summary>403: the token's <c>serviceurl</c> claim differs from the activity's serviceUrl.</summary>
    public const string ServiceUrlMismatch = "serviceurl_mismatch";
    /// <summary>403: an Entra token's <c>tid</c> is not the bot's tenant.</summary>
    public const string InvalidTenant = "invalid_tenant";
    /// <summary>403: the signing keys could not be fetched.</summary>
    public const string MetadataUnavailable = "metadata_unavailable";
    /// <summary>403: an Entra-issued token from an application not on <c>Bot:AllowedCallers</c>.</summary>
    public const string CallerNotAllowed = "caller_not_allowed";
    /// <summary>403: the activity's channel is not on <c>Bot:AllowedChannels</c>.</summary>
    public const string ChannelNotAllowed = "channel_not_allowed";
    /// <summary>403: the activity's tenant is neither <c>Bot:TenantId</c> nor on <c>Bot:AllowedTenants</c>.</summary>
    public const string TenantNotAllowed = "tenant_not_allowed";
    /// <summary>403: the activity's serviceUrl is not https on a host of <c>Bot:TrustedServiceUrlHosts</c>.</summary>
    public const string ServiceUrlNotTrusted = "serviceurl_not_trusted";
    /// <summary>403: any other validation failure.</summary>
    public const string InvalidToken = "invalid_token";
}
