using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Diagnostics;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>Runs <see cref="AlertDispatcher.RunOnceAsync"/> every <see cref="AlertOptions.WorkerPeriod"/> and on each wake-up.</summary>
public sealed class AlertWorker(AlertDispatcher dispatcher, IAlertStore store, AlertWakeSignal wake, TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.WorkerPeriod, time);
        Task<bool>? tick = null;
        Task? woken = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await dispatcher.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (BotTelemetry.QueueDepthEnabled)
                {
                    BotTelemetry.QueueDepth(await store.CountPendingDeliveriesAsync(stoppingToken).ConfigureAwait(false));
                }

                if (result.Claimed >= options.Value.BatchSize)
                {
                    continue; // more due rows: go on at once
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                AlertLog.TickError(logger, ex);
            }

            try
            {
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                woken ??= wake.WaitAsync(stoppingToken);
                var done = await Task.WhenAny(tick, woken).ConfigureAwait(false);
                await done.ConfigureAwait(false);
                if (done == tick)
                {
                    if (!await tick.ConfigureAwait(false))
                    {
                        return;
                    }

                    tick = null;
                }
                else
                {
                    woken = null;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
