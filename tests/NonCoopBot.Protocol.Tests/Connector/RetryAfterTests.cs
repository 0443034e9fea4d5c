using System.Net;
using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.Protocol.Tests.Connector;

/// <summary>The one Retry-After reader of the connector pipeline and the alerts' send gate, on every form the header takes.</summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = ProtocolTestHost.Start;

    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData("86400", 86400)]
    [InlineData("Tue, 01 Sep 2026 08:00:05 GMT", 5)] // IMF-fixdate (Now is 08:00:00 that day)
    [InlineData("Tuesday, 01-Sep-26 08:02:00 GMT", 120)] // obsolete RFC 850 form
    [InlineData("Tue Sep  1 09:00:00 2026", 3600)] // obsolete asctime form
    [InlineData("Tue, 01 Sep 2026 07:59:00 GMT", 0)] // a date already past: no wait
    public void ReadsSecondsAndHttpDates(string header, int seconds)
    {
        using var response = Answer(header);

        Assert.True(RetryAfter.TryGetDelay(response, Now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("3 seconds")]
    [InlineData("Tue, 31 Sep 2026 08:00:05 GMT")]
    public void GarbageOrNothing_CountsAsNoRetryAfter(string? header)
    {
        using var response = Answer(header);

        Assert.False(RetryAfter.TryGetDelay(response, Now, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    private static HttpResponseMessage Answer(string? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is not null)
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }
}
