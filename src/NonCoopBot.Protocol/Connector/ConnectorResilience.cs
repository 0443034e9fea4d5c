using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Fallback;
using Polly.Telemetry;
using Polly.Timeout;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The resilience pipeline of the connector's HTTP client (Microsoft.Extensions.Http.Resilience, Polly):
/// retries the way Teams asks (429, 412, 502, 503, 504), honours Retry-After (read by <see cref="RetryAfter"/>),
/// otherwise waits BaseDelay × 2^retry with jitter, all bounded by <see cref="ConnectorOptions"/>. Time comes
/// from the registered <see cref="TimeProvider"/> (the pipeline builder takes it from DI).
/// </summary>
/// <remarks>
/// <para>POST is not idempotent, so a POST is retried only when the answer proves the connector did not
/// process it (429, 412, or 503 with Retry-After) or when it could not connect at all. A POST that timed
/// out or lost its connection after sending throws <see cref="ConnectorDeliveryUncertainException"/>; a
/// POST answered 502/504 (or 503 without Retry-After) is returned as is (<see cref="ConnectorClient"/>
/// turns it into the same exception). PUT, DELETE and GET retry on all five statuses and on transport
/// failures and attempt time-outs. A Retry-After longer than MaxRetryDelay is not waited for: the answer
/// is returned as is.</para>
/// <para>Strategies, outermost first: a fallback that turns a final transport failure into a
/// <see cref="ConnectorException"/> (or <see cref="ConnectorDeliveryUncertainException"/>), the retry, and
/// the per-attempt timeout (AttemptTimeout).</para>
/// </remarks>
internal static class ConnectorResilience
{
    /// <summary>The pipeline's name on the connector client.</summary>
    public const string PipelineName = "connector";

    /// <summary>Builds the pipeline (the callback of <c>AddResilienceHandler</c>).</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience));

        builder.AddFallback(new FallbackStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(IsTransportFailure(args.Outcome, args.Context)),
            FallbackAction = args => Outcome.FromExceptionAsValueTask<HttpResponseMessage>(ToConnectorException(args.Context, args.Outcome.Exception!)),
        });

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time.GetUtcNow())),
                // Replaces the package's own Retry-After reader, which reads the system clock.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(args.Outcome, args.AttemptNumber, options, time.GetUtcNow())),
                OnRetry = args =>
                {
                    var method = Method(args.Context);
                    if (args.Outcome.Result is { } response)
                        ConnectorLog.Retrying(logger, method, (int)response.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                    else
                        ConnectorLog.RetryingAfterTransportFailure(logger, args.Outcome.Exception!, method, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// Polly logs every execution attempt, at Information when it was not handled (a send that simply worked): one log
    /// line per reply, on the turn's hot path. Those become Debug; retried and failed attempts keep their severity
    /// (Warning and above), and the pipeline's own retry log stays as it is.
    /// </summary>
    public static void QuietAttempts(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SeverityProvider = args =>
            args.Event.EventName == "ExecutionAttempt" && args.Event.Severity == ResilienceEventSeverity.Information
                ? ResilienceEventSeverity.Debug
                : args.Event.Severity;
    }

    /// <summary>True when this outcome may be retried: see the remarks of the class.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ConnectorOptions options, DateTimeOffset now)
    {
        var isPost = IsPost(context);
        if (outcome.Result is not { } response)
            return IsTransportFailure(outcome, context) && (!isPost || NeverSent(outcome.Exception!));

        var hasRetryAfter = RetryAfter.TryGetDelay(response, now, out var requested);
        if (hasRetryAfter && requested > options.MaxRetryDelay)
            return false; // the connector asks for a longer wait than we allow
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed => true,
            HttpStatusCode.ServiceUnavailable => !isPost || hasRetryAfter,
            HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => !isPost,
            _ => false,
        };
    }

    /// <summary>The Retry-After of the answer when it has one, otherwise BaseDelay × 2^retry × [0.5, 1), at most MaxRetryDelay.</summary>
    private static TimeSpan Delay(Outcome<HttpResponseMessage> outcome, int attempt, ConnectorOptions options, DateTimeOffset now)
    {
        if (outcome.Result is { } response && RetryAfter.TryGetDelay(response, now, out var requested))
            return requested;
        var exponential = options.BaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        var jittered = exponential * (0.5 + (Random.Shared.NextDouble() / 2));
        return jittered < options.MaxRetryDelay ? jittered : options.MaxRetryDelay;
    }

    /// <summary>No answer (the connection failed or the attempt timed out), and not because the caller cancelled.</summary>
    private static bool IsTransportFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException && !context.CancellationToken.IsCancellationRequested;

    /// <summary>The request never left: the connection could not be made.</summary>
    internal static bool NeverSent(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static ConnectorException ToConnectorException(ResilienceContext context, Exception exception) =>
        IsPost(context) && !NeverSent(exception)
            ? new ConnectorDeliveryUncertainException(Method(context), null, null, null, exception)
            : new ConnectorException(Method(context), null, null, null, exception);

    private static bool IsPost(ResilienceContext context) => context.GetRequestMessage()?.Method == HttpMethod.Post;

    private static string Method(ResilienceContext context) => context.GetRequestMessage()?.Method.Method ?? "?";
}
