using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Testing;
using Polly.Timeout;

namespace NonCoopBot.Protocol.Tests.Connector;

/// <summary>
/// The connector's resilience pipeline (Microsoft.Extensions.Http.Resilience) as registered by AddBotProtocol,
/// through the real HttpClient against the loopback fake connector, on fake time: what is retried, when,
/// how often, and which POSTs are never re-sent.
/// </summary>
public sealed partial class ConnectorClientTests
{
    private readonly LogSink _logs = new();

    private bool IsBackOff(TimeSpan due) => due != AttemptTimeout;

    [Fact]
    public async Task ASendThatWorks_LogsNothingAtInformationOrAbove()
    {
        // Polly logs each execution attempt at Information by default: a log line per reply on the turn's hot path.
        await Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);

        Assert.Single(_connector.Requests);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Information);
    }

    [Fact(Timeout = 30_000)]
    public async Task Post429WithRetryAfterAsHttpDate_WaitsExactlyUntilThatDate_AndLogsTheRetry()
    {
        var at = _time.GetUtcNow().AddSeconds(17).ToString("R", CultureInfo.InvariantCulture);
        _connector.Enqueue(HttpStatusCode.TooManyRequests, null, new Dictionary<string, string> { ["Retry-After"] = at });

        var send = Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);
        var wait = await _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(17), wait);
        _time.Advance(wait - TimeSpan.FromTicks(1));
        Assert.False(send.IsCompleted);
        Assert.Single(_connector.Requests);
        _time.Advance(TimeSpan.FromTicks(1));
        await send;

        var requests = _connector.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(17), requests[1].ReceivedAt - requests[0].ReceivedAt);
        var logged = Assert.Single(_logs.Entries, e => e.EventId.Id == 611);
        Assert.Equal((LogLevel.Information, "Connector POST answered 429; retry 1 in 00:00:17"), (logged.Level, logged.Message));
    }

    [Fact(Timeout = 30_000)]
    public async Task Post503WithRetryAfterAsHttpDate_IsRetriedAtThatDate()
    {
        var at = _time.GetUtcNow().AddSeconds(4).ToString("R", CultureInfo.InvariantCulture);
        _connector.Enqueue(HttpStatusCode.ServiceUnavailable, null, new Dictionary<string, string> { ["Retry-After"] = at });

        var send = Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);
        var wait = await _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken);
        _time.Advance(wait);
        var result = await send;

        Assert.Equal(TimeSpan.FromSeconds(4), wait);
        Assert.Equal(2, _connector.Requests.Count);
        Assert.StartsWith("1:fake-activity-", result.Id, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task PostWithUnreadableRetryAfter_On503_IsNotResent_AndMaybeDelivered()
    {
        _connector.Enqueue(HttpStatusCode.ServiceUnavailable, null, new Dictionary<string, string> { ["Retry-After"] = "soon" });

        var ex = await Assert.ThrowsAsync<ConnectorDeliveryUncertainException>(
            () => Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(ScriptedFault.ResetConnection)]
    [InlineData(ScriptedFault.NoAnswer)]
    public async Task PostWithoutAnswer_IsNotResent_AndSurfacesAsDeliveryUncertain(ScriptedFault fault)
    {
        var send = await FirstAttemptFailsAsync(fault, () => Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken));
        var backOff = _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(send, backOff);

        Assert.Same(send, first); // no back-off timer: nothing is going to be re-sent
        var ex = await Assert.ThrowsAsync<ConnectorDeliveryUncertainException>(() => send);
        Assert.Equal(("SendToConversation", null, "a:conv-1"), (ex.Operation, ex.StatusCode, ex.ConversationId));
        Assert.True(ex.MaybeDelivered);
        if (fault == ScriptedFault.NoAnswer)
            Assert.IsType<TimeoutRejectedException>(ex.InnerException);
        else
            Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Single(_connector.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(ScriptedFault.ResetConnection)]
    [InlineData(ScriptedFault.NoAnswer)]
    public async Task GetWithoutAnswer_IsRetriedWithBackOff_AndLogsTheTransportFailure(ScriptedFault fault)
    {
        var get = await FirstAttemptFailsAsync(fault, () => Client.GetMembersAsync(_connector.BaseUrl, "a:conv-1", TestContext.Current.CancellationToken),
            then: """[{"id":"29:u1"}]""");
        var wait = await _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken);
        _time.Advance(wait);
        var members = await get;

        Assert.Equal("29:u1", Assert.Single(members).Id);
        Assert.InRange(wait, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.Equal(2, _connector.Requests.Count);
        Assert.All(_connector.Requests, r => Assert.Equal("GET", r.Method));
        var logged = Assert.Single(_logs.Entries, e => e.EventId.Id == 612);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.StartsWith("Connector GET attempt failed without a response; retry 1 in ", logged.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task PostThatCouldNotConnect_IsRetried_ThenFailsAsNotDelivered()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        listener.Stop();
        Trust.Trust(closed);

        var send = Client.SendToConversationAsync(closed, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);
        for (var retry = 0; retry < 3; retry++)
            _time.Advance(await _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => send);
        Assert.IsNotType<ConnectorDeliveryUncertainException>(ex);
        Assert.Equal(HttpRequestError.ConnectionError, Assert.IsType<HttpRequestException>(ex.InnerException).HttpRequestError);
        Assert.Equal(3, _logs.Entries.Count(e => e.EventId.Id == 612));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task MaxRetries_BoundsTheAttempts(int maxRetries)
    {
        await using var services = ServicesWith(new() { ["Bot:Connector:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture) });
        for (var i = 0; i <= maxRetries; i++)
            _connector.Enqueue(HttpStatusCode.BadGateway);
        _connector.Enqueue(HttpStatusCode.OK); // one more attempt would have succeeded

        var delete = services.GetRequiredService<ConnectorClient>().DeleteActivityAsync(_connector.BaseUrl, "a:conv-1", "1:abc", TestContext.Current.CancellationToken);
        for (var retry = 0; retry < maxRetries; retry++)
            _time.Advance(await _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => delete);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(maxRetries + 1, _connector.Requests.Count);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false, 10, true)]
    [InlineData(false, 11, false)]
    [InlineData(true, 10, true)]
    [InlineData(true, 11, false)]
    public async Task RetryAfterAboveMaxRetryDelay_IsNotWaitedFor(bool asDate, int seconds, bool retried)
    {
        await using var services = ServicesWith(new() { ["Bot:Connector:MaxRetryDelay"] = "00:00:10" });
        var value = asDate
            ? _time.GetUtcNow().AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture)
            : seconds.ToString(CultureInfo.InvariantCulture);
        _connector.Enqueue(HttpStatusCode.TooManyRequests, null, new Dictionary<string, string> { ["Retry-After"] = value });

        var send = services.GetRequiredService<ConnectorClient>().SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);
        if (retried)
        {
            var wait = await _time.NextTimerAsync(IsBackOff, TestContext.Current.CancellationToken);
            Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
            _time.Advance(wait);
            await send;
            Assert.Equal(2, _connector.Requests.Count);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<ConnectorException>(() => send);
            Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
            Assert.IsNotType<ConnectorDeliveryUncertainException>(ex);
            Assert.Single(_connector.Requests);
        }
    }

    [Theory]
    [InlineData("00:00:00.009", false)]
    [InlineData("00:00:00.010", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("1.00:00:01", false)]
    public async Task AttemptTimeout_IsValidatedToTheRangeThePipelineAccepts(string value, bool valid)
    {
        await using var services = ServicesWith(new() { ["Bot:Connector:AttemptTimeout"] = value });

        var error = Record.Exception(() => services.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        if (valid)
        {
            Assert.Null(error);
            Assert.NotNull(services.GetRequiredService<ConnectorClient>());
        }
        else
        {
            Assert.Contains("Bot:Connector:AttemptTimeout", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Starts <paramref name="call"/> with its first attempt failing by <paramref name="fault"/> (the next answer
    /// being 200 with <paramref name="then"/>), and returns once that attempt has failed: the connection was reset,
    /// or the request arrived and AttemptTimeout passed.
    /// </summary>
    private async Task<Task<T>> FirstAttemptFailsAsync<T>(ScriptedFault fault, Func<Task<T>> call, string? then = null)
    {
        _connector.EnqueueFault(fault);
        if (then is not null)
            _connector.Enqueue(HttpStatusCode.OK, then);
        var running = call();
        await _connector.NextRequestAsync(TestContext.Current.CancellationToken);
        if (fault == ScriptedFault.NoAnswer)
            _time.Advance(AttemptTimeout);
        return running;
    }

    private ServiceProvider ServicesWith(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Bot:Connector:AttemptTimeout", AttemptTimeout.ToString());
        var services = ProtocolTestHost.Build(_time, settings, s => s.AddSingleton<IBotTokenProvider>(new StaticTokenProvider("test-outbound-token")));
        services.GetRequiredService<IServiceUrlTrust>().Trust(_connector.BaseUrl);
        return services;
    }

    /// <summary>Keeps every log entry of the test's service provider (event id, level, formatted message).</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<(EventId EventId, LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(EventId EventId, LogLevel Level, string Message)> Entries => _entries.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._entries.Enqueue((eventId, logLevel, formatter(state, exception)));
        }
    }
}
