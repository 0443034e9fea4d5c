namespace NonCoopBot.Domain.Meetings;

/// <summary>What a calendar says about a span of time (Graph's <c>freeBusyStatus</c>, told apart).</summary>
public enum FreeBusy
{
    Free = 0,

    /// <summary>Working elsewhere: Graph counts it as free (availabilityView 0); the member can attend online.</summary>
    WorkingElsewhere = 1,

    /// <summary>Tentative: the member could attend if need be.</summary>
    Tentative = 2,

    Busy = 3,

    OutOfOffice = 4,
}

/// <summary>A member's answer for one slot (from a vote, or read from the calendar).</summary>
public enum SlotAnswer
{
    /// <summary>Not known: no readable calendar and no vote.</summary>
    Unknown = 0,

    No = 1,

    IfNeedBe = 2,

    Yes = 3,
}

/// <summary>One item of a calendar (UTC).</summary>
public readonly record struct BusyInterval(DateTimeOffset Start, DateTimeOffset End, FreeBusy Status);

/// <summary>
/// Working hours: the days and the local start and end, in a time zone (IANA, or a Windows id as Graph gives it;
/// see <see cref="TimeZones.Find"/>).
/// </summary>
public sealed record WorkingHours(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, string TimeZone);

/// <summary>What Graph told about one member's calendar over the window.</summary>
public sealed record MemberCalendar(IReadOnlyList<BusyInterval> Items, WorkingHours? WorkingHours);

/// <summary>One member as the ranking sees them: their calendar (if readable) and their votes by slot start.</summary>
/// <param name="MemberId">Roster id.</param>
/// <param name="Calendar">Null when Graph cannot read it: the member answers by vote.</param>
/// <param name="Votes">Votes by slot start (UTC); a vote overrides the calendar for its slot.</param>
public sealed record MemberAvailability(string MemberId, MemberCalendar? Calendar, IReadOnlyDictionary<DateTimeOffset, SlotAnswer> Votes);

/// <summary>What the President asked for.</summary>
/// <param name="WindowStart">First possible start (UTC).</param>
/// <param name="WindowEnd">The meeting must end by then.</param>
/// <param name="Duration">Length of the meeting, a multiple of <see cref="MeetingRequest.Step"/>.</param>
/// <param name="Quorum">How many members must be able to attend.</param>
/// <param name="RequiredMemberIds">Members who must attend.</param>
/// <param name="KeepToWorkingHours">A readable calendar's member outside their working hours counts as "no".</param>
public sealed record MeetingRequest(
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, TimeSpan Duration, int Quorum, IReadOnlyList<string> RequiredMemberIds, bool KeepToWorkingHours)
{
    /// <summary>Slots start every 15 minutes.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(15);
}

/// <summary>One candidate slot, ranked.</summary>
public sealed record RankedSlot(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Yes,
    IReadOnlyList<string> IfNeedBe,
    IReadOnlyList<string> Unknown,
    bool MeetsQuorum,
    bool RequiredCanAttend)
{
    /// <summary>Members who can attend (yes or if need be).</summary>
    public int CanAttend => Yes.Count + IfNeedBe.Count;

    /// <summary>Quorum met and every required member can attend.</summary>
    public bool Qualifies => MeetsQuorum && RequiredCanAttend;
}
