using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>The meeting cards (cards/meeting-*.json) bound with a meeting's data.</summary>
public sealed class MeetingCards(BotCards cards)
{
    public const string ProposalCard = "meeting-proposal";
    public const string VoteCard = "meeting-vote";
    public const string BookedCard = "meeting-booked";

    /// <summary>How many slots the President's card proposes.</summary>
    public const int ProposedSlots = 5;

    /// <summary>How many slots are offered to members who vote.</summary>
    public const int CandidateSlots = 6;

    /// <summary>What the ranking sees: calendars of the members read through Graph, and everyone's votes.</summary>
    public static IReadOnlyList<MemberAvailability> Availability(EmergencyMeeting meeting, IReadOnlyList<MeetingVote> votes)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var byMember = votes.GroupBy(v => v.MemberId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<DateTimeOffset, SlotAnswer>)g.ToDictionary(v => v.SlotStart, v => v.Answer), StringComparer.Ordinal);
        return meeting.Participants.Select(p => new MemberAvailability(
            p.MemberId,
            p.Source == AvailabilitySource.Calendar ? p.Calendar : null,
            byMember.GetValueOrDefault(p.MemberId) ?? new Dictionary<DateTimeOffset, SlotAnswer>())).ToList();
    }

    /// <summary>Members who vote and have not answered at all.</summary>
    public static IReadOnlyList<string> NotAnswered(EmergencyMeeting meeting, IReadOnlyList<MeetingVote> votes) =>
        meeting.Participants.Where(p => p.Source == AvailabilitySource.Votes && !votes.Any(v => v.MemberId == p.MemberId)).Select(p => p.MemberId).ToList();

    /// <summary>The President's card and its fingerprint (everything it shows except the time of the check).</summary>
    public (JsonObject Card, string Fingerprint) Proposal(EmergencyMeeting meeting, MeetingState state, DateTimeOffset? bookedStart, IReadOnlyList<RankedSlot> slots,
        IReadOnlyList<MeetingVote> votes, Roster roster, string? readerZone, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(roster);
        var total = meeting.Participants.Count;
        var byCalendar = meeting.Participants.Count(p => p.Source == AvailabilitySource.Calendar);
        var notAnswered = NotAnswered(meeting, votes);
        var open = state == MeetingState.Polling;
        var slotData = new JsonArray();
        foreach (var slot in open ? slots : [])
        {
            var (ny, local) = MeetingTimes.Both(slot.Start, slot.End, readerZone);
            var quorum = slot.MeetsQuorum ? "quorum met" : "quorum not met";
            var required = slot.RequiredCanAttend ? string.Empty : "; a member who must attend cannot";
            slotData.Add(new JsonObject
            {
                ["meetingId"] = meeting.Id,
                ["start"] = MeetingTimes.Key(slot.Start),
                ["newYork"] = ny,
                ["local"] = local,
                ["summary"] = $"{slot.CanAttend} of {total} can attend ({slot.Yes.Count} yes, {slot.IfNeedBe.Count} if need be); {quorum}{required}",
                ["attendees"] = Attendees(slot, roster),
                ["canBook"] = true,
            });
        }

        var status = state switch
        {
            MeetingState.Polling when slots.Count == 0 => "No slot of this length fits in the window.",
            MeetingState.Polling => $"Best {slots.Count} slots so far. Calendars and votes are read again until you book a slot or the window passes.",
            MeetingState.Booking => $"Booking {Describe(bookedStart, meeting, readerZone)}.",
            MeetingState.Booked or MeetingState.Closed when bookedStart is not null => $"Booked: {Describe(bookedStart, meeting, readerZone)}. Every member is sent the time{(meeting.JoinUrl is null ? "" : " and the join link")}.",
            _ => "The window passed without a booking.",
        };
        var data = new JsonObject
        {
            ["status"] = status,
            ["matter"] = MatterText(meeting),
            ["window"] = $"{MeetingTimes.At(meeting.WindowStart, TimeZones.NewYork)} – {MeetingTimes.At(meeting.WindowEnd, TimeZones.NewYork)}",
            ["duration"] = $"{meeting.DurationMinutes} min",
            ["quorum"] = $"{meeting.Quorum} of {total}" + (meeting.RequiredMemberIds.Count == 0 ? string.Empty
                : "; must attend: " + string.Join(", ", meeting.RequiredMemberIds.Select(id => Name(roster, id)))),
            ["sources"] = $"{byCalendar} read through Microsoft 365, {total - byCalendar} by vote",
            ["notAnswered"] = notAnswered.Count == 0 ? "—" : string.Join(", ", notAnswered.Select(id => Name(roster, id))),
            ["slots"] = slotData,
        };
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToJsonString())));
        data["checkedAt"] = MeetingTimes.At(checkedAt, TimeZones.NewYork);
        return (cards.Catalog.Bind(ProposalCard, data), fingerprint);
    }

    /// <summary>
    /// The vote card of one member: the candidate slots in their zone, with their answers. It is only ever in the
    /// member's 1:1 chat, so its <c>refresh</c> has no <c>userIds</c>: Teams then refreshes it for everyone in a chat
    /// of up to 60 members, i.e. for that member (an empty list would offer only a manual refresh).
    /// </summary>
    public JsonObject Vote(EmergencyMeeting meeting, BureauMember member, IReadOnlyList<MeetingVote> votes, bool open, DateTimeOffset? bookedStart)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(member);
        var mine = votes.Where(v => v.MemberId == member.Id).ToDictionary(v => v.SlotStart, v => v.Answer);
        var slots = new JsonArray();
        for (var i = 0; i < meeting.Candidates.Count; i++)
        {
            var start = meeting.Candidates[i];
            var answer = mine.TryGetValue(start, out var a) ? a : SlotAnswer.Unknown;
            slots.Add(new JsonObject
            {
                ["inputId"] = "slot-" + i,
                ["local"] = MeetingTimes.Span(start, start + meeting.Duration, member.TimeZone),
                ["newYork"] = MeetingTimes.Span(start, start + meeting.Duration, TimeZones.NewYork),
                ["answer"] = answer == SlotAnswer.Unknown ? string.Empty : answer.ToString(),
                ["open"] = open,
                ["answerText"] = answer switch { SlotAnswer.Yes => "Your answer: yes", SlotAnswer.IfNeedBe => "Your answer: if need be", SlotAnswer.No => "Your answer: no", _ => "Not answered yet" },
            });
        }

        var intro = open
            ? "Your calendar cannot be read by the bot. Answer for each time below; you can change your answers until the meeting is booked."
            : bookedStart is { } at ? $"The meeting is booked for {MeetingTimes.Span(at, at + meeting.Duration, member.TimeZone)}. Answers are closed."
            : "Answers are closed.";
        return cards.Catalog.Bind(VoteCard, new JsonObject
        {
            ["meetingId"] = meeting.Id,
            ["intro"] = intro,
            ["matter"] = MatterText(meeting),
            ["duration"] = $"{meeting.DurationMinutes} min",
            ["open"] = open,
            ["slots"] = slots,
        });
    }

    /// <summary>The booked-meeting card of one member: the time in their zone and New York, the join link when there is one.</summary>
    public JsonObject Booked(EmergencyMeeting meeting, BureauMember member, DateTimeOffset start, string convenedBy, bool calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(member);
        var end = start + meeting.Duration;
        return cards.Catalog.Bind(BookedCard, new JsonObject
        {
            ["local"] = MeetingTimes.Span(start, end, member.TimeZone),
            ["newYork"] = MeetingTimes.Span(start, end, TimeZones.NewYork),
            ["matter"] = MatterText(meeting),
            ["convenedBy"] = convenedBy,
            ["note"] = calendarEvent
                ? "The invitation is in your calendar."
                : "No calendar invitation was created by the bot (Microsoft Graph is not configured). The President's office sends the meeting details.",
            ["hasJoinUrl"] = meeting.JoinUrl is not null,
            ["joinUrl"] = meeting.JoinUrl ?? string.Empty,
        });
    }

    /// <summary>"NC-2026-001 (ICC-01/99-01/26)" or "No matter named".</summary>
    public static string MatterText(EmergencyMeeting meeting) =>
        meeting.MatterId is null ? "No matter named" : $"{meeting.MatterId} ({meeting.MatterReference})";

    private static string Describe(DateTimeOffset? start, EmergencyMeeting meeting, string? readerZone)
    {
        if (start is not { } s)
        {
            return "a slot";
        }

        var (ny, local) = MeetingTimes.Both(s, s + meeting.Duration, readerZone);
        return local.StartsWith('(') ? ny : $"{ny} ({local})";
    }

    private static string Attendees(RankedSlot slot, Roster roster)
    {
        var parts = new List<string>();
        if (slot.Yes.Count > 0)
        {
            parts.Add("Yes: " + string.Join(", ", slot.Yes.Select(id => Name(roster, id))) + ".");
        }

        if (slot.IfNeedBe.Count > 0)
        {
            parts.Add("If need be: " + string.Join(", ", slot.IfNeedBe.Select(id => Name(roster, id))) + ".");
        }

        if (slot.Unknown.Count > 0)
        {
            parts.Add("Not known: " + string.Join(", ", slot.Unknown.Select(id => Name(roster, id))) + ".");
        }

        return parts.Count == 0 ? "No member can attend." : string.Join(" ", parts);
    }

    private static string Name(Roster roster, string memberId) => roster.FindMemberById(memberId)?.DisplayName ?? memberId;
}
