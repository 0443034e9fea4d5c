using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Tests.Languages;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Meetings;

/// <summary>
/// <c>emergency meeting</c> end to end: the dialog, getSchedule through the real Graph SDK against the fake Graph,
/// the ranking, the President's proposal card (sent once, then updated in place), the vote card for the member
/// Graph cannot read, booking (one event for a double tap) and the booked-meeting cards.
/// </summary>
public sealed class EmergencyMeetingFlowTests : IAsyncLifetime
{
    private const string UnreadableMember = BotTestHost.FocalPoint; // Ambassador I. Langer, Asia/Tokyo, isaiah@example.com
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-29T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private MeetingTestRig _rig = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _rig = await MeetingTestRig.StartAsync();
        var roster = (await _rig.Host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!;
        foreach (var member in roster.Members.Where(m => m.AadObjectId != UnreadableMember))
        {
            // Everyone readable is busy until 18:00 UTC today, so the best slots start at 18:00 and stay put.
            _rig.Graph!.Mailboxes[member.Mailbox] = new FakeMailbox([new FakeCalendarItem(Now, Now.AddHours(4), "busy")]);
        }
    }

    public async ValueTask DisposeAsync() => await _rig.DisposeAsync();

    private async Task<StoredMeeting> OnlyMeetingAsync(string meetingId) => (await _rig.Meetings.GetAsync(meetingId, Ct))!;

    private async Task<string> ConveneAndPollAsync(string command = "emergency meeting", string matter = "No matter")
    {
        var reply = await _rig.ConveneAsync(command, matter, required: "POL");
        Assert.Contains("Looking for a slot", reply, StringComparison.Ordinal);
        var tick = await _rig.PollAsync();
        Assert.Equal((1, 1, 1, 1), (tick.Claimed, tick.Polled, tick.ProposalsSent, tick.VoteCardsSent));
        var proposal = Assert.Single(_rig.PostedCards(BotTestHost.President));
        return CardInspector.Verbs(proposal).Contains(MeetingRoutes.BookVerb)
            ? proposal.ToJsonString().Split("\"meetingId\":\"")[1].Split('"')[0]
            : throw new InvalidOperationException("The proposal card has no booking button.");
    }

    [Fact]
    public async Task Convene_ReadsCalendarsInTwoRequests_RanksAndSendsTheProposal_AndAVoteCardToTheMemberGraphCannotRead()
    {
        await ConveneAndPollAsync();

        var schedules = _rig.Graph!.Requests.Where(r => r.Path.EndsWith("/calendar/getSchedule", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, schedules.Count);
        Assert.All(schedules, r => Assert.Equal($"/v1.0/users/{MeetingTestRig.Organizer}/calendar/getSchedule", r.Path));
        Assert.Equal([20, 1], schedules.Select(r => r.Body!["schedules"]!.AsArray().Count));
        Assert.All(schedules, r => Assert.Null(r.Authorization));

        var proposal = MeetingTestRig.Text(Assert.Single(_rig.PostedCards(BotTestHost.President)));
        Assert.Contains("Sun 29 Nov 13:00–14:00 New York", proposal, StringComparison.Ordinal); // 18:00 UTC, the first free hour
        Assert.Contains("20 of 21 can attend (20 yes, 0 if need be); quorum met", proposal, StringComparison.Ordinal);
        Assert.Contains("20 read through Microsoft 365, 1 by vote", proposal, StringComparison.Ordinal);
        Assert.Contains("must attend: Ambassador M. Bowen", proposal, StringComparison.Ordinal);
        Assert.Contains("Ambassador I. Langer", proposal, StringComparison.Ordinal); // not answered
        Assert.Empty(NeutralWording.FindJudgingWords(proposal));

        var vote = Assert.Single(_rig.PostedCards(UnreadableMember));
        var voteText = MeetingTestRig.Text(vote);
        Assert.Contains("Mon 30 Nov 03:00–04:00 Tokyo", voteText, StringComparison.Ordinal); // 18:00 UTC in the member's own zone
        Assert.Contains("Sun 29 Nov 13:00–14:00 New York", voteText, StringComparison.Ordinal);
        Assert.Contains(MeetingRoutes.VoteVerb, CardInspector.Verbs(vote));
        Assert.Equal(MeetingRoutes.VoteRefreshVerb, vote["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Null(vote["refresh"]!["userIds"]); // a 1:1 card: no userIds means Teams refreshes it automatically
        Assert.Empty(_rig.PostedCards(BotTestHost.Member)); // readable members are not asked
    }

    [Fact]
    public async Task TheProposal_IsUpdatedInPlaceOnlyWhenSomethingChanged_AndVotesMergeWithGraph()
    {
        var meetingId = await ConveneAndPollAsync();
        _rig.Host.Time.Advance(TimeSpan.FromMinutes(5));

        var quiet = await _rig.PollAsync();

        Assert.Equal((1, 0, 0), (quiet.Polled, quiet.ProposalsSent, quiet.ProposalsUpdated));
        Assert.Empty(_rig.UpdatedCards(BotTestHost.President));
        Assert.Equal(3, _rig.Graph!.Requests.Count); // polled again: the 20 readable mailboxes in one request (the error item now votes)

        var candidates = (await OnlyMeetingAsync(meetingId)).Meeting.Candidates;
        var (_, voted) = await _rig.TapAsync(UnreadableMember, MeetingRoutes.VoteVerb, new JsonObject { ["meetingId"] = meetingId, ["slot-0"] = "No", ["slot-1"] = "Yes" });
        var votedCard = voted.InvokeResponse!.Body!["value"]!;
        Assert.Contains("Your answer: yes", MeetingTestRig.Text(votedCard), StringComparison.Ordinal);
        Assert.Contains("Your answer: no", MeetingTestRig.Text(votedCard), StringComparison.Ordinal);

        var changed = await _rig.PollAsync();

        Assert.Equal((0, 1), (changed.ProposalsSent, changed.ProposalsUpdated));
        Assert.Single(_rig.PostedCards(BotTestHost.President));
        var updated = MeetingTestRig.Text(Assert.Single(_rig.UpdatedCards(BotTestHost.President)));
        Assert.Contains("21 of 21 can attend (21 yes, 0 if need be)", updated, StringComparison.Ordinal);
        var best = updated.IndexOf(MeetingTimes.Span(candidates[1], candidates[1].AddHours(1), TimeZones.NewYork), StringComparison.Ordinal);
        var before = updated.IndexOf(MeetingTimes.Span(candidates[0], candidates[0].AddHours(1), TimeZones.NewYork), StringComparison.Ordinal);
        Assert.True(best >= 0 && best < before, "the slot the voter said yes to is now proposed first");
    }

    [Fact]
    public async Task Booking_ADoubleTapBooksOnce_TheEventIsAnOnlineTeamsMeeting_AndEveryMemberGetsTheTimeInTheirZoneAndTheLink()
    {
        var meetingId = await ConveneAndPollAsync();
        var slot = new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-29T19:00:00Z" };

        var taps = await Task.WhenAll(_rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, (JsonObject)slot.DeepClone()), _rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, (JsonObject)slot.DeepClone()));
        Assert.All(taps, t => Assert.Contains("Booking Sun 29 Nov 14:00–15:00 New York", MeetingTestRig.Text(t.Result.InvokeResponse!.Body!["value"]!), StringComparison.Ordinal));
        var booking = await _rig.PollAsync();
        var announce = await _rig.PollAsync();
        await _rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-29T20:00:00Z" });
        await _rig.PollAsync();

        Assert.Equal(1, booking.Booked);
        Assert.Equal(21, announce.BookedCardsSent);
        Assert.Equal(1, _rig.Graph!.EventsCreated);
        var request = Assert.Single(_rig.Graph.Requests, r => r.Path.EndsWith("/events", StringComparison.Ordinal));
        Assert.Equal($"/v1.0/users/{MeetingTestRig.Organizer}/events", request.Path);
        var body = request.Body!;
        Assert.True(body["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", body["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Equal("2026-11-29T19:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-11-29T20:00:00", body["end"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(21, body["attendees"]!.AsArray().Count);
        Assert.Equal(meetingId, body["transactionId"]!.GetValue<string>());
        var stored = await OnlyMeetingAsync(meetingId);
        Assert.Equal((MeetingState.Closed, new DateTimeOffset(2026, 11, 29, 19, 0, 0, TimeSpan.Zero)), (stored.State, stored.BookedStart!.Value));

        var tokyo = _rig.PostedCards(UnreadableMember)[^1];
        Assert.Contains("Mon 30 Nov 04:00–05:00 Tokyo", MeetingTestRig.Text(tokyo), StringComparison.Ordinal);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", tokyo["actions"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Sun 29 Nov 20:00–21:00 Amsterdam", MeetingTestRig.Text(_rig.PostedCards(BotTestHost.ActingVicePresident)[^1]), StringComparison.Ordinal);
        Assert.Contains("Booked: Sun 29 Nov 14:00–15:00 New York", MeetingTestRig.Text(_rig.UpdatedCards(BotTestHost.President)[^1]), StringComparison.Ordinal);
        Assert.Contains("Answers are closed", MeetingTestRig.Text(_rig.UpdatedCards(UnreadableMember)[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Booking_ByAMemberWhoIsNotThePresident_IsRefused_AndAVoteAfterBookingChangesNothing()
    {
        var meetingId = await ConveneAndPollAsync();

        var (_, refused) = await _rig.TapAsync(BotTestHost.Member, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-29T19:00:00Z" });
        Assert.Equal(ContentTypes.Error, (string?)refused.InvokeResponse!.Body!["type"]);
        Assert.Equal(MeetingState.Polling, (await OnlyMeetingAsync(meetingId)).State);

        var (_, outsider) = await _rig.TapAsync("ffffffff-0000-4000-8000-00000000dead", MeetingRoutes.VoteVerb, new JsonObject { ["meetingId"] = meetingId, ["slot-0"] = "Yes" });
        Assert.Equal(ContentTypes.Error, (string?)outsider.InvokeResponse!.Body!["type"]);
        var (_, bad) = await _rig.TapAsync(UnreadableMember, MeetingRoutes.VoteVerb, new JsonObject { ["meetingId"] = meetingId, ["slot-0"] = "3" });
        Assert.Equal(ContentTypes.Error, (string?)bad.InvokeResponse!.Body!["type"]);
        Assert.Empty(await _rig.Meetings.GetVotesAsync(meetingId, Ct));

        await _rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-29T19:00:00Z" });
        var (_, late) = await _rig.TapAsync(UnreadableMember, MeetingRoutes.VoteVerb, new JsonObject { ["meetingId"] = meetingId, ["slot-0"] = "Yes" });

        Assert.Contains("Answers are closed", MeetingTestRig.Text(late.InvokeResponse!.Body!["value"]!), StringComparison.Ordinal);
        Assert.Empty(await _rig.Meetings.GetVotesAsync(meetingId, Ct));
    }

    [Fact]
    public async Task TheCalendarEvent_IsInTheLanguageOfThePresidentWhoBooksIt()
    {
        var meetingId = await ConveneAndPollAsync();
        await _rig.SayAsync(BotTestHost.President, "langue fr");

        await _rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-29T19:00:00Z" });
        await _rig.PollAsync();
        await _rig.PollAsync();

        var body = Assert.Single(_rig.Graph!.Requests, r => r.Path.EndsWith("/events", StringComparison.Ordinal)).Body!;
        Assert.Equal(Said.Fr("meetings.event.subject"), body["subject"]!.GetValue<string>());
        Assert.Contains(Said.Fr("meetings.event.body"), body["body"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeetingOnA7aMatter_LandsOnItsTimelineAsStep14a_AndTheEventCarriesOnlyTheReference()
    {
        foreach (var answer in new[] { "good offices", "Mongolia", "7(a)", "Bureau decision", "art 93", "ICC-02/98-02/24", "none", "none", "yes" })
        {
            await _rig.SayAsync(BotTestHost.President, answer);
        }

        var meetingId = await ConveneAndPollAsync("emergency meeting NC-2026-001", matter: "");
        await _rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-29T19:00:00Z" });
        await _rig.PollAsync();
        await _rig.PollAsync();

        var matter = (await _rig.Host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;
        var entry = Assert.IsType<EmergencyMeetingConvened>(matter.Timeline[^1]);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 19, 0, 0, TimeSpan.Zero), entry.MeetingAt);
        Assert.Equal(EmergencyMeetingConvened.Step14A, entry.Purpose);
        var body = Assert.Single(_rig.Graph!.Requests, r => r.Path.EndsWith("/events", StringComparison.Ordinal)).Body!;
        Assert.Equal("Emergency Bureau meeting – ICC-02/98-02/24", body["subject"]!.GetValue<string>());
        Assert.DoesNotContain("Mongolia", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("NC-2026-001", body["body"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
