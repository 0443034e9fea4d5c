namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// The one shared pause of all outbound connector calls: a 429 (or 503 with Retry-After) closes it until
/// its Retry-After; every send checks it first. Time from <see cref="TimeProvider"/>.
/// </summary>
public sealed class SendGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private long _throttled;

    /// <summary>When sends may resume (in the past when open).</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil;
            }
        }
    }

    /// <summary>True while paused.</summary>
    public bool IsPaused => PausedUntil > time.GetUtcNow();

    /// <summary>How many throttling answers were seen.</summary>
    public long ThrottledCount => Interlocked.Read(ref _throttled);

    /// <summary>Pauses all sends until <c>now + retryAfter</c> (never shortens a longer pause).</summary>
    public void Pause(TimeSpan retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        var until = time.GetUtcNow() + (retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }
}

/// <summary>A token bucket on <see cref="TimeProvider"/>: <c>rate</c> tokens per second, burst of one second's worth.</summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _capacity;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;

    public TokenBucket(TimeProvider time, double ratePerSecond)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _rate = ratePerSecond;
        _capacity = Math.Max(1, ratePerSecond);
        _tokens = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>True when the bucket is full again (unused for at least a second): its state can be dropped.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _tokens + (_time.GetElapsedTime(_last).TotalSeconds * _rate) >= _capacity;
            }
        }
    }

    /// <summary>Takes a token now, or returns how long to wait before trying again.</summary>
    public TimeSpan TryTake()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _rate));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((1 - _tokens) / _rate);
        }
    }

    /// <summary>Waits (on <see cref="TimeProvider"/>) until a token is available and takes it.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        for (var wait = TryTake(); wait > TimeSpan.Zero; wait = TryTake())
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The Teams rate limits on the send path: one bucket for the app (50/s) and one per conversation (7/s),
/// plus the shared <see cref="SendGate"/>.
/// </summary>
public sealed class SendThrottle(TimeProvider time, SendGate gate, Microsoft.Extensions.Options.IOptions<AlertOptions> options)
{
    private readonly TokenBucket _app = new(time, options.Value.AppRequestsPerSecond);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TokenBucket> _conversations = new(StringComparer.Ordinal);

    /// <summary>Above this many per-conversation buckets, idle ones are dropped (a full bucket holds no state worth keeping).</summary>
    public const int MaxConversationBuckets = 1024;

    public SendGate Gate => gate;

    /// <summary>How many per-conversation buckets are held (bounded: see <see cref="MaxConversationBuckets"/>).</summary>
    public int ConversationBucketCount => _conversations.Count;

    /// <summary>Waits for the per-conversation and the app bucket.</summary>
    public async Task AcquireAsync(string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is not null)
        {
            if (_conversations.Count >= MaxConversationBuckets)
            {
                foreach (var (key, idle) in _conversations)
                {
                    if (idle.IsIdle)
                    {
                        _conversations.TryRemove(key, out _);
                    }
                }
            }

            var bucket = _conversations.GetOrAdd(conversationId, _ => new TokenBucket(time, options.Value.ConversationRequestsPerSecond));
            await bucket.TakeAsync(cancellationToken).ConfigureAwait(false);
        }

        await _app.TakeAsync(cancellationToken).ConfigureAwait(false);
    }
}
