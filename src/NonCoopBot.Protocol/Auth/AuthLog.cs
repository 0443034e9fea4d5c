using Microsoft.Extensions.Logging;

namespace NonCoopBot.Protocol.Auth;

/// <summary>Source-generated log messages of the authentication code. Never logs tokens.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Inbound request rejected with {StatusCode}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Entra-issued token refused: caller application {CallerAppId} (issuer {Issuer}) is not in Bot:AllowedCallers. If this is Teams traffic, add the app id to Bot:AllowedCallers. Logged once per caller.")]
    public static partial void CallerNotAllowed(ILogger logger, string callerAppId, string issuer);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Signing key {KeyId} is unknown; refreshing metadata from {MetadataUrl}")]
    public static partial void RefreshingForUnknownKey(ILogger logger, string keyId, string metadataUrl);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Fetching OpenID metadata from {MetadataUrl} failed")]
    public static partial void MetadataFetchFailed(ILogger logger, Exception exception, string metadataUrl);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug, Message = "Outbound Bot Framework token acquired; cached until {RefreshAfter}")]
    public static partial void OutboundTokenAcquired(ILogger logger, DateTimeOffset refreshAfter);

    [LoggerMessage(EventId = 605, Level = LogLevel.Error, Message = "Acquiring the outbound Bot Framework token failed: {ErrorCode}")]
    public static partial void OutboundTokenFailed(ILogger logger, Exception exception, string errorCode);
}
