using System.Security.Claims;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// The outcome of authenticating an inbound request. On failure it carries the HTTP status to answer
/// (401 for a missing or malformed header, 403 for any failed check) and a short reason code from
/// <see cref="AuthFailureReasons"/>; never the token.
/// </summary>
public sealed class BotAuthenticationResult
{
    private readonly Lazy<ClaimsIdentity>? _identity;

    private BotAuthenticationResult(int statusCode, string? failureReason, Lazy<ClaimsIdentity>? identity, string? serviceUrl)
    {
        StatusCode = statusCode;
        FailureReason = failureReason;
        _identity = identity;
        ServiceUrl = serviceUrl;
    }

    /// <summary>True when every check passed.</summary>
    public bool Succeeded => FailureReason is null;

    /// <summary>200 on success, 401 or 403 on failure.</summary>
    public int StatusCode { get; }

    /// <summary>A short reason code (see <see cref="AuthFailureReasons"/>), or null on success.</summary>
    public string? FailureReason { get; }

    /// <summary>The validated token's claims, or null on failure (built on first read: a turn does not need it).</summary>
    public ClaimsIdentity? Identity => _identity?.Value;

    /// <summary>
    /// The token's <c>serviceurl</c> claim (already checked against the activity's serviceUrl), or null
    /// on failure or when an Entra-issued token carries no such claim.
    /// </summary>
    public string? ServiceUrl { get; }

    /// <summary>A successful result.</summary>
    public static BotAuthenticationResult Success(Func<ClaimsIdentity> identity, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(200, null, new Lazy<ClaimsIdentity>(identity), serviceUrl);
    }

    /// <summary>A 401 result: the Authorization header is missing or malformed.</summary>
    public static BotAuthenticationResult Unauthorized(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(401, reason, null, null);
    }

    /// <summary>A 403 result: a check on the token failed.</summary>
    public static BotAuthenticationResult Forbidden(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(403, reason, null, null);
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? "Succeeded" : $"{StatusCode} {FailureReason}";
}
