using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// Retries connector calls the way Teams asks (429, 412, 502, 503, 504): honours Retry-After (seconds or
/// a date), otherwise exponential back-off with jitter, bounded by <see cref="ConnectorOptions"/>. Time
/// comes from <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// POST is not idempotent, so a POST is retried only when the status proves the connector did not
/// process it: 429, 412, or 503 with Retry-After. A POST that timed out or lost its connection after
/// sending throws <see cref="ConnectorDeliveryUncertainException"/>; a POST answered 502/504 is returned
/// as is (the client turns it into the same exception). PUT, DELETE and GET retry on all five statuses
/// and on transport failures.
/// </remarks>
public sealed class ConnectorRetryHandler : DelegatingHandler
{
    private readonly TimeProvider _time;
    private readonly ConnectorOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the handler (register it as transient).</summary>
    public ConnectorRetryHandler(TimeProvider time, IOptions<ConnectorOptions> options, ILogger<ConnectorRetryHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Tests only: the jitter factor source (0 ≤ x &lt; 1). The default is <see cref="Random.Shared"/>.</summary>
    internal Func<double> NextJitter { get; set; } = Random.Shared.NextDouble;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isPost = request.Method == HttpMethod.Post;
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(ex, timeout))
                {
                    var neverSent = ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                    if (isPost && !neverSent)
                        throw new ConnectorDeliveryUncertainException(request.Method.Method, null, null, null, ex);
                    if (attempt >= _options.MaxRetries)
                        throw new ConnectorException(request.Method.Method, null, null, null, ex);
                    var backOff = BackOff(attempt);
                    ConnectorLog.RetryingAfterTransportFailure(_logger, ex, request.Method.Method, attempt + 1, backOff);
                    await Task.Delay(backOff, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (attempt >= _options.MaxRetries || !ShouldRetry(response, isPost))
                return response;

            var delay = GetDelay(response, attempt);
            if (delay is null)
                return response; // the connector asks for a longer wait than we allow

            ConnectorLog.Retrying(_logger, request.Method.Method, (int)response.StatusCode, attempt + 1, delay.Value);
            response.Dispose();
            await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when <paramref name="response"/> may be retried for this method.</summary>
    internal static bool ShouldRetry(HttpResponseMessage response, bool isPost) => response.StatusCode switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed => true,
        HttpStatusCode.ServiceUnavailable => !isPost || response.Headers.RetryAfter is not null,
        HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => !isPost,
        _ => false,
    };

    private TimeSpan? GetDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? requested = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (requested is { } wait)
        {
            if (wait < TimeSpan.Zero)
                wait = TimeSpan.Zero;
            return wait <= _options.MaxRetryDelay ? wait : null;
        }

        return BackOff(attempt);
    }

    /// <summary>BaseDelay × 2^attempt, scaled by a jitter factor in [0.5, 1), capped at MaxRetryDelay.</summary>
    internal TimeSpan BackOff(int attempt)
    {
        var exponential = _options.BaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        var jittered = exponential * (0.5 + (NextJitter() / 2));
        return jittered < _options.MaxRetryDelay ? jittered : _options.MaxRetryDelay;
    }

    private static bool IsTransportFailure(Exception ex, CancellationTokenSource attemptTimeout) =>
        ex is HttpRequestException || (ex is OperationCanceledException && attemptTimeout.IsCancellationRequested);
}
