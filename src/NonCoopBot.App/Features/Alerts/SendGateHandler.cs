using System.Net;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// In the alert connector's HTTP pipeline: a 429 (or a 503 with Retry-After) closes the shared
/// <see cref="SendGate"/> for its Retry-After (default 1 s), so every other send pauses too. The answer is
/// passed on unchanged; the alert worker re-queues the row for when the gate reopens (a 429 proves the POST
/// was not processed, so re-sending it later cannot duplicate). The pause is capped at <paramref name="maxRetryAfter"/>
/// (<c>Alerts:MaxRetryAfter</c>, default 5 minutes), so a huge or far-future Retry-After cannot stop alerts for long.
/// </summary>
public sealed class SendGateHandler(SendGate gate, TimeProvider time, TimeSpan? maxRetryAfter = null) : DelegatingHandler
{
    private readonly TimeSpan _max = maxRetryAfter ?? new AlertOptions().MaxRetryAfter;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
        {
            var retryAfter = response.Headers.RetryAfter;
            var wait = retryAfter?.Delta
                ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1));
            gate.Pause(wait > _max ? _max : wait);
        }

        return response;
    }
}
