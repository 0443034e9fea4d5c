using System.Net;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// Decides whether an unauthenticated request may be processed (local testing with the Agents
/// Playground or the Emulator, where the bot has no credentials). There is no switch to turn
/// validation off otherwise.
/// </summary>
public static class AnonymousAccess
{
    /// <summary>
    /// True only when no app id is configured, the host runs in Development and the caller is on a
    /// loopback address. Callers should log loudly when this lets a request through, and must still
    /// trust the activity's serviceUrl explicitly (<see cref="Connector.IServiceUrlTrust.Trust"/>)
    /// before replying.
    /// </summary>
    public static bool IsAllowed(string? appId, bool isDevelopment, IPAddress? remoteIp) =>
        IsAllowed(appId, isDevelopment, remoteIp, carriesForwardingHeaders: false);

    /// <summary>
    /// As <see cref="IsAllowed(string?, bool, IPAddress?)"/>, and false when the request carries
    /// <c>X-Forwarded-For</c> or <c>Forwarded</c>: behind a local proxy or tunnel every caller looks local.
    /// </summary>
    public static bool IsAllowed(string? appId, bool isDevelopment, IPAddress? remoteIp, bool carriesForwardingHeaders)
    {
        if (carriesForwardingHeaders)
            return false;
        if (!string.IsNullOrWhiteSpace(appId) || !isDevelopment || remoteIp is null)
            return false;
        var address = remoteIp.IsIPv4MappedToIPv6 ? remoteIp.MapToIPv4() : remoteIp;
        return IPAddress.IsLoopback(address);
    }
}
