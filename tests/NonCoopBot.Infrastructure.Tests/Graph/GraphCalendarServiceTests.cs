using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Graph;
using NonCoopBot.Testing;

namespace NonCoopBot.Infrastructure.Tests.Graph;

/// <summary>
/// The real Microsoft.Graph SDK client (default middleware, anonymous provider) against a loopback fake Graph.
/// The fake's 429 carries <c>Retry-After: 0</c>: the SDK's RetryHandler waits the header's seconds with a real
/// delay, so 0 keeps the test fast while still proving that the SDK (not our code) retried.
/// </summary>
public sealed class GraphCalendarServiceTests : IAsyncLifetime
{
    private const string Organizer = "bureau.meetings@example.org";
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeGraphServer _graph = new();
    private GraphCalendarService _service = null!;

    public async ValueTask InitializeAsync()
    {
        await _graph.StartAsync(TestContext.Current.CancellationToken);
        var options = new GraphOptions { BaseUrl = _graph.BaseUrl, OrganizerMailbox = Organizer };
        _service = new GraphCalendarService(GraphServiceCollectionExtensions.CreateClient(options), Organizer);
    }

    public async ValueTask DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task TwentyOneMailboxes_GoInTwoRequests_OfAtMostTwenty_AndAnUnknownMailboxIsAnErrorItem()
    {
        var mailboxes = Enumerable.Range(1, 20).Select(i => $"member{i}@example.org").ToList();
        foreach (var m in mailboxes)
        {
            _graph.Mailboxes[m] = new FakeMailbox([]);
        }

        mailboxes.Add("nobody@example.org");

        var answers = await _service.GetSchedulesAsync(mailboxes, Start, Start.AddHours(72), TestContext.Current.CancellationToken);

        var requests = _graph.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal($"/v1.0/users/{Organizer}/calendar/getSchedule", r.Path));
        Assert.Equal([20, 1], requests.Select(r => r.Body!["schedules"]!.AsArray().Count));
        Assert.Equal(["availabilityViewInterval", "endTime", "schedules", "startTime"], requests[0].Body!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("2026-12-03T00:00:00", requests[0].Body!["startTime"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("UTC", requests[0].Body!["startTime"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-12-06T00:00:00", requests[0].Body!["endTime"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(15, requests[0].Body!["availabilityViewInterval"]!.GetValue<int>());
        Assert.All(requests, r => Assert.Null(r.Authorization));
        Assert.Equal(21, answers.Count);
        Assert.Equal(20, answers.Count(a => a.Calendar is not null));
        var unknown = Assert.Single(answers, a => a.Calendar is null);
        Assert.Equal(("nobody@example.org", "ErrorMailRecipientNotFound"), (unknown.Mailbox, unknown.Error));
    }

    [Fact]
    public async Task Statuses_AreToldApart_AndWorkingHoursKeepTheirWindowsZone()
    {
        _graph.Mailboxes["tokyo@example.org"] = new FakeMailbox(
        [
            new(Start.AddHours(1), Start.AddHours(2), "busy"),
            new(Start.AddHours(3), Start.AddHours(4), "tentative"),
            new(Start.AddHours(5), Start.AddHours(6), "oof"),
            new(Start.AddHours(7), Start.AddHours(8), "workingElsewhere"),
        ], ["monday", "thursday"], "08:30:00.0000000", "17:30:00.0000000", "Tokyo Standard Time");

        var answer = Assert.Single(await _service.GetSchedulesAsync(["tokyo@example.org"], Start, Start.AddDays(1), TestContext.Current.CancellationToken));

        Assert.NotNull(answer.Calendar);
        Assert.Equal(
            [new(Start.AddHours(1), Start.AddHours(2), FreeBusy.Busy), new(Start.AddHours(3), Start.AddHours(4), FreeBusy.Tentative),
             new(Start.AddHours(5), Start.AddHours(6), FreeBusy.OutOfOffice), new BusyInterval(Start.AddHours(7), Start.AddHours(8), FreeBusy.WorkingElsewhere)],
            answer.Calendar.Items);
        var hours = answer.Calendar.WorkingHours!;
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Thursday], hours.Days);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(17, 30), "Tokyo Standard Time"), (hours.Start, hours.End, hours.TimeZone));
        Assert.Equal("Asia/Tokyo", TimeZones.Find(hours.TimeZone)!.Id);
    }

    [Fact]
    public async Task A429WithRetryAfter_IsRetriedOnceByTheSdksOwnHandler()
    {
        _graph.Mailboxes["member1@example.org"] = new FakeMailbox([new(Start.AddHours(1), Start.AddHours(2), "busy")]);
        _graph.Enqueue(429, retryAfter: "0");

        var answer = Assert.Single(await _service.GetSchedulesAsync(["member1@example.org"], Start, Start.AddDays(1), TestContext.Current.CancellationToken));

        Assert.Single(answer.Calendar!.Items);
        Assert.Equal(2, _graph.Requests.Count);
        Assert.Equal([null, "1"], _graph.Requests.Select(r => r.RetryAttempt));
        Assert.Equal(_graph.Requests[0].Body!.ToJsonString(), _graph.Requests[1].Body!.ToJsonString());
    }

    [Fact]
    public async Task Booking_CreatesAnOnlineTeamsEventWithEveryAttendee_AndTheSameKeyBooksOnce()
    {
        var booking = new MeetingBooking("mt-123", "Emergency Bureau meeting – ICC-01/99-01/26", "Emergency meeting of the Bureau.",
            Start.AddHours(14), Start.AddHours(15), [new("Ambassador A", "a@example.org"), new("Ambassador B", "b@example.org")]);

        var first = await _service.BookAsync(booking, TestContext.Current.CancellationToken);
        var second = await _service.BookAsync(booking, TestContext.Current.CancellationToken);

        Assert.Equal(1, _graph.EventsCreated);
        Assert.Equal(first, second);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", first.JoinUrl, StringComparison.Ordinal);
        var request = _graph.Requests[0];
        Assert.Equal(("POST", $"/v1.0/users/{Organizer}/events"), (request.Method, request.Path));
        var body = request.Body!;
        Assert.True(body["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", body["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Equal("mt-123", body["transactionId"]!.GetValue<string>());
        Assert.Equal("Emergency Bureau meeting – ICC-01/99-01/26", body["subject"]!.GetValue<string>());
        Assert.Equal("2026-12-03T14:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("UTC", body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal(["a@example.org", "b@example.org"], body["attendees"]!.AsArray().Select(a => a!["emailAddress"]!["address"]!.GetValue<string>()));
        Assert.All(body["attendees"]!.AsArray(), a => Assert.Equal("required", a!["type"]!.GetValue<string>()));
    }
}
