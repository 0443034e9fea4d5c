using Microsoft.Extensions.Options;
using NonCoopBot.Infrastructure.Graph;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>Wakes the poller at once (a new meeting, a vote, a booking tap).</summary>
public sealed class MeetingWakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Runs <see cref="MeetingPoller.RunOnceAsync"/> when woken and at least every 30 seconds (due meetings only).</summary>
public sealed partial class MeetingPollerService(MeetingPoller poller, MeetingWakeSignal wake, IOptions<MeetingOptions> options, IOptions<GraphOptions> graph, ILogger<MeetingPollerService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var g = graph.Value;
        if (!g.IsEnabled)
        {
            LogVotesOnly(logger);
        }
        else if (g.IsAnonymous)
        {
            LogAnonymousGraph(logger, g.BaseUrl);
        }

        return options.Value.RunPoller ? base.StartAsync(cancellationToken) : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await poller.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await wake.WaitAsync(Tick, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTickFailed(logger, ex);
                await wake.WaitAsync(Tick, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "Graph is in ANONYMOUS local mode: no credentials, Development, loopback Graph:BaseUrl {BaseUrl}; requests go without a token")]
    private static partial void LogAnonymousGraph(ILogger logger, string baseUrl);

    [LoggerMessage(EventId = 911, Level = LogLevel.Information, Message = "Graph is not configured (Graph:OrganizerMailbox): emergency meetings take availability from votes alone")]
    private static partial void LogVotesOnly(ILogger logger);

    [LoggerMessage(EventId = 912, Level = LogLevel.Error, Message = "Meeting poll tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
