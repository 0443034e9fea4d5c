using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// The send gate reads Retry-After with the connector's own reader (<c>RetryAfter</c>): seconds and HTTP-dates
/// close it for exactly that long, an unreadable value counts as none. Real HTTP against the loopback fake connector.
/// </summary>
public sealed class SendGateRetryAfterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-09-01T08:00:00Z", CultureInfo.InvariantCulture));
    private readonly FakeBotConnector _connector = new();

    public async ValueTask InitializeAsync() => await _connector.StartAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _connector.DisposeAsync();

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "42", 42)]
    [InlineData(HttpStatusCode.TooManyRequests, "Tue, 01 Sep 2026 08:00:42 GMT", 42)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Tue, 01 Sep 2026 08:01:30 GMT", 90)]
    [InlineData(HttpStatusCode.TooManyRequests, "Tue, 01 Sep 2026 07:00:00 GMT", 0)] // already past
    [InlineData(HttpStatusCode.TooManyRequests, "soon", 1)] // unreadable: the default second
    [InlineData(HttpStatusCode.TooManyRequests, "Tue, 01 Sep 2026 09:00:00 GMT", 300)] // cut to Alerts:MaxRetryAfter
    public async Task ThrottlingAnswer_ClosesTheGate_ForItsRetryAfter(HttpStatusCode status, string retryAfter, int seconds)
    {
        var gate = await AnsweredAsync(status, retryAfter);

        Assert.Equal(1, gate.ThrottledCount);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(seconds), gate.PausedUntil);
    }

    [Fact]
    public async Task Answer503WithUnreadableRetryAfter_LeavesTheGateOpen()
    {
        var gate = await AnsweredAsync(HttpStatusCode.ServiceUnavailable, "in a minute");

        Assert.Equal(0, gate.ThrottledCount);
        Assert.False(gate.IsPaused);
    }

    private async Task<SendGate> AnsweredAsync(HttpStatusCode status, string retryAfter)
    {
        var gate = new SendGate(_time);
        _connector.Enqueue(status, null, new Dictionary<string, string> { ["Retry-After"] = retryAfter });
        using var http = new HttpClient(new SendGateHandler(gate, _time, TimeSpan.FromMinutes(5)) { InnerHandler = new SocketsHttpHandler() });

        using var response = await http.PostAsync(new Uri(new Uri(_connector.BaseUrl), "v3/conversations/a:1/activities"), null, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        return gate;
    }
}
