using System.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NonCoopBot.App.Diagnostics;

/// <summary>
/// OpenTelemetry traces and metrics, switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting
/// (environment variable or configuration key). The other standard <c>OTEL_*</c> variables (protocol,
/// headers, export interval) are read by the SDK. Off: nothing is registered and nothing is exported.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Times every request to the messaging endpoint as a turn (a span and the turn metrics).</summary>
    public static IApplicationBuilder UseTurnTelemetry(this IApplicationBuilder app, TimeProvider time) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api/messages", StringComparison.Ordinal))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            using var activity = BotTelemetry.Source.StartActivity("turn", ActivityKind.Internal);
            var started = time.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                activity?.SetTag("http.response.status_code", context.Response.StatusCode);
                BotTelemetry.TurnCompleted(context.Response.StatusCode, time.GetElapsedTime(started));
            }
        });
}
