using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.NonCooperation;

public sealed class MatterOpeningTests
{
    private static MatterOpeningResult Open(string code, Scenario scenario, CourtRequest request, TimeProvider time, string reference = "ICC-02/05-01/09", NonCoopBot.Domain.States.StateDirectory? states = null) =>
        Matter.Open(new MatterOpening((states ?? TestData.States).GetByCode(code), scenario, request, reference), 7, TestData.President, time);

    [Fact]
    public void A_matter_for_a_State_Party_opens_with_an_id_from_the_sequence()
    {
        var time = TestData.Clock();

        var result = Open("KEN", Scenario.CourtReferral7A, CourtRequest.Art93OtherCooperation, time);

        Assert.True(result.IsOpened);
        var matter = result.Matter!;
        Assert.Equal("NC-2026-007", matter.Id.Value);
        Assert.Equal(new NonCoopBot.Domain.NonCooperation.RequestedState("KEN", "Kenya", true, false), matter.RequestedState);
        Assert.Equal(MatterStatus.Open, matter.Status);
        Assert.Equal(Confidentiality.HasPublicElements, matter.Confidentiality);
        Assert.Equal(time.GetUtcNow(), matter.OpenedAt);
        Assert.Equal(0, matter.Version);
        Assert.IsType<MatterOpened>(Assert.Single(matter.Timeline));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_non_party_State_without_an_arrangement_is_refused_citing_para_8()
    {
        var result = Open("USA", Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, TestData.Clock());

        Assert.False(result.IsOpened);
        Assert.Equal(Matter.NotARequestedStateCode, result.Refusal!.Code);
        Assert.Equal("USA", Assert.IsType<State>(result.Refusal["state"]).Code);
        Assert.Equal("matter.notRequestedState(state=United States of America)", result.Refusal.ToString());
    }

    [Fact]
    public void A_non_party_State_with_an_arrangement_is_a_requested_State()
    {
        var states = TestData.States.WithArrangements(["SDN"]);

        var result = Open("SDN", Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, TestData.Clock(), states: states);

        Assert.True(result.IsOpened, result.Refusal?.ToString());
        Assert.Equal(new NonCoopBot.Domain.NonCooperation.RequestedState("SDN", "Sudan", false, true), result.Matter!.RequestedState);
    }

    [Fact]
    public void Party_status_is_taken_on_the_day_of_opening()
    {
        var before = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 23, 0, 0, TimeSpan.Zero));
        var after = new FakeTimeProvider(new DateTimeOffset(2026, 6, 2, 8, 0, 0, TimeSpan.Zero));

        Assert.True(Open("HUN", Scenario.Urgent7B, CourtRequest.Art89ArrestAndSurrender, before).IsOpened);
        var refused = Open("HUN", Scenario.Urgent7B, CourtRequest.Art89ArrestAndSurrender, after);
        Assert.False(refused.IsOpened);
        Assert.Equal(Matter.WithdrawnCode, refused.Refusal!.Code);
        Assert.Equal(new DateOnly(2026, 6, 2), refused.Refusal["date"]);
    }

    [Fact]
    public void Scenario_7b_with_an_article_93_request_is_refused_citing_para_7b()
    {
        var result = Open("KEN", Scenario.Urgent7B, CourtRequest.Art93OtherCooperation, TestData.Clock());

        Assert.False(result.IsOpened);
        Assert.Equal(Matter.Scenario7BArrestOnlyCode, result.Refusal!.Code);
    }

    [Fact]
    public void Scenario_7b_is_confidential_to_the_Bureau()
    {
        var matter = TestData.OpenMatter(TestData.Clock(), scenario: Scenario.Urgent7B);

        Assert.Equal(Confidentiality.BureauOnly, matter.Confidentiality);
        Assert.Empty(matter.PublicElements);
        Assert.Equal("Reported travel plans", matter.WhatIsKnown);
        Assert.Equal("Dates of the visit", matter.StillToVerify);
    }

    [Theory]
    [InlineData("ICC-02/05-01/09", "ICC-02/05-01/09", true)]
    [InlineData(" icc-01/04-01/06 ", "ICC-01/04-01/06", true)]
    [InlineData("ICC-02/05-01/09-139", "ICC-02/05-01/09-139", true)]
    [InlineData("ICC\u201302/05", "ICC-02/05", true)]
    [InlineData("Pre-Trial Chamber decision of 27 August 2010", "Pre-Trial Chamber decision of 27 August 2010", false)]
    public void Court_references_are_kept_as_typed_with_a_warning_when_the_format_is_unusual(string typed, string stored, bool recognised)
    {
        var result = Open("KEN", Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, TestData.Clock(), typed);

        Assert.True(result.IsOpened);
        Assert.Equal(stored, result.Matter!.CourtReference.Value);
        Assert.Equal(recognised, result.Matter.CourtReference.IsRecognisedFormat);
        Assert.Equal(recognised ? 0 : 1, result.Warnings.Count);
    }

    [Fact]
    public void An_empty_Court_reference_is_refused()
    {
        var result = Open("KEN", Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, TestData.Clock(), "  ");

        Assert.False(result.IsOpened);
    }

    [Theory]
    [InlineData("NC-2026-001", true)]
    [InlineData("nc-2026-1234", true)]
    [InlineData("NC-26-001", false)]
    [InlineData("ICC-02/05-01/09", false)]
    public void Matter_ids_parse(string text, bool valid) => Assert.Equal(valid, MatterId.TryParse(text, out _));

    [Theory]
    [InlineData("7(a)", Scenario.CourtReferral7A)]
    [InlineData("7 b", Scenario.Urgent7B)]
    [InlineData("B", Scenario.Urgent7B)]
    public void Scenarios_parse_from_what_people_type(string text, Scenario expected)
    {
        Assert.True(ScenarioText.TryParse(text, out var scenario));
        Assert.Equal(expected, scenario);
    }
}
