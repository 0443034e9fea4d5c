using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Tests.NonCooperation;

public sealed class FormalProcedureTests
{
    private static readonly MatterId Id = MatterId.Parse("NC-2026-001");
    private static readonly Actor Secretariat = new("secretariat-1", "Ms. Q. Example-Officer");

    private static FormalProcedure NewProcedure(Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null) =>
        FormalProcedure.Start(Id, new CourtDecision("Pre-Trial Chamber I", new DateOnly(2026, 2, 27), "ICC-02/05-01/09-109", "KEN", "Kenya",
            CourtRequest.Art89ArrestAndSurrender, "ICC-02/05-01/09", new DateOnly(2026, 1, 10), null), TestData.President, clock ?? TestData.Clock());

    [Theory]
    [InlineData(14, true)]
    [InlineData(15, false)]
    [InlineData(30, false)]
    public void OpenLetter_TimeLimitOfMoreThanTwoWeeks_IsRefusedCitingPara14b(int days, bool allowed)
    {
        var procedure = NewProcedure();
        var sent = new DateOnly(2026, 3, 2);

        var record = () => procedure.RecordOpenLetter(TestData.President, StepState.Done, sent, sent.AddDays(days), TestData.Clock());

        if (allowed)
        {
            Assert.Equal(StepState.Done, record().State);
            Assert.Equal(sent.AddDays(days), procedure.RespondBy);
            Assert.Contains(procedure.Checklist, c => c.Item == ChecklistItem.LetterCopyToStatesParties && !c.IsDone);
        }
        else
        {
            var ex = Assert.Throws<MatterRuleException>(record);
            Assert.Equal("rule.letterTimeLimit", ex.Code);
            Assert.Equal(new DateOnly(2026, 3, 16), ex.Text["latest"]);
            Assert.Null(procedure.RespondBy);
            Assert.Equal(StepState.NotStarted, procedure[ProcedureStep.OpenLetter].State);
        }
    }

    [Fact]
    public void StepB_WithoutATimeLimit_IsRefused()
    {
        var procedure = NewProcedure();

        var ex = Assert.Throws<MatterRuleException>(() => procedure.RecordStep(TestData.President, ProcedureStep.OpenLetter, StepState.Done, new DateOnly(2026, 3, 2), null, TestData.Clock()));

        Assert.Equal("rule.letterLimitNeeded", ex.Code);
    }

    [Theory]
    [InlineData(null, "2026-03-16")]
    [InlineData("2026-03-09", "2026-03-09")]
    [InlineData("2026-03-16", "2026-03-16")]
    [InlineData("2026-03-20", "2026-03-16")]
    public void StepC_FallsDueOnTheEarlierOfTheLimitAndAWrittenResponse(string? response, string expected)
    {
        var procedure = NewProcedure();
        procedure.RecordOpenLetter(TestData.President, StepState.Done, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16), TestData.Clock());

        if (response is not null)
        {
            procedure.RecordWrittenResponse(DateOnly.Parse(response, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), procedure.StepCDueOn);
        procedure.RecordStep(TestData.President, ProcedureStep.EmergencyBureauMeeting, StepState.Done, new DateOnly(2026, 3, 1), null, TestData.Clock());
        var next = procedure.NextDue(includeBureauOnly: true);
        Assert.Equal(ProcedureStep.AmbassadorialMeeting, next.Step);
        Assert.Equal(procedure.StepCDueOn, next.Date);
    }

    [Fact]
    public void StepC_WithoutALetter_HasNoDueDate()
    {
        Assert.Null(NewProcedure().StepCDueOn);
        Assert.Null(FormalProcedureRules.AmbassadorialMeetingDueOn(null, new DateOnly(2026, 3, 3)));
    }

    [Theory]
    [InlineData("2027-06-14", false)]
    [InlineData("2027-06-15", false)] // the boundary day: exactly three months is not "more than three months"
    [InlineData("2027-06-16", true)]
    [InlineData("2027-12-06", true)]
    public void StepD_IsOfferedOnlyIfTheNextSessionIsMoreThanThreeMonthsAfterMeetingC(string session, bool offered)
    {
        var procedure = NewProcedure();
        procedure.RecordStep(TestData.President, ProcedureStep.AmbassadorialMeeting, StepState.Done, new DateOnly(2027, 3, 15), null, TestData.Clock());
        var next = DateOnly.Parse(session, System.Globalization.CultureInfo.InvariantCulture);

        var check = procedure.CheckWorkingGroupMeeting(next);
        var record = () => procedure.RecordStep(TestData.President, ProcedureStep.WorkingGroupPublicMeeting, StepState.Planned, new DateOnly(2027, 4, 1), next, TestData.Clock());

        Assert.Equal(offered, check.IsOffered);
        Assert.Equal(offered ? "rule.wgOffered" : "rule.wgNotOffered", check.Reason.Code);
        Assert.Equal(next, check.Reason["session"]);
        Assert.Equal(new DateOnly(2027, 3, 15), check.Reason["meeting"]);
        if (offered)
        {
            Assert.Equal(StepState.Planned, record().State);
        }
        else
        {
            var ex = Assert.Throws<MatterRuleException>(record);
            Assert.Equal("rule.wgNotOffered", ex.Code);
            Assert.Equal(new DateOnly(2027, 6, 15), ex.Text["after"]);
            Assert.Equal("NC-2026-001", ex.Text["id"]);
            Assert.Equal(StepState.NotStarted, procedure[ProcedureStep.WorkingGroupPublicMeeting].State);
        }
    }

    [Fact]
    public void StepD_WithoutMeetingCOrSessionDate_SaysWhyNot()
    {
        var procedure = NewProcedure();
        Assert.Equal("rule.wgMeetingFirst", procedure.CheckWorkingGroupMeeting(new DateOnly(2027, 12, 1)).Reason.Code);
        procedure.RecordStep(TestData.President, ProcedureStep.AmbassadorialMeeting, StepState.Planned, new DateOnly(2027, 3, 15), null, TestData.Clock());
        Assert.Equal("rule.wgNoSession", procedure.CheckWorkingGroupMeeting(null).Reason.Code);
        Assert.False(procedure.CheckWorkingGroupMeeting(null).IsOffered);
    }

    [Fact]
    public void DecidedAgainst_NeedsNoDate_AndSkipsTheStepInWhatIsDueNext()
    {
        var procedure = NewProcedure();

        procedure.RecordStep(TestData.President, ProcedureStep.EmergencyBureauMeeting, StepState.DecidedAgainst, null, null, TestData.Clock());

        Assert.Equal(ProcedureStep.OpenLetter, procedure.NextDue(includeBureauOnly: true).Step);
        Assert.Throws<MatterRuleException>(() => procedure.RecordStep(TestData.President, ProcedureStep.ReportToAssembly, StepState.Planned, null, null, TestData.Clock()));
    }

    [Fact]
    public void Checklist_KeepsWhoAndWhen_AndASecondTickChangesNothing()
    {
        var clock = TestData.Clock();
        var procedure = NewProcedure(clock);
        clock.Advance(TimeSpan.FromHours(2));

        var (first, ticked) = procedure.Tick(Secretariat, ChecklistItem.PressRelease, clock);
        clock.Advance(TimeSpan.FromHours(1));
        var (second, tickedAgain) = procedure.Tick(TestData.President, ChecklistItem.PressRelease, clock);

        Assert.True(ticked);
        Assert.False(tickedAgain);
        Assert.Equal(Secretariat, first.By);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.Zero), first.At);
        Assert.Equal(first, second);
        Assert.False(procedure.Checklist.Single(c => c.Item == ChecklistItem.DecisionForwarded).IsDone);
        Assert.Throws<MatterRuleException>(() => procedure.Tick(Secretariat, ChecklistItem.LetterCopyToStatesParties, clock));
    }

    [Fact]
    public void Reminders_BeforeAndAtTheLimit_AndWhenStepCFallsDue_WithTheDateInTheKey()
    {
        var procedure = NewProcedure();
        procedure.RecordOpenLetter(TestData.President, StepState.Done, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16), TestData.Clock());

        var reminders = procedure.Reminders(TimeSpan.FromDays(2));

        Assert.Equal(["letter-before:2026-03-16", "letter-at:2026-03-16", "step-c-due:2026-03-16"], reminders.Select(r => r.Key));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero), reminders[0].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero), reminders[1].DueAt);
        Assert.False(reminders[0].IsBureauOnly);
        Assert.True(reminders[2].IsBureauOnly);

        procedure.RecordWrittenResponse(new DateOnly(2026, 3, 9));
        Assert.Equal(["step-c-due:2026-03-09"], procedure.Reminders(TimeSpan.FromDays(2)).Select(r => r.Key));

        procedure.RecordStep(TestData.President, ProcedureStep.AmbassadorialMeeting, StepState.Planned, new DateOnly(2026, 3, 12), null, TestData.Clock());
        Assert.Equal(["step-c-planned:2026-03-12"], procedure.Reminders(TimeSpan.FromDays(2)).Select(r => r.Key));
    }

    [Fact]
    public void PublicSteps_AreBAndDToF_AndTheArt97ItemIsBureauOnly()
    {
        Assert.Equal(
            [ProcedureStep.OpenLetter, ProcedureStep.WorkingGroupPublicMeeting, ProcedureStep.ReportToAssembly, ProcedureStep.PlenaryDiscussion],
            Enum.GetValues<ProcedureStep>().Where(s => !FormalProcedure.IsBureauOnly(s)));
        Assert.True(FormalProcedure.IsBureauOnly(ChecklistItem.Art97Reminder));
        Assert.False(FormalProcedure.IsBureauOnly(ChecklistItem.PressRelease));
    }

    [Fact]
    public void Snapshot_RoundTrips()
    {
        var procedure = NewProcedure();
        procedure.RecordOpenLetter(TestData.President, StepState.Done, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16), TestData.Clock());
        procedure.AppointFacilitator("Ms. A. Example");

        var restored = FormalProcedure.Rehydrate(procedure.ToSnapshot());

        Assert.Equal(procedure.Steps, restored.Steps);
        Assert.Equal(procedure.Checklist, restored.Checklist);
        Assert.Equal("Ms. A. Example", restored.Facilitator);
        Assert.Equal(procedure.StepCDueOn, restored.StepCDueOn);
    }
}
