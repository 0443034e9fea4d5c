using NonCoopBot.Domain.Meetings;

namespace NonCoopBot.Domain.Tests.Meetings;

/// <summary>The ranking on hand-made calendars: quorum and required members, yes over if-need-be, time zones and DST.</summary>
public sealed class SlotRankingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<DateTimeOffset, SlotAnswer> NoVotes = new Dictionary<DateTimeOffset, SlotAnswer>();

    private static MeetingRequest Request(DateTimeOffset start, TimeSpan window, int quorum, bool workingHours = false, params string[] required) =>
        new(start, start + window, TimeSpan.FromHours(1), quorum, required, workingHours);

    private static MemberAvailability Busy(string id, params (DateTimeOffset Start, int Hours, FreeBusy Status)[] items) =>
        new(id, new MemberCalendar([.. items.Select(i => new BusyInterval(i.Start, i.Start.AddHours(i.Hours), i.Status))], null), NoVotes);

    [Fact]
    public void Slots_WithQuorumAndEveryRequiredMember_ComeFirst_EvenWhenLater()
    {
        // 12:00 and 13:00: three free but the required member "b" is busy; 14:00: quorum of 2 with "b".
        var members = new[]
        {
            Busy("a"), Busy("b", (Monday, 2, FreeBusy.Busy)), Busy("c", (Monday.AddHours(2), 2, FreeBusy.Busy)), Busy("d", (Monday.AddHours(2), 2, FreeBusy.OutOfOffice)),
        };

        var ranked = SlotRanking.Rank(Request(Monday, TimeSpan.FromHours(3), 2, required: "b"), members, 3);

        Assert.Equal(Monday.AddHours(2), ranked[0].Start);
        Assert.True(ranked[0].Qualifies);
        Assert.Equal(["a", "b"], ranked[0].Yes);
        Assert.Equal((Monday, 3, false), (ranked[1].Start, ranked[1].CanAttend, ranked[1].RequiredCanAttend));
    }

    [Fact]
    public void MoreWhoCanAttend_ThenYesOverIfNeedBe_ThenTheEarliest()
    {
        // 12:00 all three, one tentative; 13:00 all three yes; 14:00 all three yes (later, same as 13:00); 15:00 two.
        var members = new[]
        {
            Busy("a", (Monday, 1, FreeBusy.Tentative)), Busy("b", (Monday.AddHours(3), 1, FreeBusy.Busy)), Busy("c", (Monday.AddHours(1), 2, FreeBusy.WorkingElsewhere)),
        };

        var ranked = SlotRanking.Rank(Request(Monday, TimeSpan.FromHours(4), 2), members, 4);

        Assert.Equal([Monday.AddHours(1), Monday.AddHours(2), Monday, Monday.AddHours(3)], ranked.Select(r => r.Start));
        Assert.Equal(["a"], ranked[2].IfNeedBe);
        Assert.Equal(2, ranked[3].CanAttend);
    }

    [Fact]
    public void Slots_AreOnA15MinuteGrid_AndProposedSlotsDoNotOverlap()
    {
        var start = Monday.AddMinutes(7);
        var members = new[] { Busy("a", (Monday, 1, FreeBusy.Busy)) };

        var ranked = SlotRanking.Rank(Request(start, TimeSpan.FromHours(4), 1), members, 3);

        Assert.Equal([Monday.AddHours(1), Monday.AddHours(2), Monday.AddHours(3)], ranked.Select(r => r.Start));
        Assert.All(ranked, r => Assert.Equal(0, r.Start.Minute % 15));
    }

    [Fact]
    public void WorkingHoursInWindowsZones_FollowEachDaylightSavingChange()
    {
        // Amsterdam (W. Europe Standard Time) left summer time on 25 Oct 2026, New York (Eastern Standard Time) on 1 Nov 2026.
        // Working 09:00-17:00 local: Fri 30 Oct the overlap is 13:00-16:00 UTC (NY on EDT); Mon 2 Nov it is 14:00-16:00 UTC (NY on EST).
        static MemberAvailability Worker(string id, string windowsZone) =>
            new(id, new MemberCalendar([], new WorkingHours([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0), windowsZone)), NoVotes);
        var members = new[] { Worker("ams", "W. Europe Standard Time"), Worker("nyc", "Eastern Standard Time") };
        var friday = new DateTimeOffset(2026, 10, 30, 11, 0, 0, TimeSpan.Zero);
        var monday = new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero);

        var beforeChange = SlotRanking.Rank(Request(friday, TimeSpan.FromHours(6), 2, workingHours: true), members, 1)[0];
        var afterChange = SlotRanking.Rank(Request(monday, TimeSpan.FromHours(6), 2, workingHours: true), members, 1)[0];
        var ignoringHours = SlotRanking.Rank(Request(monday, TimeSpan.FromHours(6), 2, workingHours: false), members, 1)[0];

        Assert.Equal((friday.AddHours(2), true), (beforeChange.Start, beforeChange.Qualifies));
        Assert.Equal((monday.AddHours(3), true), (afterChange.Start, afterChange.Qualifies));
        Assert.Equal(monday, ignoringHours.Start);
    }

    [Fact]
    public void WorkingHours_InTheRosterIanaZone_AlsoApply_AndASpringForwardGapIsSkipped()
    {
        // New York springs forward on 8 Mar 2026 (Sunday): a 02:00 start does not exist that day; Sunday working hours 02:00-05:00
        // local are 07:00-09:00 UTC (02:00 moves to 03:00 EDT = 07:00 UTC).
        var member = new MemberAvailability("nyc", new MemberCalendar([], new WorkingHours([DayOfWeek.Sunday], new TimeOnly(2, 0), new TimeOnly(5, 0), "America/New_York")), NoVotes);
        var start = new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero);

        var best = SlotRanking.Rank(Request(start, TimeSpan.FromHours(6), 1, workingHours: true), [member], 1)[0];

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), best.Start);
    }

    [Fact]
    public void Votes_MergeWithCalendars_AndAVoteOverridesTheCalendarForItsSlot()
    {
        var votes = new Dictionary<DateTimeOffset, SlotAnswer> { [Monday.AddHours(2)] = SlotAnswer.Yes, [Monday] = SlotAnswer.No };
        var members = new[]
        {
            Busy("graph", (Monday.AddHours(1), 1, FreeBusy.Busy)),
            new MemberAvailability("voter", null, votes),
            new MemberAvailability("graph-voted", new MemberCalendar([new(Monday.AddHours(2), Monday.AddHours(3), FreeBusy.Busy)], null), new Dictionary<DateTimeOffset, SlotAnswer> { [Monday.AddHours(2)] = SlotAnswer.IfNeedBe }),
            new MemberAvailability("silent", null, NoVotes),
        };

        var ranked = SlotRanking.Rank(Request(Monday, TimeSpan.FromHours(3), 3), members, 3);

        Assert.Equal(Monday.AddHours(2), ranked[0].Start);
        Assert.Equal(["graph", "voter"], ranked[0].Yes);
        Assert.Equal(["graph-voted"], ranked[0].IfNeedBe);
        Assert.Equal(["silent"], ranked[0].Unknown);
        Assert.True(ranked[0].MeetsQuorum);
        var noon = Assert.Single(ranked, r => r.Start == Monday);
        Assert.DoesNotContain("voter", noon.Yes.Concat(noon.Unknown));
    }

    [Theory]
    [InlineData("Tokyo Standard Time", "Asia/Tokyo")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Europe/Amsterdam", "Europe/Amsterdam")]
    public void WindowsAndIanaZoneIds_Resolve(string id, string iana) => Assert.Equal(iana, TimeZones.Find(id)!.Id);

    [Fact]
    public void AnUnknownZone_IsNotGuessed() => Assert.Null(TimeZones.Find("Customized Time Zone"));
}
