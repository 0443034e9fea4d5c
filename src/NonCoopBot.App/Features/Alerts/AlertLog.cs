using Microsoft.Extensions.Logging;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>Alert log messages (EventIds 4xx). Ids and states only: never message text or card inputs.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Alert {AlertId}: delivered to member {MemberId}")]
    public static partial void Delivered(ILogger logger, string alertId, string memberId);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Alert {AlertId}: member {MemberId} recorded as {State} (status {StatusCode}, attempt {Attempt})")]
    public static partial void NotDelivered(ILogger logger, string alertId, string memberId, string state, int? statusCode, int attempt);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Alert sends paused until {Until} (throttled by the connector)")]
    public static partial void Throttled(ILogger logger, DateTimeOffset until);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "{Count} alert deliveries were left sending by a stopped instance; recorded as uncertain (not re-sent)")]
    public static partial void Reconciled(ILogger logger, int count);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Alert {AlertId}: tracker for member {MemberId} not updated (status {StatusCode})")]
    public static partial void TrackerNotUpdated(ILogger logger, string alertId, string memberId, int? statusCode);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Alert {AlertId}: reminder {Number} to a member could not be delivered (status {StatusCode})")]
    public static partial void ReminderNotDelivered(ILogger logger, string alertId, int number, int? statusCode);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Alert {AlertId}: President told that {Count} member(s) have not acknowledged")]
    public static partial void Escalated(ILogger logger, string alertId, int count);

    [LoggerMessage(EventId = 407, Level = LogLevel.Error, Message = "Alert worker tick did not complete")]
    public static partial void TickError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Alert acknowledgement refused ({Reason}) for alert {AlertId} from sender {SenderAad}")]
    public static partial void AckRefused(ILogger logger, string reason, string alertId, string senderAad);

    [LoggerMessage(EventId = 409, Level = LogLevel.Error, Message = "Alert {AlertId}: unexpected error while sending to member {MemberId}; recorded as uncertain")]
    public static partial void SendError(ILogger logger, Exception exception, string alertId, string memberId);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Alert {AlertId}: the bot's outbound token could not be obtained; the delivery stays queued and is retried")]
    public static partial void TokenUnavailable(ILogger logger, Exception exception, string alertId);
}
