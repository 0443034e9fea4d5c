using System.Net;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// A POST (send or reply) may have been delivered: it timed out, the connection broke after sending,
/// or the connector answered 502, 504 or 503 without Retry-After. It was deliberately not re-sent,
/// since POST is not idempotent. Do not blindly resend; reconcile (for example by updating the stored
/// message id later) or accept a possible duplicate consciously.
/// </summary>
public sealed class ConnectorDeliveryUncertainException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorDeliveryUncertainException(string operation, HttpStatusCode? statusCode, string? errorCode, string? conversationId, Exception? innerException = null)
        : base($"Connector operation {operation} may have been delivered (maybe delivered): " +
               (statusCode is null ? "no response was received" : $"the connector answered {(int)statusCode} ({statusCode})") +
               ". It was not re-sent because POST is not idempotent.",
            operation, statusCode, errorCode, conversationId, innerException)
    {
    }

    /// <summary>Always true: the message may or may not have reached the conversation.</summary>
    public bool MaybeDelivered => true;
}
