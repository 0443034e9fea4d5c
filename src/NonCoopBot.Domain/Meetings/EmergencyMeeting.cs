using System.Text.Json.Serialization;

namespace NonCoopBot.Domain.Meetings;

/// <summary>Where an emergency meeting stands.</summary>
public enum MeetingState
{
    /// <summary>Reading calendars and votes every poll interval.</summary>
    Polling,

    /// <summary>The President picked a slot; the event is being created.</summary>
    Booking,

    /// <summary>Booked; the members are being told.</summary>
    Booked,

    /// <summary>Nothing more to do (everyone told, or the window passed without a booking).</summary>
    Closed,
}

/// <summary>How a member's availability is known.</summary>
public enum AvailabilitySource
{
    /// <summary>Their calendar, read through Graph.</summary>
    Calendar,

    /// <summary>Their votes (no mailbox in the tenant, an error item, or Graph not configured).</summary>
    Votes,
}

/// <summary>One Bureau member invited to the meeting.</summary>
/// <param name="CalendarError">Why the calendar could not be read (Graph's error code), if so.</param>
public sealed record MeetingParticipant(string MemberId, AvailabilitySource Source, string? CalendarError, MemberCalendar? Calendar);

/// <summary>A card sent to someone, kept so it can be updated in place.</summary>
public sealed record SentCard(string MemberId, string ActivityId, string ConversationId, string ServiceUrl);

/// <summary>
/// An emergency Bureau meeting being arranged (paras 14(a), 17, 20): what the President asked, what the
/// calendars said at the last poll, the slots offered for votes, and the cards to keep up to date.
/// </summary>
public sealed record EmergencyMeeting
{
    public required string Id { get; init; }

    public string? MatterId { get; init; }

    /// <summary>The Court reference of the matter (the only matter detail in the calendar event).</summary>
    public string? MatterReference { get; init; }

    /// <summary>True when the matter is 7(a) (the meeting is step 14(a) of the formal procedure).</summary>
    public bool MatterIs7A { get; init; }

    public required string ConvenedByMemberId { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    public required int DurationMinutes { get; init; }

    public required int Quorum { get; init; }

    public IReadOnlyList<string> RequiredMemberIds { get; init; } = [];

    public bool KeepToWorkingHours { get; init; }

    public IReadOnlyList<MeetingParticipant> Participants { get; init; } = [];

    /// <summary>The slots offered to members who vote (fixed at the first poll so that votes keep their meaning).</summary>
    public IReadOnlyList<DateTimeOffset> Candidates { get; init; } = [];

    public IReadOnlyList<SentCard> VoteCards { get; init; } = [];

    public IReadOnlyList<SentCard> ProposalCards { get; init; } = [];

    /// <summary>What the proposal cards show (without the time of the poll): a change means an update.</summary>
    public string? ProposalFingerprint { get; init; }

    public DateTimeOffset? LastPolledAt { get; init; }

    public int Polls { get; init; }

    public string? EventId { get; init; }

    public string? JoinUrl { get; init; }

    /// <summary>Members already sent the booked-meeting card.</summary>
    public IReadOnlyList<string> NotifiedMemberIds { get; init; } = [];

    public bool RecordedOnTimeline { get; init; }

    [JsonIgnore]
    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);

    /// <summary>The ranking's request.</summary>
    [JsonIgnore]
    public MeetingRequest Request => new(WindowStart, WindowEnd, Duration, Quorum, RequiredMemberIds, KeepToWorkingHours);
}

/// <summary>A stored meeting with the columns that change outside its document.</summary>
/// <param name="BookedStart">The slot the President picked (set by the booking tap).</param>
/// <param name="BookedBy">Roster id of who picked it.</param>
public sealed record StoredMeeting(EmergencyMeeting Meeting, MeetingState State, DateTimeOffset? BookedStart, string? BookedBy);

/// <summary>One member's vote on one slot.</summary>
public sealed record MeetingVote(string MemberId, DateTimeOffset SlotStart, SlotAnswer Answer);
