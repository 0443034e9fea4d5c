using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Meetings;

/// <summary>A restart in the middle of a poll, and local mode with no Graph settings at all (votes alone).</summary>
public sealed class MeetingDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARestartMidPoll_LeavesTheMeetingLeasedUntilTheLeaseEnds_ThenPollingResumes_AndTheSentCardsAreStillUpdatedInPlace()
    {
        await using var rig = await MeetingTestRig.StartAsync();
        rig.Graph!.Mailboxes["alexw@example.com"] = new FakeMailbox([]);
        await rig.ConveneAsync();
        // An instance claims the meeting and dies before saving (the lease stays on the row).
        var claimed = Assert.Single(await rig.Meetings.ClaimDueAsync("instance-that-died", rig.Host.Time.GetUtcNow(), TimeSpan.FromMinutes(2), 10, Ct));

        await rig.RestartAsync();
        var whileLeased = await rig.PollAsync();
        rig.Host.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var afterLease = await rig.PollAsync();

        Assert.Equal(0, whileLeased.Claimed);
        Assert.Equal((1, 1), (afterLease.Claimed, afterLease.ProposalsSent));
        Assert.Single(rig.PostedCards(BotTestHost.President));

        // Restart again after the cards went out: a vote then updates the same proposal message (PUT), nothing is re-sent.
        await rig.RestartAsync();
        var member = BotTestHost.FocalPoint; // its mailbox is unknown to the fake Graph: an error item, so it votes
        await rig.TapAsync(member, MeetingRoutes.VoteVerb, new JsonObject { ["meetingId"] = claimed.Meeting.Id, ["slot-0"] = "IfNeedBe" });
        var afterVote = await rig.PollAsync();

        Assert.Equal((0, 1, 0), (afterVote.ProposalsSent, afterVote.ProposalsUpdated, afterVote.VoteCardsSent));
        Assert.Single(rig.PostedCards(BotTestHost.President));
        Assert.Single(rig.PostedCards(member));
        Assert.Single(rig.UpdatedCards(BotTestHost.President));
    }

    [Fact]
    public async Task WithNoGraphSettings_EveryMemberVotes_AndTheBookingIsAnnouncedByCardWithoutAnEvent()
    {
        await using var rig = await MeetingTestRig.StartAsync(withGraph: false);

        var reply = await rig.ConveneAsync();
        var poll = await rig.PollAsync();

        Assert.Contains("Microsoft Graph is not configured, so all 21 members are asked by card", reply, StringComparison.Ordinal);
        Assert.Equal((1, 21), (poll.ProposalsSent, poll.VoteCardsSent));
        // The President gets the proposal card and, like every member, a vote card.
        var presidentCards = rig.PostedCards(BotTestHost.President);
        Assert.Equal(2, presidentCards.Count);
        var proposal = Assert.Single(presidentCards, c => NonCoopBot.Dialogs.Cards.CardInspector.Verbs(c).Contains(MeetingRoutes.BookVerb));
        Assert.Contains("0 read through Microsoft 365, 21 by vote", MeetingTestRig.Text(proposal), StringComparison.Ordinal);
        var meetingId = proposal.ToJsonString().Split("\"meetingId\":\"")[1].Split('"')[0];

        await rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = "2026-11-30T15:00:00Z" });
        await rig.PollAsync();
        var announce = await rig.PollAsync();

        Assert.Equal(21, announce.BookedCardsSent);
        var booked = rig.PostedCards(BotTestHost.Member)[^1];
        Assert.Contains("No calendar invitation was created by the bot", MeetingTestRig.Text(booked), StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 10:00–11:00 New York", MeetingTestRig.Text(booked), StringComparison.Ordinal);
        Assert.Null(booked["actions"]?.AsArray().FirstOrDefault());
        Assert.False(rig.Host.Services.GetRequiredService<IMeetingBooker>().IsEnabled);
    }
}
