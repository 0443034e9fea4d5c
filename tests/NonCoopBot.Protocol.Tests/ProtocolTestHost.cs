using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Protocol;

namespace NonCoopBot.Protocol.Tests;

/// <summary>Builds the real protocol DI graph (AddBotProtocol) over in-memory configuration and fake time.</summary>
internal static class ProtocolTestHost
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-09-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static ServiceProvider Build(
        TimeProvider time,
        IDictionary<string, string?> settings,
        Action<IServiceCollection>? configure = null)
    {
        // The fake connector listens on loopback; a test may still turn this off.
        var all = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        all.TryAdd("Bot:AllowLoopbackServiceUrls", "true");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        configure?.Invoke(services);
        services.AddBotProtocol(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}

/// <summary>
/// A <see cref="TimeProvider"/> over <see cref="FakeTimeProvider"/> that reports every timer created, so a
/// test can wait until code is really waiting before advancing time (no real delays).
/// </summary>
internal sealed class ObservableFakeTime(FakeTimeProvider inner) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ObservableFakeTime() : this(new FakeTimeProvider(ProtocolTestHost.Start)) { }

    public FakeTimeProvider Fake => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan) // a disarmed timer (e.g. a pooled CancellationTokenSource) waits for nothing yet
            _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan delta) => inner.Advance(delta);

    /// <summary>Waits for the next timer whose due time satisfies <paramref name="match"/>.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(cancellationToken);
            if (match(due))
                return due;
        }
    }
}
