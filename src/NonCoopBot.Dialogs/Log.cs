using Microsoft.Extensions.Logging;

namespace NonCoopBot.Dialogs;

/// <summary>Source-generated log messages. Never message text, card inputs or names at Information or above.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Turn routed to {Route}")]
    public static partial void Routed(ILogger logger, string route);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Duplicate activity ignored")]
    public static partial void Duplicate(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Turn failed ({ExceptionType})")]
    public static partial void TurnFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Turn exceeded its time budget of {Budget}")]
    public static partial void TurnTimedOut(ILogger logger, TimeSpan budget);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "No route for activity type {ActivityType}")]
    public static partial void Unrouted(ILogger logger, string activityType);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Conversation reference stored for a user (it changed)")]
    public static partial void ReferenceStored(ILogger logger);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Could not send the apology after a failed turn")]
    public static partial void ApologyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Request aborted during the turn; the activity was released for re-delivery")]
    public static partial void TurnAborted(ILogger logger);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Dialog state changed concurrently; the user was asked to retry")]
    public static partial void DialogConflict(ILogger logger);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Proactive send refused by Teams: the user has blocked or uninstalled the bot")]
    public static partial void Blocked(ILogger logger);
}
