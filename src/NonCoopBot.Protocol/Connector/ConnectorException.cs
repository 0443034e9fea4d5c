using System.Net;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The connector answered with a non-success status (or could not be reached). The message names
/// the operation, the status and the connector's error code, never the response body's text.
/// </summary>
public class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorException(string operation, HttpStatusCode? statusCode, string? errorCode, string? conversationId, Exception? innerException = null)
        : base(FormatMessage(operation, statusCode, errorCode), innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ConversationId = conversationId;
    }

    /// <summary>Creates the exception with a custom message.</summary>
    protected ConnectorException(string message, string operation, HttpStatusCode? statusCode, string? errorCode, string? conversationId, Exception? innerException)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ConversationId = conversationId;
    }

    /// <summary>The connector operation, e.g. <c>SendToConversation</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, or null when no response was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The connector's <c>error.code</c>, when the body had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The conversation the call was about, when there was one.</summary>
    public string? ConversationId { get; }

    private static string FormatMessage(string operation, HttpStatusCode? statusCode, string? errorCode) =>
        statusCode is null
            ? $"Connector operation {operation} failed without a response."
            : $"Connector operation {operation} failed with {(int)statusCode} ({statusCode})" +
              (errorCode is null ? "." : $", error code {errorCode}.");
}
