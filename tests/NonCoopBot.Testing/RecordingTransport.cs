using System.Collections.Concurrent;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Testing;

/// <summary>An <see cref="ITurnTransport"/> that records what the bot sent (and checks its wording, <see cref="SentWording"/>).</summary>
public sealed class RecordingTransport : ITurnTransport
{
    private readonly ConcurrentQueue<Activity> _sent = new();
    private readonly ConcurrentQueue<Activity> _updated = new();
    private int _ids;

    public IReadOnlyList<Activity> Sent => [.. _sent];

    public IReadOnlyList<Activity> Updated => [.. _updated];

    public Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        SentWording.Inspect(activity, "RecordingTransport.Send");
        _sent.Enqueue(activity);
        return Task.FromResult<string?>($"sent-{Interlocked.Increment(ref _ids)}");
    }

    public Task UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        SentWording.Inspect(activity, "RecordingTransport.Update");
        _updated.Enqueue(activity);
        return Task.CompletedTask;
    }
}
