using System.Net;
using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// In the alert connector's HTTP pipeline: a 429 (or a 503 with Retry-After) closes the shared
/// <see cref="SendGate"/> for its Retry-After (read by <see cref="RetryAfter"/>, the connector's own reader;
/// default 1 s), so every other send pauses too. The answer is passed on unchanged; the alert worker
/// re-queues the row for when the gate reopens (a 429 proves the POST was not processed, so re-sending it
/// later cannot duplicate). The pause is capped at <paramref name="maxRetryAfter"/> (<c>Alerts:MaxRetryAfter</c>,
/// default 5 minutes), so a huge or far-future Retry-After cannot stop alerts for long.
/// </summary>
public sealed class SendGateHandler(SendGate gate, TimeProvider time, TimeSpan? maxRetryAfter = null) : DelegatingHandler
{
    private readonly TimeSpan _max = maxRetryAfter ?? new AlertOptions().MaxRetryAfter;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var hasRetryAfter = RetryAfter.TryGetDelay(response, time.GetUtcNow(), out var wait);
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.ServiceUnavailable && hasRetryAfter))
        {
            if (!hasRetryAfter)
            {
                wait = TimeSpan.FromSeconds(1);
            }

            gate.Pause(wait > _max ? _max : wait);
        }

        return response;
    }
}
