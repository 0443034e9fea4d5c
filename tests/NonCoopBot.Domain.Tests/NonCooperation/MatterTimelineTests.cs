using System.Text.Json;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Tests.NonCooperation;

public sealed class MatterTimelineTests
{
    private static readonly Actor President = TestData.President;

    [Fact]
    public void Triggering_good_offices_records_the_time_and_queues_one_alert_event()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        time.Advance(TimeSpan.FromMinutes(3));

        var entry = matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, "Reported travel", time);

        Assert.Equal(MatterStatus.GoodOfficesUnderway, matter.Status);
        Assert.Equal(time.GetUtcNow(), entry.At);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
        Assert.Equal(2, entry.Sequence);
        var initiated = Assert.IsType<GoodOfficesInitiated>(Assert.Single(matter.DequeueEvents()));
        Assert.Equal(matter.Id, initiated.MatterId);
        Assert.Equal("KEN", initiated.RequestedState.Code);
        Assert.Equal(President, initiated.InitiatedBy);
        Assert.Equal(entry.At, initiated.OccurredAt);
        Assert.Empty(matter.DequeueEvents());
    }

    [Fact]
    public void Good_offices_cannot_be_triggered_twice()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, time);

        var error = Assert.Throws<MatterRuleException>(() => matter.TriggerGoodOffices(President, GoodOfficesBasis.BureauDecision, null, time));

        Assert.Equal("rule.alreadyUnderway", error.Code);
        Assert.Equal(matter.Id.Value, error.Text["id"]);
    }

    [Fact]
    public void The_basis_of_good_offices_must_fit_the_scenario()
    {
        var time = TestData.Clock();
        var referred = TestData.OpenMatter(time, scenario: Scenario.CourtReferral7A);
        var referredOtherCooperation = TestData.OpenMatter(time, scenario: Scenario.CourtReferral7A, request: CourtRequest.Art93OtherCooperation, sequence: 2);
        var urgent = TestData.OpenMatter(time, scenario: Scenario.Urgent7B, sequence: 3);

        Assert.Throws<MatterRuleException>(() => referred.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, time));
        Assert.Throws<MatterRuleException>(() => urgent.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeUrgent7A, null, time));
        Assert.Throws<MatterRuleException>(() => referredOtherCooperation.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeUrgent7A, null, time));
        referred.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeUrgent7A, null, time);
        referredOtherCooperation.TriggerGoodOffices(President, GoodOfficesBasis.BureauDecision, null, time);
    }

    [Fact]
    public void An_oral_report_in_7b_must_say_whether_the_information_was_verified()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        var interaction = time.GetUtcNow().AddHours(-1);

        var error = Assert.Throws<MatterRuleException>(() =>
            matter.RecordOralReport(President, interaction, "Minister of Foreign Affairs", "Call held.", null, null, informationVerified: null, time));
        Assert.Equal("rule.7bVerified", error.Code);

        time.Advance(TimeSpan.FromMinutes(10));
        var report = matter.RecordOralReport(President, interaction, "Minister of Foreign Affairs", "Call held.", "Views noted.", "Follow up tomorrow.", true, time);

        Assert.Equal(time.GetUtcNow(), report.At);
        Assert.Equal(interaction, report.InteractionAt);
        Assert.True(report.InformationVerified);
        Assert.Equal("Dates of the visit", matter.StillToVerify);
        Assert.Equal("Reported travel plans", report.BasisKnown);
        Assert.Equal("Dates of the visit", report.BasisStillToVerify);
        Assert.True(matter.InformationVerified);
        var filed = Assert.IsType<OralReportFiled>(Assert.Single(matter.DequeueEvents()));
        Assert.Equal(report.Sequence, filed.TimelineSequence);
    }

    [Fact]
    public void The_timeline_keeps_every_typed_entry_in_order()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        var focalPoint = TestData.SampleRoster().FindMemberById("member-ken")!;

        matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, time);
        time.Advance(TimeSpan.FromMinutes(5));
        matter.RequestAssistance(President, focalPoint, "Please contact the Foreign Ministry.", time);
        time.Advance(TimeSpan.FromMinutes(5));
        matter.LogContact(NonCoopBot.Domain.NonCooperation.Actor.From(focalPoint), time.GetUtcNow(), "Permanent Secretary", "Meeting requested.", time);
        matter.RecordOralReport(President, time.GetUtcNow(), "Permanent Secretary", "Met.", null, null, false, time);
        matter.RecordEmergencyMeeting(President, time.GetUtcNow().AddHours(20), "Oral report", time);
        matter.UpdateInformation(President, "Visit confirmed for Friday", "Itinerary", time);
        time.Advance(TimeSpan.FromDays(1));
        matter.Close(President, "Visit cancelled.", time);

        Assert.Equal(
            [typeof(MatterOpened), typeof(GoodOfficesTriggered), typeof(FocalPointAssistanceRequested), typeof(ContactLogged),
             typeof(OralReportRecorded), typeof(EmergencyMeetingConvened), typeof(InformationUpdated), typeof(MatterClosed)],
            matter.Timeline.Select(e => e.GetType()));
        Assert.Equal(Enumerable.Range(1, 8), matter.Timeline.Select(e => e.Sequence));
        Assert.True(matter.Timeline.Zip(matter.Timeline.Skip(1)).All(pair => pair.First.At <= pair.Second.At));
        Assert.Equal(["member-ken"], matter.FocalPointsInvolved);
        Assert.Equal(MatterStatus.Closed, matter.Status);
        Assert.Equal(2, matter.DequeueEvents().Count);
    }

    [Fact]
    public void Nothing_can_be_recorded_on_a_closed_matter()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        matter.Close(President, "No longer current.", time);

        Assert.Throws<MatterRuleException>(() => matter.TriggerGoodOffices(President, GoodOfficesBasis.BureauDecision, null, time));
        Assert.Throws<MatterRuleException>(() => matter.LogContact(President, time.GetUtcNow(), "Official", "Call.", time));
        Assert.Throws<MatterRuleException>(() => matter.Close(President, "Again.", time));
    }

    [Fact]
    public void A_referral_turns_a_7b_matter_into_7a_but_good_offices_stay_Bureau_only()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time, scenario: Scenario.Urgent7B);
        matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, time);
        matter.RecordOralReport(President, time.GetUtcNow(), "Minister", "Call held.", null, null, true, time);

        var referral = matter.RecordReferral(President, "ICC-02/05-01/09-139", new DateOnly(2026, 3, 1), null, time);

        Assert.Equal(Scenario.CourtReferral7A, matter.Scenario);
        Assert.Equal(Confidentiality.HasPublicElements, matter.Confidentiality);
        Assert.Equal([referral], matter.PublicElements);
    }

    [Fact]
    public void The_open_letter_allows_at_most_two_weeks_for_views()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time, scenario: Scenario.CourtReferral7A);
        var sent = new DateOnly(2026, 3, 2);

        var error = Assert.Throws<MatterRuleException>(() => matter.RecordOpenLetter(President, sent, sent.AddDays(15), time));
        Assert.Equal("rule.letterTimeLimit", error.Code);
        Assert.Equal(new DateOnly(2026, 3, 16), error.Text["latest"]);

        var letter = matter.RecordOpenLetter(President, sent, sent.AddDays(14), time);
        Assert.Contains(letter, matter.PublicElements);

        var urgent = TestData.OpenMatter(time, scenario: Scenario.Urgent7B, sequence: 2);
        Assert.Throws<MatterRuleException>(() => urgent.RecordOpenLetter(President, sent, sent.AddDays(7), time));
    }

    [Fact]
    public void A_matter_survives_a_snapshot_and_JSON_round_trip()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, "note", time);
        matter.RecordOralReport(President, time.GetUtcNow(), "Minister", "Call held.", "Noted", "Next call", false, time);

        var json = JsonSerializer.Serialize(matter.ToSnapshot());
        var restored = Matter.Rehydrate(JsonSerializer.Deserialize<MatterSnapshot>(json)!);

        Assert.Equal(matter.Id, restored.Id);
        Assert.Equal(matter.Status, restored.Status);
        Assert.Equal(matter.Timeline, restored.Timeline);
        Assert.Contains("\"kind\":\"oralReportRecorded\"", json, StringComparison.Ordinal);
        Assert.Empty(restored.DequeueEvents());
    }
}
