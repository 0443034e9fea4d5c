using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.States;

/// <summary>Whether a State is a requested State is judged on the date of the Court's request (art. 127(2), para 4).</summary>
public sealed class PartyStatusTests
{
    private static readonly DateTimeOffset Recorded = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static State Kenya(StateDirectory? directory = null) => (directory ?? TestData.States).GetByCode("KEN");

    [Fact]
    public void AWithdrawalEffectiveAfterTheRequest_LeavesTheStateARequestedStateForThatRequest()
    {
        var directory = TestData.States.WithStatusChanges([new StateStatusChange("KEN", StateStatusChangeKind.Withdrawal, new DateOnly(2027, 1, 1), "secretariat-1", Recorded)]);
        var kenya = Kenya(directory);

        Assert.True(kenya.IsRequestedStateOn(new DateOnly(2026, 6, 1)));
        Assert.False(kenya.IsRequestedStateOn(new DateOnly(2027, 1, 1)));

        // Opened in 2027, after the withdrawal took effect, for a request of June 2026: allowed.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var opened = Matter.Open(new MatterOpening(kenya, Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, "ICC-02/05-01/09", RequestDate: new DateOnly(2026, 6, 1)), 1, TestData.President, clock);
        Assert.True(opened.IsOpened);
        Assert.True(opened.Matter!.RequestedState.IsStatePartyAtOpening);

        // A request dated after the withdrawal: refused (para 8).
        var refused = Matter.Open(new MatterOpening(kenya, Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, "ICC-02/05-01/09", RequestDate: new DateOnly(2027, 1, 15)), 2, TestData.President, clock);
        Assert.False(refused.IsOpened);
        Assert.Equal(new DateOnly(2027, 1, 1), refused.Refusal!["date"]);
    }

    [Fact]
    public void AnAccessionAfterTheRequest_DoesNotMakeTheStateARequestedStateForIt()
    {
        var nonParty = TestData.States.All.First(s => !s.IsStateParty && !s.ArrangementWithCourt);
        var directory = TestData.States.WithStatusChanges([new StateStatusChange(nonParty.Code, StateStatusChangeKind.Accession, new DateOnly(2026, 9, 1), "secretariat-1", Recorded)]);
        var acceded = directory.GetByCode(nonParty.Code);

        Assert.False(acceded.IsRequestedStateOn(new DateOnly(2026, 8, 31)));
        Assert.True(acceded.IsRequestedStateOn(new DateOnly(2026, 9, 1)));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        Assert.False(Matter.Open(new MatterOpening(acceded, Scenario.CourtReferral7A, CourtRequest.Art93OtherCooperation, "ICC-01/01", RequestDate: new DateOnly(2026, 5, 1)), 1, TestData.President, clock).IsOpened);
    }

    [Fact]
    public void AnArrangementCountsFromItsDate()
    {
        var nonParty = TestData.States.All.First(s => !s.IsStateParty && !s.ArrangementWithCourt);
        var directory = TestData.States.WithStatusChanges([new StateStatusChange(nonParty.Code, StateStatusChangeKind.Arrangement, new DateOnly(2026, 4, 1), "secretariat-1", Recorded)]);

        Assert.False(directory.GetByCode(nonParty.Code).IsRequestedStateOn(new DateOnly(2026, 3, 31)));
        Assert.True(directory.GetByCode(nonParty.Code).IsRequestedStateOn(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void TheStatesDataSaysTheDateItIsCurrentTo()
    {
        Assert.Equal(new DateOnly(2025, 1, 1), TestData.States.CurrentTo);
        Assert.Equal(TestData.States.CurrentTo, TestData.States.WithArrangements(["UKR"]).CurrentTo);
    }

    [Theory]
    [InlineData("withdrawal", true)]
    [InlineData("Accession", true)]
    [InlineData("arrangement", true)]
    [InlineData("1", false)]
    [InlineData("joined", false)]
    public void ChangeKinds_AreParsedByName(string text, bool ok) =>
        Assert.Equal(ok, StateStatusChange.TryParseKind(text, out _));
}
