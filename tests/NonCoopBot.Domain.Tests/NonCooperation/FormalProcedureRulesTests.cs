using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Tests.NonCooperation;

public sealed class FormalProcedureRulesTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(14, true)]
    [InlineData(15, false)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void The_open_letter_time_limit_is_no_more_than_two_weeks(int days, bool allowed)
    {
        var sent = new DateOnly(2026, 2, 20);

        Assert.Equal(allowed, FormalProcedureRules.IsAllowedResponseTimeLimit(sent, sent.AddDays(days)));
        Assert.Equal(new DateOnly(2026, 3, 6), FormalProcedureRules.LatestResponseDate(sent));
    }

    [Theory]
    [InlineData("2026-09-01", "2026-12-01", false)]
    [InlineData("2026-09-01", "2026-12-02", true)]
    [InlineData("2026-11-15", "2026-12-01", false)]
    [InlineData("2026-03-02", "2026-12-07", true)]
    public void A_Working_Group_public_meeting_needs_more_than_three_months_before_the_next_session(string meeting, string session, bool allowed) =>
        Assert.Equal(allowed, FormalProcedureRules.MayRequestWorkingGroupPublicMeeting(DateOnly.Parse(meeting), DateOnly.Parse(session)));
}
