using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>What one <see cref="MeetingPoller.RunOnceAsync"/> did.</summary>
public sealed record MeetingTickResult(int Claimed, int Polled, int ProposalsSent, int ProposalsUpdated, int VoteCardsSent, int Booked, int BookedCardsSent);

/// <summary>
/// The durable poll: every due meeting (leased, so two instances never poll the same one) has its calendars read
/// again through Graph, is ranked with the votes, sends vote cards to those Graph cannot read, and sends the
/// President's proposal card once and then updates it in place only when what it shows changed. A booking tap
/// moves the meeting to <see cref="MeetingState.Booking"/>; the next tick creates the event (idempotent) and
/// tells every member. Cards go through the alerts' 1:1 <see cref="ProactiveMessenger"/>.
/// </summary>
public sealed partial class MeetingPoller(
    IMeetingRepository meetings,
    IRosterRepository rosters,
    IMatterRepository matters,
    IFreeBusyProvider freeBusy,
    IMeetingBooker booker,
    ProactiveMessenger messenger,
    MeetingCards cards,
    TimeProvider time,
    IOptions<MeetingOptions> options,
    ILogger<MeetingPoller> logger,
    IEnumerable<IMeetingBookedHandler>? bookedHandlers = null)
{
    private readonly IMeetingBookedHandler[] _bookedHandlers = [.. bookedHandlers ?? []];

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>This instance's lease owner id.</summary>
    public string InstanceId { get; init; } = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    public async Task<MeetingTickResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await meetings.ClaimDueAsync(InstanceId, time.GetUtcNow(), Lease, 10, cancellationToken).ConfigureAwait(false);
        var tally = new Tally();
        var roster = claimed.Count == 0 ? null : await rosters.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var stored in claimed)
        {
            try
            {
                if (roster is null)
                {
                    throw new InvalidOperationException("No roster is stored.");
                }

                await ProcessAsync(stored, roster, tally, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPollFailed(logger, ex, stored.Meeting.Id);
                await meetings.SaveAsync(stored.Meeting, InstanceId, time.GetUtcNow() + RetryAfterFailure, stored.State, stored.State, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
        }

        return new MeetingTickResult(claimed.Count, tally.Polled, tally.ProposalsSent, tally.ProposalsUpdated, tally.VoteCardsSent, tally.Booked, tally.BookedCardsSent);
    }

    private async Task ProcessAsync(StoredMeeting stored, Roster roster, Tally tally, CancellationToken ct)
    {
        var meeting = stored.Meeting;
        var now = time.GetUtcNow();
        switch (stored.State)
        {
            case MeetingState.Polling when now + meeting.Duration > meeting.WindowEnd:
                meeting = await UpdateProposalAsync(meeting, MeetingState.Closed, null, [], [], roster, tally, ct).ConfigureAwait(false);
                await meetings.SaveAsync(meeting, InstanceId, null, MeetingState.Polling, MeetingState.Closed, now, ct).ConfigureAwait(false);
                return;

            case MeetingState.Polling:
                meeting = await PollAsync(meeting, roster, tally, ct).ConfigureAwait(false);
                await meetings.SaveAsync(meeting, InstanceId, time.GetUtcNow() + options.Value.PollInterval, MeetingState.Polling, MeetingState.Polling, time.GetUtcNow(), ct).ConfigureAwait(false);
                return;

            case MeetingState.Booking:
                meeting = await BookAsync(stored, roster, ct).ConfigureAwait(false);
                tally.Booked++;
                await meetings.SaveAsync(meeting, InstanceId, time.GetUtcNow(), MeetingState.Booking, MeetingState.Booked, time.GetUtcNow(), ct).ConfigureAwait(false);
                return;

            case MeetingState.Booked:
                meeting = await AnnounceAsync(stored, roster, tally, ct).ConfigureAwait(false);
                await meetings.SaveAsync(meeting, InstanceId, null, MeetingState.Booked, MeetingState.Closed, time.GetUtcNow(), ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Reads the calendars again, offers the candidate slots to those who vote, ranks, updates the President's card.</summary>
    private async Task<EmergencyMeeting> PollAsync(EmergencyMeeting meeting, Roster roster, Tally tally, CancellationToken ct)
    {
        tally.Polled++;
        if (freeBusy.IsEnabled)
        {
            meeting = await ReadCalendarsAsync(meeting, roster, ct).ConfigureAwait(false);
        }

        var votes = await meetings.GetVotesAsync(meeting.Id, ct).ConfigureAwait(false);
        var request = meeting.Request with { WindowStart = Max(meeting.WindowStart, time.GetUtcNow()) };
        var availability = MeetingCards.Availability(meeting, votes);
        if (meeting.Candidates.Count == 0)
        {
            meeting = meeting with { Candidates = SlotRanking.Rank(request, availability, MeetingCards.CandidateSlots).Select(s => s.Start).Order().ToList() };
        }

        meeting = await SendVoteCardsAsync(meeting, roster, votes, tally, ct).ConfigureAwait(false);
        var ranked = SlotRanking.Rank(request, availability, MeetingCards.ProposedSlots);
        meeting = await UpdateProposalAsync(meeting, MeetingState.Polling, null, ranked, votes, roster, tally, ct).ConfigureAwait(false);
        return meeting with { LastPolledAt = time.GetUtcNow(), Polls = meeting.Polls + 1 };
    }

    private async Task<EmergencyMeeting> ReadCalendarsAsync(EmergencyMeeting meeting, Roster roster, CancellationToken ct)
    {
        var asked = meeting.Participants.Where(p => p.Source == AvailabilitySource.Calendar)
            .Select(p => (p, Mailbox: roster.FindMemberById(p.MemberId)?.Mailbox))
            .Where(x => !string.IsNullOrWhiteSpace(x.Mailbox))
            .ToList();
        if (asked.Count == 0)
        {
            return meeting;
        }

        IReadOnlyList<MailboxSchedule> answers;
        try
        {
            answers = await freeBusy.GetSchedulesAsync([.. asked.Select(x => x.Mailbox!)], meeting.WindowStart, meeting.WindowEnd, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Keep the last calendars read; votes still count. The next poll tries again.
            LogGraphFailed(logger, ex, meeting.Id);
            return meeting;
        }

        var byMailbox = answers.ToDictionary(a => a.Mailbox, StringComparer.OrdinalIgnoreCase);
        var participants = meeting.Participants.Select(p =>
        {
            var mailbox = roster.FindMemberById(p.MemberId)?.Mailbox;
            if (p.Source != AvailabilitySource.Calendar || mailbox is null || !byMailbox.TryGetValue(mailbox, out var answer))
            {
                return p;
            }

            // An error item (not found, no permission) sends that member to votes for the rest of this meeting.
            return answer.Calendar is null
                ? p with { Source = AvailabilitySource.Votes, CalendarError = answer.Error, Calendar = null }
                : p with { Calendar = answer.Calendar };
        }).ToList();
        return meeting with { Participants = participants };
    }

    private async Task<EmergencyMeeting> SendVoteCardsAsync(EmergencyMeeting meeting, Roster roster, IReadOnlyList<MeetingVote> votes, Tally tally, CancellationToken ct)
    {
        if (meeting.Candidates.Count == 0)
        {
            return meeting;
        }

        var sent = meeting.VoteCards.ToList();
        foreach (var participant in meeting.Participants.Where(p => p.Source == AvailabilitySource.Votes && !sent.Any(c => c.MemberId == p.MemberId)))
        {
            if (roster.FindMemberById(participant.MemberId) is not { } member)
            {
                continue;
            }

            var language = await cards.LanguageOfAsync(member, ct).ConfigureAwait(false);
            var card = await SendCardAsync(member, _ => cards.Vote(meeting, member, votes, open: true, null, language), cards.Text(language, "meetings.summary.vote"), ct).ConfigureAwait(false);
            if (card is not null)
            {
                sent.Add(card);
                tally.VoteCardsSent++;
            }
        }

        return meeting with { VoteCards = sent };
    }

    /// <summary>Sends the President's card the first time, then updates it in place only when what it shows changed.</summary>
    private async Task<EmergencyMeeting> UpdateProposalAsync(EmergencyMeeting meeting, MeetingState state, DateTimeOffset? bookedStart, IReadOnlyList<RankedSlot> ranked,
        IReadOnlyList<MeetingVote> votes, Roster roster, Tally tally, CancellationToken ct)
    {
        if (roster.FindMemberById(meeting.ConvenedByMemberId) is not { } convener)
        {
            return meeting;
        }

        var language = await cards.LanguageOfAsync(convener, ct).ConfigureAwait(false);
        var summary = cards.Text(language, "meetings.summary.proposal");
        var (card, fingerprint) = cards.Proposal(meeting, state, bookedStart, ranked, votes, roster, convener.TimeZone, time.GetUtcNow(), language);
        if (meeting.ProposalCards.FirstOrDefault() is { } sent)
        {
            if (fingerprint == meeting.ProposalFingerprint)
            {
                return meeting;
            }

            await messenger.UpdateAsync(sent.ServiceUrl, sent.ConversationId, sent.ActivityId, CardActivity(card, summary), ct).ConfigureAwait(false);
            tally.ProposalsUpdated++;
            return meeting with { ProposalFingerprint = fingerprint };
        }

        var delivered = await SendCardAsync(convener, _ => card, summary, ct).ConfigureAwait(false);
        if (delivered is null)
        {
            return meeting;
        }

        tally.ProposalsSent++;
        return meeting with { ProposalCards = [delivered], ProposalFingerprint = fingerprint };
    }

    /// <summary>Creates the event (Graph's transactionId makes a retry after a crash create it once).</summary>
    private async Task<EmergencyMeeting> BookAsync(StoredMeeting stored, Roster roster, CancellationToken ct)
    {
        var meeting = stored.Meeting;
        if (!booker.IsEnabled || meeting.EventId is not null || stored.BookedStart is not { } start)
        {
            return meeting;
        }

        var attendees = meeting.Participants
            .Select(p => roster.FindMemberById(p.MemberId))
            .OfType<BureauMember>()
            .Where(m => !string.IsNullOrWhiteSpace(m.Mailbox))
            .Select(m => new MeetingAttendee(m.DisplayName, m.Mailbox))
            .ToList();
        // One event for every attendee: in the language of the member who books it (the President).
        var language = roster.FindMemberById(stored.BookedBy ?? meeting.ConvenedByMemberId) is { } booking
            ? await cards.LanguageOfAsync(booking, ct).ConfigureAwait(false)
            : TextCatalogue.English;
        var subject = meeting.MatterReference is null
            ? cards.Text(language, "meetings.event.subject")
            : cards.Text(language, "meetings.event.subjectMatter", ("reference", meeting.MatterReference));
        var body = cards.Text(language, "meetings.event.body");
        var booked = await booker.BookAsync(new MeetingBooking(meeting.Id, subject, body, start, start + meeting.Duration, attendees), ct).ConfigureAwait(false);
        LogBooked(logger, meeting.Id);
        return meeting with { EventId = booked.EventId, JoinUrl = booked.JoinUrl };
    }

    /// <summary>Tells every member (their zone, the join link), closes the vote cards, updates the President's card, records it on the matter.</summary>
    private async Task<EmergencyMeeting> AnnounceAsync(StoredMeeting stored, Roster roster, Tally tally, CancellationToken ct)
    {
        var meeting = stored.Meeting;
        var start = stored.BookedStart ?? throw new InvalidOperationException("A booked meeting has no slot.");
        var convener = roster.FindMemberById(stored.BookedBy ?? meeting.ConvenedByMemberId) ?? roster.FindMemberById(meeting.ConvenedByMemberId);
        var convenedBy = convener?.DisplayName; // null: "the President", in each reader's language
        var notified = meeting.NotifiedMemberIds.ToList();
        foreach (var participant in meeting.Participants.Where(p => !notified.Contains(p.MemberId)))
        {
            if (roster.FindMemberById(participant.MemberId) is not { } member)
            {
                continue;
            }

            var language = await cards.LanguageOfAsync(member, ct).ConfigureAwait(false);
            var card = await SendCardAsync(member, _ => cards.Booked(meeting, member, start, convenedBy, meeting.EventId is not null, language), cards.Text(language, "meetings.summary.booked"), ct).ConfigureAwait(false);
            notified.Add(member.Id);
            tally.BookedCardsSent += card is null ? 0 : 1;
        }

        meeting = meeting with { NotifiedMemberIds = notified };
        var votes = await meetings.GetVotesAsync(meeting.Id, ct).ConfigureAwait(false);
        foreach (var voteCard in meeting.VoteCards)
        {
            if (roster.FindMemberById(voteCard.MemberId) is { } member)
            {
                var language = await cards.LanguageOfAsync(member, ct).ConfigureAwait(false);
                await TryUpdateAsync(voteCard, cards.Vote(meeting, member, votes, open: false, start, language), cards.Text(language, "meetings.summary.vote"), ct).ConfigureAwait(false);
            }
        }

        meeting = await UpdateProposalAsync(meeting, MeetingState.Booked, start, [], votes, roster, tally, ct).ConfigureAwait(false);
        if (meeting.MatterId is { } matterId && !meeting.RecordedOnTimeline && convener is not null)
        {
            var matter = await matters.GetAsync(MatterId.Parse(matterId), ct).ConfigureAwait(false);
            if (matter is { IsClosed: false })
            {
                var purpose = meeting.MatterIs7A ? EmergencyMeetingConvened.Step14A : EmergencyMeetingConvened.Para20; // the record words it
                matter.RecordEmergencyMeeting(Actor.From(convener), start, purpose, time);
                await matters.UpdateAsync(matter, matter.Version, ct).ConfigureAwait(false);
                foreach (var handler in _bookedHandlers)
                {
                    await handler.MeetingBookedAsync(matter.Id, start, Actor.From(convener), ct).ConfigureAwait(false);
                }
            }

            meeting = meeting with { RecordedOnTimeline = true };
        }

        return meeting;
    }

    private async Task<SentCard?> SendCardAsync(BureauMember member, Func<ConversationReference, System.Text.Json.Nodes.JsonObject> card, string summary, CancellationToken ct)
    {
        var aad = member.AadObjectId.Trim().ToLowerInvariant();
        try
        {
            var reference = await messenger.GetOrCreatePersonalConversationAsync(aad, ct).ConfigureAwait(false);
            var delivery = await messenger.SendAsync(aad, reference, CardActivity(card(reference), summary), ct).ConfigureAwait(false);
            return new SentCard(member.Id, delivery.ActivityId, delivery.ConversationId, delivery.ServiceUrl);
        }
        catch (Exception ex) when (ex is ConnectorException or ProactiveUnreachableException && !ct.IsCancellationRequested)
        {
            LogCardNotDelivered(logger, member.Id, (int?)(ex as ConnectorException)?.StatusCode);
            return null;
        }
    }

    private async Task TryUpdateAsync(SentCard sent, System.Text.Json.Nodes.JsonObject card, string summary, CancellationToken ct)
    {
        try
        {
            await messenger.UpdateAsync(sent.ServiceUrl, sent.ConversationId, sent.ActivityId, CardActivity(card, summary), ct).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (!ct.IsCancellationRequested)
        {
            LogCardNotDelivered(logger, sent.MemberId, (int?)ex.StatusCode);
        }
    }

    private static Activity CardActivity(System.Text.Json.Nodes.JsonObject card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Tally
    {
        public int Polled;
        public int ProposalsSent;
        public int ProposalsUpdated;
        public int VoteCardsSent;
        public int Booked;
        public int BookedCardsSent;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "Emergency meeting {MeetingId}: poll failed; trying again shortly")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string meetingId);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Emergency meeting {MeetingId}: Graph could not be read; the last calendars read are kept")]
    private static partial void LogGraphFailed(ILogger logger, Exception exception, string meetingId);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Emergency meeting {MeetingId}: event created on the organiser's calendar")]
    private static partial void LogBooked(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Emergency meeting card not delivered to member {MemberId} (status {StatusCode})")]
    private static partial void LogCardNotDelivered(ILogger logger, string memberId, int? statusCode);
}
