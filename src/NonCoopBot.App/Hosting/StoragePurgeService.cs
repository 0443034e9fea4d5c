using NonCoopBot.Dialogs.State;

namespace NonCoopBot.App.Hosting;

/// <summary>Deletes expired storage items (remembered activity ids, abandoned dialogs) once an hour.</summary>
internal sealed partial class StoragePurgeService(IStorage storage, TimeProvider time, ILogger<StoragePurgeService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>One purge; what the timer runs and what tests call.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await storage.PurgeExpiredAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            Purged(logger, removed);
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PurgeFailed(logger, ex);
            }
        }
    }

    /// <summary>False once the host stops (a cancelled wait is the normal way out, not a failure).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Removed {Count} expired storage items")]
    private static partial void Purged(ILogger logger, int count);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Purging expired storage items did not complete; it will be tried again")]
    private static partial void PurgeFailed(ILogger logger, Exception exception);
}
