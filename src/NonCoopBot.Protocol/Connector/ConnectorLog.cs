using Microsoft.Extensions.Logging;

namespace NonCoopBot.Protocol.Connector;

/// <summary>Source-generated log messages of the connector client. Never logs tokens or message text.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Connector {Method} answered {StatusCode}; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, int statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "Connector {Method} attempt failed without a response; retry {Attempt} in {Delay}")]
    public static partial void RetryingAfterTransportFailure(ILogger logger, Exception exception, string method, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 613, Level = LogLevel.Warning, Message = "Connector operation {Operation} failed with {StatusCode} (error code {ErrorCode})")]
    public static partial void OperationFailed(ILogger logger, string operation, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 614, Level = LogLevel.Warning, Message = "Connector operation {Operation} refused: the serviceUrl host {Host} is not trusted")]
    public static partial void UntrustedServiceUrl(ILogger logger, string operation, string host);
}
