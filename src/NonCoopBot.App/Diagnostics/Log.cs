namespace NonCoopBot.App.Diagnostics;

/// <summary>Source-generated log messages of the host. Never message text or card inputs at Information or above.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "ANONYMOUS MODE: no Bot:AppId is configured, so requests from loopback are accepted WITHOUT authentication. This is for local development with the Agents Playground only; never expose this instance.")]
    public static partial void AnonymousModeAnnounced(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Anonymous request accepted (Development, loopback, no app id)")]
    public static partial void AnonymousRequest(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Request refused: no Bot:AppId is configured and anonymous access is allowed only in Development from loopback")]
    public static partial void AnonymousRefused(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Request refused with {StatusCode}: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Malformed activity refused with 400")]
    public static partial void MalformedActivity(ILogger logger);
}
