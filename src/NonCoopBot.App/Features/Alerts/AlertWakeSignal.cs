namespace NonCoopBot.App.Features.Alerts;

/// <summary>In-process wake-up: set when alert rows are committed, so the worker need not wait for its period.</summary>
public sealed class AlertWakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Wakes the worker (coalesced: many signals, one wake-up).</summary>
    public void Set()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a wake-up.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);
}
