using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NonCoopBot.App.Tests.Diagnostics;

/// <summary>
/// OpenTelemetry is switched on by OTEL_EXPORTER_OTLP_ENDPOINT: a `help` turn through real HTTP then reaches a
/// loopback OTLP/HTTP collector as a "turn" span and the noncoopbot.turns / noncoopbot.turn.duration metrics.
/// Without the setting nothing is registered.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _received = new();
    private BotTestEnvironment _world = null!;
    private WebApplication _collector = null!;
    private Uri _collectorUrl = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await BotTestEnvironment.StartAsync(Ct);
        (_collector, _collectorUrl) = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _received.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }, certificate: null, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task With_the_OTLP_endpoint_a_turn_is_exported_as_a_span_and_metrics()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            HostSettings = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collectorUrl.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
        });
        using var client = bot.StartClient();

        using var response = await client.SendAsync(bot.SignedPost(_world.Message("help", "a:telemetry").Build()), Ct);
        response.EnsureSuccessStatusCode();
        Assert.True(bot.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(bot.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        var traces = Bodies("/v1/traces");
        Assert.Contains("NonCoopBot", traces, StringComparison.Ordinal); // the activity source
        Assert.Contains("turn", traces, StringComparison.Ordinal);
        var metrics = Bodies("/v1/metrics");
        Assert.Contains("noncoopbot.turns", metrics, StringComparison.Ordinal);
        Assert.Contains("noncoopbot.turn.duration", metrics, StringComparison.Ordinal);
        Assert.All(_received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.DoesNotContain("help", traces + metrics, StringComparison.Ordinal); // no message text in telemetry
    }

    [Fact]
    public void Without_the_endpoint_no_telemetry_is_registered()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();

        Assert.Null(bot.Services.GetService<TracerProvider>());
        Assert.Null(bot.Services.GetService<MeterProvider>());
    }

    private string Bodies(string path)
    {
        var bodies = _received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.True(bodies.Count > 0, $"the collector received nothing on {path}; it got: {string.Join(", ", _received.Select(r => r.Path))}");
        return string.Concat(bodies);
    }
}
