using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NonCoopBot.App.Diagnostics;

/// <summary>
/// The bot's own traces and metrics (source and meter <c>NonCoopBot</c>): turns, alert sends,
/// acknowledgements and the alert queue depth. Exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (<see cref="TelemetryServiceCollectionExtensions"/>); without a
/// listener every call here is a no-op. No message text or card input is ever put in a tag.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "NonCoopBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("noncoopbot.turns", "{turn}", "Activities received on /api/messages, by HTTP status.");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("noncoopbot.turn.duration", "ms", "Time to answer an activity on /api/messages.");

    private static readonly Counter<long> Sends = Meter.CreateCounter<long>("noncoopbot.alerts.sends", "{send}", "Alert delivery outcomes (sent, queued again, failed, blocked, uncertain).");

    private static readonly Counter<long> Acknowledgements = Meter.CreateCounter<long>("noncoopbot.alerts.acknowledgements", "{acknowledgement}", "Alert acknowledgements recorded.");

    private static readonly ObservableGauge<long> QueueDepthGauge = Meter.CreateObservableGauge("noncoopbot.alerts.queue_depth", () => Interlocked.Read(ref _queueDepth), "{delivery}", "Alert deliveries queued or being sent, as of the worker's last tick.");

    private static long _queueDepth;

    /// <summary>True when someone listens to the queue depth (the worker only counts rows then).</summary>
    public static bool QueueDepthEnabled => QueueDepthGauge.Enabled;

    public static void TurnCompleted(int statusCode, TimeSpan elapsed)
    {
        var status = new KeyValuePair<string, object?>("http.response.status_code", statusCode);
        Turns.Add(1, status);
        TurnDuration.Record(elapsed.TotalMilliseconds, status);
    }

    public static void AlertSend(string outcome) => Sends.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void AlertAcknowledged() => Acknowledgements.Add(1);

    public static void QueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);
}
