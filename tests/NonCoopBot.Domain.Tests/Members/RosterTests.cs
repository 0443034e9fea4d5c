using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.Members;

public sealed class RosterTests
{
    private const string PlaygroundDefaultUserAadObjectId = "00000000-0000-0000-0000-0000000000020";

    [Fact]
    public void The_sample_roster_file_validates()
    {
        var roster = RosterFile.Parse(TestData.SampleRosterJson, TestData.States);

        var result = roster.Validate(TestData.States, TestData.Today);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(21, roster.Members.Count);
        Assert.Equal(4, roster.FocalPoints.Count);
        Assert.Equal(4, roster.FocalPoints.Select(m => m.RegionalGroup).Distinct().Count());
        Assert.Equal(5, roster.Members.Select(m => m.RegionalGroup).Distinct().Count());
        Assert.NotEmpty(roster.Secretariat);
    }

    [Fact]
    public void The_Agents_Playground_default_user_is_the_President_and_its_other_users_are_Bureau_members()
    {
        var roster = TestData.SampleRoster();

        var president = roster.FindMemberByAadObjectId(PlaygroundDefaultUserAadObjectId);
        Assert.NotNull(president);
        Assert.Equal(BureauRole.President, president.Role);
        Assert.Same(president, roster.President);

        foreach (var suffix in new[] { "21", "22", "23", "24", "25" })
        {
            var member = roster.FindMemberByAadObjectId("00000000-0000-0000-0000-00000000000" + suffix);
            Assert.NotNull(member);
            Assert.NotEqual(BureauRole.President, member.Role);
        }

        Assert.Equal("00000000-0000-0000-0000-0000000000021", roster.ActingPresident?.AadObjectId);
    }

    [Fact]
    public void Identify_tells_members_secretariat_and_strangers_apart()
    {
        var roster = TestData.SampleRoster();

        Assert.IsType<Principal.Member>(roster.Identify(PlaygroundDefaultUserAadObjectId.ToUpperInvariant()));
        Assert.IsType<Principal.Secretariat>(roster.Identify(roster.Secretariat[0].AadObjectId));
        Assert.IsType<Principal.Unknown>(roster.Identify("ffffffff-0000-0000-0000-000000000000"));
    }

    [Fact]
    public void Too_few_members_is_reported_with_the_count()
    {
        var roster = TestData.SampleRoster();
        var shorter = new Roster(roster.Members.Where(m => m.Id != "member-nzl"), roster.Secretariat, roster.ActingPresidentMemberId);

        var violation = Assert.Single(shorter.Validate(TestData.States, TestData.Today).Violations);

        Assert.Equal("member-count", violation.Code);
        Assert.Equal("roster.memberCount", violation.Text.Code);
        Assert.Equal(21, violation.Text["expected"]);
        Assert.Equal(20, violation.Text["count"]);
    }

    [Fact]
    public void Two_Presidents_and_three_Vice_Presidents_are_both_reported()
    {
        var roster = TestData.SampleRoster()
            .Replace("member-nga", m => m.With(role: BureauRole.President))
            .Replace("member-tun", m => m.With(role: BureauRole.VicePresident));

        var codes = roster.Validate(TestData.States, TestData.Today).Violations.Select(v => v.Code).ToList();

        Assert.Contains("president-count", codes);
        Assert.Contains("vice-president-count", codes);
    }

    [Fact]
    public void Two_focal_points_from_one_regional_group_break_para_16()
    {
        var roster = TestData.SampleRoster()
            .Replace("member-ken", m => m.With(focalPoint: false))
            .Replace("member-bra", m => m.With(focalPoint: true));

        var violation = Assert.Single(roster.Validate(TestData.States, TestData.Today).Violations);

        Assert.Equal("focal-point-group", violation.Code);
        Assert.Equal("roster.focalPointGroup", violation.Text.Code);
        Assert.Equal(["Ambassador P. Fernandez", "Ambassador J. Mockup"], Assert.IsAssignableFrom<IEnumerable<string>>(violation.Text["members"]));
        Assert.Equal(RegionalGroup.LatinAmericanAndCaribbean, violation.Text["group"]);
    }

    [Fact]
    public void Three_focal_points_are_too_few()
    {
        var roster = TestData.SampleRoster().Replace("member-ken", m => m.With(focalPoint: false));

        var violation = Assert.Single(roster.Validate(TestData.States, TestData.Today).Violations);

        Assert.Equal("focal-point-count", violation.Code);
    }

    [Fact]
    public void Only_a_Vice_President_can_be_designated_to_act_for_the_President()
    {
        var roster = TestData.SampleRoster().Replace("member-ken", m => m, actingPresidentId: "member-ken");
        var unknown = TestData.SampleRoster().Replace("member-ken", m => m, actingPresidentId: "nobody");

        Assert.Equal("acting-president-not-vice-president", Assert.Single(roster.Validate(TestData.States, TestData.Today).Violations).Code);
        Assert.Equal("acting-president-unknown", Assert.Single(unknown.Validate(TestData.States, TestData.Today).Violations).Code);
        Assert.Null(roster.ActingPresident);
    }

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var roster = TestData.SampleRoster()
            .Replace("member-nga", m => m with { StateCode = "USA", RegionalGroup = RegionalGroup.WesternEuropeanAndOther })
            .Replace("member-tun", m => m with { RegionalGroup = RegionalGroup.AsiaPacific })
            .Replace("member-zaf", m => m with { StateCode = "XXX" })
            .Replace("member-kor", m => m with { TimeZone = "Mars/Olympus_Mons" })
            .Replace("member-bgd", m => m with { Mailbox = "not an address" })
            .Replace("member-fji", m => m with { AadObjectId = PlaygroundDefaultUserAadObjectId })
            .Replace("member-rou", m => m with { StateCode = "POL", RegionalGroup = RegionalGroup.EasternEuropean });

        var codes = roster.Validate(TestData.States, TestData.Today).Violations.Select(v => v.Code).ToHashSet();

        Assert.Equal(
            new HashSet<string> { "not-state-party", "regional-group-mismatch", "unknown-state", "time-zone", "mailbox-format", "duplicate-aad-object-id", "duplicate-state" },
            codes);
    }

    [Fact]
    public void A_member_from_a_State_whose_withdrawal_took_effect_is_flagged()
    {
        var roster = TestData.SampleRoster().Replace("member-rou", m => m with { StateCode = "HUN" });

        Assert.True(roster.Validate(TestData.States, new DateOnly(2026, 6, 1)).IsValid);
        Assert.Equal("not-state-party", Assert.Single(roster.Validate(TestData.States, new DateOnly(2026, 6, 2)).Violations).Code);
    }

    [Fact]
    public void Secretariat_staff_cannot_share_a_Bureau_member_identity()
    {
        var roster = TestData.SampleRoster();
        var clash = new Roster(roster.Members, [new SecretariatStaff("s", "S. Example", PlaygroundDefaultUserAadObjectId, "s@example.org")], roster.ActingPresidentMemberId);

        Assert.Equal("duplicate-aad-object-id", Assert.Single(clash.Validate(TestData.States, TestData.Today).Violations).Code);
    }
}
