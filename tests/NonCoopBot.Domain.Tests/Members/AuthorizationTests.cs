using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Tests.Members;

public sealed class AuthorizationTests
{
    private readonly Roster _roster = TestData.SampleRoster();

    private Authorization Policies => new(_roster);

    private Principal Member(string id) => new Principal.Member(_roster.FindMemberById(id)!);

    private Principal Secretariat => new Principal.Secretariat(_roster.Secretariat[0]);

    private static Principal Stranger => new Principal.Unknown("ffffffff-0000-0000-0000-000000000000");

    [Fact]
    public void The_President_and_the_acting_Vice_President_can_trigger_good_offices()
    {
        Assert.True(Policies.CanTriggerGoodOffices(Member("president")).IsAllowed);
        Assert.True(Policies.CanTriggerGoodOffices(Member("vp-1")).IsAllowed);
    }

    [Theory]
    [InlineData("vp-2")]
    [InlineData("member-ken")]
    [InlineData("member-nga")]
    public void Others_cannot_trigger_good_offices_and_are_told_who_can(string memberId)
    {
        var result = Policies.CanTriggerGoodOffices(Member(memberId));

        Assert.False(result.IsAllowed);
        Assert.Equal(Authorization.GoodOfficesDenied, result.DenialReason);
    }

    [Fact]
    public void A_Vice_President_not_designated_has_no_presidential_rights()
    {
        var noActing = new Roster(_roster.Members, _roster.Secretariat, actingPresidentMemberId: null);
        var policies = new Authorization(noActing);
        var vicePresident = new Principal.Member(noActing.FindMemberById("vp-1")!);

        Assert.False(policies.CanTriggerGoodOffices(vicePresident).IsAllowed);
        Assert.False(policies.CanRecordOralReport(vicePresident).IsAllowed);
        Assert.False(policies.CanRecordReferral(vicePresident).IsAllowed);
    }

    [Fact]
    public void Secretariat_and_strangers_cannot_act_for_the_President()
    {
        Assert.Equal(Authorization.OralReportDenied, Policies.CanRecordOralReport(Secretariat).DenialReason);
        Assert.Equal(Authorization.ReferralDenied, Policies.CanRecordReferral(Stranger).DenialReason);
        Assert.True(Policies.CanRecordOralReport(Member("vp-1")).IsAllowed);
        Assert.True(Policies.CanRecordReferral(Member("president")).IsAllowed);
    }

    [Fact]
    public void A_member_removed_from_the_roster_loses_their_rights()
    {
        var president = _roster.President!;
        var newRoster = _roster.Replace("president", m => m with { Role = BureauRole.Member }).Replace("member-nga", m => m with { Role = BureauRole.President });

        Assert.False(new Authorization(newRoster).CanTriggerGoodOffices(president).IsAllowed);
    }

    [Fact]
    public void Focal_points_and_the_President_can_log_contacts_others_only_when_asked_to_assist()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);

        Assert.True(Policies.CanLogContact(Member("member-ken")).IsAllowed);
        Assert.True(Policies.CanLogContact(Member("president")).IsAllowed);
        var denied = Policies.CanLogContact(Member("member-nga"), matter);
        Assert.False(denied.IsAllowed);
        Assert.Equal(Authorization.ContactLogDenied, denied.DenialReason);
        Assert.False(Policies.CanLogContact(Secretariat).IsAllowed);

        matter.RequestAssistance(TestData.President, _roster.FindMemberById("member-nga")!, "Please raise it with the ministry.", time);

        Assert.True(Policies.CanLogContact(Member("member-nga"), matter).IsAllowed);
    }

    [Fact]
    public void A_7b_matter_is_for_Bureau_members_only()
    {
        var matter = TestData.OpenMatter(TestData.Clock(), scenario: Scenario.Urgent7B);

        Assert.True(Policies.CanReadMatter(Member("member-nzl"), matter).IsAllowed);
        var secretariat = Policies.CanReadMatter(Secretariat, matter);
        Assert.False(secretariat.IsAllowed);
        Assert.Equal(Authorization.ReadBureauOnlyDenied, secretariat.DenialReason);
        Assert.False(Policies.CanReadMatter(Stranger, matter).IsAllowed);
    }

    [Fact]
    public void A_7a_matter_is_also_readable_by_the_Secretariat_but_not_by_strangers()
    {
        var matter = TestData.OpenMatter(TestData.Clock(), scenario: Scenario.CourtReferral7A);

        Assert.True(Policies.CanReadMatter(Member("member-nzl"), matter).IsAllowed);
        Assert.True(Policies.CanReadMatter(Secretariat, matter).IsAllowed);
        Assert.Equal(Authorization.ReadMatterDenied, Policies.CanReadMatter(Stranger, matter).DenialReason);
    }
}
