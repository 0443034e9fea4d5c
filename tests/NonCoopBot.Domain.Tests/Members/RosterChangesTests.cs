using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.Members;

public sealed class RosterChangesTests
{
    [Fact]
    public void Para16_warns_when_a_focal_point_shares_the_Presidents_group_while_another_group_has_none()
    {
        var sample = TestData.SampleRoster(); // President from Senegal (African States); Kenya's member is a focal point; no Eastern European one
        var balanced = sample.Replace("member-ken", m => m.With(focalPoint: false)).Replace("member-rou", m => m.With(focalPoint: true));

        var gap = Assert.Single(RosterChanges.Para16Gaps(sample));

        Assert.Equal("Ambassador K. Example", gap.FocalPoint.DisplayName);
        Assert.Equal([RegionalGroup.EasternEuropean], gap.Missing);
        Assert.Empty(RosterChanges.Para16Gaps(balanced));
    }

    [Fact]
    public void Changes_and_appointments_keep_since_and_by_for_those_unchanged()
    {
        var sample = TestData.SampleRoster();
        var next = sample.Replace("member-ken", m => m.With(focalPoint: false)).Replace("member-rou", m => m.With(focalPoint: true), actingPresidentId: "vp-2");
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = RosterChanges.Appointments([], sample, t0, "Clerk A");

        var changes = RosterChanges.Describe(sample, next);
        var second = RosterChanges.Appointments(first, next, t0.AddDays(30), "Clerk B");

        Assert.Equal(
            ["roster.change.focalEnded(name=Ambassador K. Example)", "roster.change.focalAppointed(name=Ambassador G. Template, group=EasternEuropean)", "roster.change.acting(name=Ambassador A. Vance)"],
            changes.Select(c => c.ToString()));
        Assert.Equal(RegionalGroup.EasternEuropean, changes[1]["group"]);
        Assert.Equal("Clerk A", second.Single(a => a.MemberId == "member-jpn").By);
        Assert.Equal(t0.AddDays(30), second.Single(a => a.MemberId == "member-rou").Since);
        Assert.Equal("Clerk B", second.Single(a => a.Kind == RosterChanges.ActingPresidentKind).By);
        Assert.DoesNotContain(second, a => a.MemberId == "member-ken");
        Assert.Empty(RosterChanges.Describe(sample, sample));
    }
}
