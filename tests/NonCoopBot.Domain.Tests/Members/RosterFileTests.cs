using NonCoopBot.Domain.Members;

namespace NonCoopBot.Domain.Tests.Members;

public sealed class RosterFileTests
{
    [Fact]
    public void Malformed_json_names_the_line()
    {
        var error = Assert.Throws<RosterFileException>(() => RosterFile.Parse("{\n  \"members\": [\n    { \"id\": }\n  ]\n}", TestData.States, "roster.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("rosterFile.invalidJsonAt", problem.Code);
        Assert.Equal("roster.json", problem["source"]);
        Assert.Equal(3L, Convert.ToInt64(problem["line"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Unknown_role_language_and_missing_fields_are_all_listed()
    {
        const string json = """
            { "members": [ { "id": "m1", "displayName": "Ambassador A. Example", "stateCode": "KEN", "aadObjectId": "x",
                             "timeZone": "Africa/Nairobi", "preferredLanguage": "de", "role": "Chair" } ] }
            """;

        var error = Assert.Throws<RosterFileException>(() => RosterFile.Parse(json, TestData.States, "roster.json"));

        Assert.Equal(
            ["rosterFile.noField(entry=members[0] (Ambassador A. Example), field=mailbox)",
             "rosterFile.role(entry=members[0] (Ambassador A. Example), value=Chair, allowed=President, VicePresident, Member)",
             "rosterFile.language(entry=members[0] (Ambassador A. Example), value=de)"],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_missing_members_array_is_explained()
    {
        var error = Assert.Throws<RosterFileException>(() => RosterFile.Parse("{}", TestData.States, "roster.json"));

        Assert.Equal("rosterFile.noMembers(source=roster.json)", Assert.Single(error.Problems).ToString());
    }

    [Fact]
    public void An_invalid_roster_lists_every_violation()
    {
        var roster = TestData.SampleRoster();
        var json = RosterFile.Serialize(new Roster(roster.Members.Skip(1), roster.Secretariat, "member-ken"));

        var error = Assert.Throws<RosterFileException>(() => RosterFile.ParseValidated(json, TestData.States, TestData.Today, "roster.json"));

        Assert.Equal(["member-count", "president-count", "acting-president-not-vice-president"], error.Violations.Select(v => v.Code));
        Assert.Equal(error.Violations.Select(v => v.Text), error.Problems);
        Assert.Contains("roster.memberCount(expected=21, count=20)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_and_parse_round_trip()
    {
        var roster = TestData.SampleRoster();

        var again = RosterFile.ParseValidated(RosterFile.Serialize(roster), TestData.States, TestData.Today);

        Assert.Equal(roster.Members, again.Members);
        Assert.Equal(roster.Secretariat, again.Secretariat);
        Assert.Equal(roster.ActingPresidentMemberId, again.ActingPresidentMemberId);
    }

    [Fact]
    public async Task LoadAsync_reads_the_sample_file_and_explains_a_missing_one()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "roster.sample.json");

        var roster = await RosterFile.LoadAsync(path, TestData.States, TestData.Today, TestContext.Current.CancellationToken);
        Assert.Equal(21, roster.Members.Count);

        var error = await Assert.ThrowsAsync<RosterFileException>(
            () => RosterFile.LoadAsync(Path.Combine(AppContext.BaseDirectory, "missing.json"), TestData.States, TestData.Today, TestContext.Current.CancellationToken));
        Assert.Equal("rosterFile.unreadable", Assert.Single(error.Problems).Code);
        Assert.EndsWith("missing.json", (string)Assert.Single(error.Problems)["source"]!, StringComparison.Ordinal);
    }
}
