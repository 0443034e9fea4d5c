using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>
/// The meeting cards (cards/meeting-*.json) bound with a meeting's data, each in its reader's language: the President's
/// card in the President's, each vote and booked card in its member's (their choice, else the roster's preference).
/// </summary>
public sealed class MeetingCards(BotCards cards, LanguagePreferences? languages = null)
{
    public const string ProposalCard = "meeting-proposal";
    public const string VoteCard = "meeting-vote";
    public const string BookedCard = "meeting-booked";

    /// <summary>How many slots the President's card proposes.</summary>
    public const int ProposedSlots = 5;

    /// <summary>How many slots are offered to members who vote.</summary>
    public const int CandidateSlots = 6;

    private TextCatalogue Texts => cards.Texts;

    /// <summary>The language <paramref name="member"/> reads in (their choice, else the roster's preference).</summary>
    public async Task<string> LanguageOfAsync(BureauMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return languages is null ? member.PreferredLanguage.ToCode() : await languages.OfMemberAsync(member, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A text of the meetings area in <paramref name="language"/>.</summary>
    public string Text(string language, string key, params ReadOnlySpan<(string Name, object? Value)> args) => Texts.Format(language, key, args);

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
        IReadOnlyList<MeetingVote> votes, Roster roster, string? readerZone, DateTimeOffset checkedAt, string language = TextCatalogue.English)
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
            var (ny, local) = MeetingTimes.Both(slot.Start, slot.End, readerZone, Texts, language);
            var quorum = Text(language, slot.MeetsQuorum ? "meetings.quorumMet" : "meetings.quorumNotMet");
            var required = slot.RequiredCanAttend ? string.Empty : Text(language, "meetings.requiredCannot");
            slotData.Add((JsonNode)new JsonObject
            {
                ["meetingId"] = meeting.Id,
                ["start"] = MeetingTimes.Key(slot.Start),
                ["newYork"] = ny,
                ["local"] = local,
                ["summary"] = Text(language, "meetings.slotSummary", ("can", slot.CanAttend), ("total", total), ("yes", slot.Yes.Count), ("ifNeedBe", slot.IfNeedBe.Count), ("quorum", quorum), ("required", required)),
                ["attendees"] = Attendees(slot, roster, language),
                ["canBook"] = true,
            });
        }

        var status = state switch
        {
            MeetingState.Polling when slots.Count == 0 => Text(language, "meetings.status.noSlot"),
            MeetingState.Polling => Text(language, "meetings.status.polling", ("count", slots.Count)),
            MeetingState.Booking => Text(language, "meetings.status.booking", ("slot", Describe(bookedStart, meeting, readerZone, language))),
            MeetingState.Booked or MeetingState.Closed when bookedStart is not null =>
                Text(language, meeting.JoinUrl is null ? "meetings.status.booked" : "meetings.status.bookedWithLink", ("slot", Describe(bookedStart, meeting, readerZone, language))),
            _ => Text(language, "meetings.status.passed"),
        };
        var data = new JsonObject
        {
            ["status"] = status,
            ["matter"] = MatterText(meeting, language),
            ["window"] = $"{MeetingTimes.At(meeting.WindowStart, TimeZones.NewYork, Texts, language)} – {MeetingTimes.At(meeting.WindowEnd, TimeZones.NewYork, Texts, language)}",
            ["duration"] = Text(language, "meetings.minutes", ("minutes", meeting.DurationMinutes)),
            ["quorum"] = Text(language, "meetings.quorum", ("quorum", meeting.Quorum), ("total", total)) + (meeting.RequiredMemberIds.Count == 0 ? string.Empty
                : Text(language, "meetings.mustAttend", ("names", string.Join(", ", meeting.RequiredMemberIds.Select(id => Name(roster, id)))))),
            ["sources"] = Text(language, "meetings.sources", ("calendar", byCalendar), ("votes", total - byCalendar)),
            ["notAnswered"] = notAnswered.Count == 0 ? "—" : string.Join(", ", notAnswered.Select(id => Name(roster, id))),
            ["slots"] = slotData,
        };
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToJsonString())));
        data["checkedAt"] = MeetingTimes.At(checkedAt, TimeZones.NewYork, Texts, language);
        return ((JsonObject)cards.Bind(ProposalCard, data, language), fingerprint);
    }

    /// <summary>
    /// The vote card of one member: the candidate slots in their zone, with their answers. It is only ever in the
    /// member's 1:1 chat, so its <c>refresh</c> has no <c>userIds</c>: Teams then refreshes it for everyone in a chat
    /// of up to 60 members, i.e. for that member (an empty list would offer only a manual refresh).
    /// </summary>
    public JsonObject Vote(EmergencyMeeting meeting, BureauMember member, IReadOnlyList<MeetingVote> votes, bool open, DateTimeOffset? bookedStart, string language = TextCatalogue.English)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(member);
        var mine = votes.Where(v => v.MemberId == member.Id).ToDictionary(v => v.SlotStart, v => v.Answer);
        var slots = new JsonArray();
        for (var i = 0; i < meeting.Candidates.Count; i++)
        {
            var start = meeting.Candidates[i];
            var answer = mine.TryGetValue(start, out var a) ? a : SlotAnswer.Unknown;
            slots.Add((JsonNode)new JsonObject
            {
                ["inputId"] = "slot-" + i,
                ["local"] = MeetingTimes.Span(start, start + meeting.Duration, member.TimeZone, Texts, language),
                ["newYork"] = MeetingTimes.Span(start, start + meeting.Duration, TimeZones.NewYork, Texts, language),
                ["answer"] = answer == SlotAnswer.Unknown ? string.Empty : answer.ToString(),
                ["open"] = open,
                ["answerText"] = Text(language, answer is SlotAnswer.Yes or SlotAnswer.IfNeedBe or SlotAnswer.No ? "meetings.answer." + answer : "meetings.answer.none"),
            });
        }

        var intro = open
            ? Text(language, "meetings.vote.intro")
            : bookedStart is { } at ? Text(language, "meetings.vote.booked", ("slot", MeetingTimes.Span(at, at + meeting.Duration, member.TimeZone, Texts, language)))
            : Text(language, "meetings.vote.closed");
        return (JsonObject)cards.Bind(VoteCard, new JsonObject
        {
            ["meetingId"] = meeting.Id,
            ["intro"] = intro,
            ["matter"] = MatterText(meeting, language),
            ["duration"] = Text(language, "meetings.minutes", ("minutes", meeting.DurationMinutes)),
            ["open"] = open,
            ["slots"] = slots,
        }, language);
    }

    /// <summary>The booked-meeting card of one member: the time in their zone and New York, the join link when there is one.</summary>
    public JsonObject Booked(EmergencyMeeting meeting, BureauMember member, DateTimeOffset start, string? convenedBy, bool calendarEvent, string language = TextCatalogue.English)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(member);
        var end = start + meeting.Duration;
        return (JsonObject)cards.Bind(BookedCard, new JsonObject
        {
            ["local"] = MeetingTimes.Span(start, end, member.TimeZone, Texts, language),
            ["newYork"] = MeetingTimes.Span(start, end, TimeZones.NewYork, Texts, language),
            ["matter"] = MatterText(meeting, language),
            ["convenedBy"] = convenedBy ?? Text(language, "meetings.thePresident"),
            ["note"] = Text(language, calendarEvent ? "meetings.booked.invitation" : "meetings.booked.noInvitation"),
            ["hasJoinUrl"] = meeting.JoinUrl is not null,
            ["joinUrl"] = meeting.JoinUrl ?? string.Empty,
        }, language);
    }

    /// <summary>"NC-2026-001 (ICC-01/99-01/26)" or "No matter named" (in <paramref name="language"/>).</summary>
    public string MatterText(EmergencyMeeting meeting, string language = TextCatalogue.English)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.MatterId is null ? Text(language, "meetings.noMatter") : $"{meeting.MatterId} ({meeting.MatterReference})";
    }

    private string Describe(DateTimeOffset? start, EmergencyMeeting meeting, string? readerZone, string language)
    {
        if (start is not { } s)
        {
            return Text(language, "meetings.aSlot");
        }

        var (ny, local) = MeetingTimes.Both(s, s + meeting.Duration, readerZone, Texts, language);
        return local.StartsWith('(') ? ny : $"{ny} ({local})";
    }

    private string Attendees(RankedSlot slot, Roster roster, string language)
    {
        var parts = new List<string>();
        foreach (var (ids, key) in new[] { (slot.Yes, "meetings.attendees.yes"), (slot.IfNeedBe, "meetings.attendees.ifNeedBe"), (slot.Unknown, "meetings.attendees.unknown") })
        {
            if (ids.Count > 0)
            {
                parts.Add(Text(language, key, ("names", string.Join(", ", ids.Select(id => Name(roster, id))))));
            }
        }

        return parts.Count == 0 ? Text(language, "meetings.attendees.none") : string.Join(" ", parts);
    }

    private static string Name(Roster roster, string memberId) => roster.FindMemberById(memberId)?.DisplayName ?? memberId;
}
