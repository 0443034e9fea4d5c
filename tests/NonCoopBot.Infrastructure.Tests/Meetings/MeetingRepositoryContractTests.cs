using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Infrastructure.Meetings;
using NonCoopBot.Infrastructure.Tests.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Meetings;

/// <summary>The meeting repository on every database: the poll lease, booking once, votes while polling.</summary>
public abstract class MeetingRepositoryContractTests(SqlTestServer server)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewDatabaseAsync()
    {
        var connectionString = await server.CreateEmptyDatabaseAsync(Ct);
        await SqlTestServer.NewMigrator(server.Connect(connectionString), _time).MigrateAsync(Ct);
        return connectionString;
    }

    private EmergencyMeeting Meeting(int n) => new()
    {
        Id = $"mt-{n:D4}",
        ConvenedByMemberId = "president",
        WindowStart = _time.GetUtcNow(),
        WindowEnd = _time.GetUtcNow().AddHours(72),
        DurationMinutes = 60,
        Quorum = 11,
        Participants = [new MeetingParticipant("president", AvailabilitySource.Calendar, null, new MemberCalendar([new(_time.GetUtcNow(), _time.GetUtcNow().AddHours(1), FreeBusy.Tentative)], new WorkingHours([DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(17, 0), "Tokyo Standard Time")))],
    };

    [Fact]
    public async Task TwoInstancesClaimingAtOnce_NeverHoldTheSameMeeting_AndALiveLeaseIsRespected()
    {
        var connectionString = await NewDatabaseAsync();
        // Two instances: their own connection pools and repositories on one database.
        var a = new SqlMeetingRepository(server.Connect(connectionString));
        var b = new SqlMeetingRepository(server.Connect(connectionString));
        var now = _time.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            await a.CreateAsync(Meeting(i), now, now, Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).ClaimDueAsync("instance-" + (i % 2), now, TimeSpan.FromMinutes(2), 5, Ct)));

        var ids = claims.SelectMany(c => c).Select(m => m.Meeting.Id).ToList();
        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
        Assert.Empty(await b.ClaimDueAsync("instance-1", now.AddMinutes(1), TimeSpan.FromMinutes(2), 50, Ct));
        Assert.Equal(30, (await b.ClaimDueAsync("instance-1", now.AddMinutes(3), TimeSpan.FromMinutes(2), 50, Ct)).Count);
    }

    [Fact]
    public async Task TheDocumentRoundTrips_AndSavingNeedsTheLease()
    {
        var repo = new SqlMeetingRepository(server.Connect(await NewDatabaseAsync()));
        var now = _time.GetUtcNow();
        var meeting = Meeting(1);
        await repo.CreateAsync(meeting, now, now, Ct);
        var claimed = Assert.Single(await repo.ClaimDueAsync("me", now, TimeSpan.FromMinutes(2), 10, Ct));

        Assert.False(await repo.SaveAsync(claimed.Meeting with { Polls = 1 }, "someone-else", now.AddMinutes(5), MeetingState.Polling, MeetingState.Polling, now, Ct));
        Assert.True(await repo.SaveAsync(claimed.Meeting with { Polls = 1 }, "me", now.AddMinutes(5), MeetingState.Polling, MeetingState.Polling, now, Ct));

        var stored = (await repo.GetAsync(meeting.Id, Ct))!;
        Assert.Equal(1, stored.Meeting.Polls);
        var participant = Assert.Single(stored.Meeting.Participants);
        Assert.Equal(meeting.Participants[0].Calendar!.Items, participant.Calendar!.Items);
        Assert.Equal("Tokyo Standard Time", participant.Calendar.WorkingHours!.TimeZone);
        Assert.Empty(await repo.ClaimDueAsync("me", now.AddMinutes(4), TimeSpan.FromMinutes(2), 10, Ct));
    }

    [Fact]
    public async Task BookingHappensOnce_AndVotesAreTakenOnlyWhilePolling()
    {
        var repo = new SqlMeetingRepository(server.Connect(await NewDatabaseAsync()));
        var now = _time.GetUtcNow();
        await repo.CreateAsync(Meeting(1), now.AddMinutes(5), now, Ct);
        var slot = now.AddHours(3);

        Assert.True(await repo.SaveVotesAsync("mt-0001", "member-a", [new("member-a", slot, SlotAnswer.IfNeedBe)], now, Ct));
        Assert.True(await repo.SaveVotesAsync("mt-0001", "member-a", [new("member-a", slot, SlotAnswer.Yes)], now, Ct));
        var taps = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => repo.RequestBookingAsync("mt-0001", slot, "president", now, Ct)));
        var late = await repo.SaveVotesAsync("mt-0001", "member-a", [new("member-a", slot, SlotAnswer.No)], now, Ct);

        Assert.Single(taps, t => t);
        Assert.False(late);
        Assert.Equal([new MeetingVote("member-a", slot, SlotAnswer.Yes)], await repo.GetVotesAsync("mt-0001", Ct));
        var stored = (await repo.GetAsync("mt-0001", Ct))!;
        Assert.Equal((MeetingState.Booking, slot, "president"), (stored.State, stored.BookedStart!.Value, stored.BookedBy!));
    }

    /// <summary>
    /// A booking tapped while a poll of the same meeting is in flight: the poll's save (which expected Polling) must not
    /// push the booking back by a poll interval, so the next tick books at once.
    /// </summary>
    [Fact]
    public async Task BookingRequestedDuringAPoll_IsDueAtOnce_AfterThePollSaves()
    {
        var repo = new SqlMeetingRepository(server.Connect(await NewDatabaseAsync()));
        var now = _time.GetUtcNow();
        await repo.CreateAsync(Meeting(1), now, now, Ct);
        var polling = Assert.Single(await repo.ClaimDueAsync("instance-a", now, TimeSpan.FromMinutes(2), 10, Ct));

        Assert.True(await repo.RequestBookingAsync("mt-0001", now.AddHours(3), "president", now, Ct));
        await repo.SaveAsync(polling.Meeting, "instance-a", now.AddMinutes(5), MeetingState.Polling, MeetingState.Polling, now, Ct);

        var due = Assert.Single(await repo.ClaimDueAsync("instance-a", now, TimeSpan.FromMinutes(2), 10, Ct));
        Assert.Equal(MeetingState.Booking, due.State);
    }
}

public sealed class SqliteMeetingRepositoryTests(SqliteTestServer server) : MeetingRepositoryContractTests(server), IClassFixture<SqliteTestServer>;

public sealed class PostgresMeetingRepositoryTests(PostgresTestServer server) : MeetingRepositoryContractTests(server), IClassFixture<PostgresTestServer>;
