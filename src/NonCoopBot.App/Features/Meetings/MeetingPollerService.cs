using Microsoft.Extensions.Options;

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
public sealed partial class MeetingPollerService(MeetingPoller poller, MeetingWakeSignal wake, IOptions<MeetingOptions> options, ILogger<MeetingPollerService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
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

    [LoggerMessage(EventId = 912, Level = LogLevel.Error, Message = "Meeting poll tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
