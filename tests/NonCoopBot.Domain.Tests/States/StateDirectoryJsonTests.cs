using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.States;

/// <summary>How the States file is read (Data/states.json and any file in its format): any casing, comments, trailing commas, groups as text.</summary>
public sealed class StateDirectoryJsonTests
{
    [Fact]
    public void Parse_reads_any_casing_comments_trailing_commas_and_group_names()
    {
        const string json = """
            {
              // comment
              "CurrentTo": "2025-01-01",
              "STATES": [
                { "code": "KEN", "Name": "Kenya", "regionalGroup": "african", "isStateParty": true, "aliases": ["Kenia",],
                  "names": { "fr": " Kenya (fr) ", "es": "" }, "otherNames": { "sw": ["Jamhuri ya Kenya"] }, },
                { "Code": "UKR", "name": "Ukraine", "RegionalGroup": "EasternEuropean", "IsStateParty": false, "ArrangementWithCourt": true,
                  "withdrawalEffective": "2024-02-03", "note": "n" /* trailing */ },
                { "code": "FJI", "name": "Fiji", "regionalGroup": 1, "isStateParty": true },
              ],
            }
            """;

        var directory = StateDirectory.Parse(json);

        Assert.Equal(new DateOnly(2025, 1, 1), directory.CurrentTo);
        var kenya = directory.GetByCode("KEN");
        Assert.Equal((RegionalGroup.African, true, false), (kenya.RegionalGroup, kenya.IsStateParty, kenya.ArrangementWithCourt));
        Assert.Equal(["Kenia", "Jamhuri ya Kenya"], kenya.Aliases);
        Assert.Equal("Kenya (fr)", Assert.Single(kenya.TranslatedNames!).Value);
        var ukraine = directory.GetByCode("UKR");
        Assert.Equal((RegionalGroup.EasternEuropean, false, true, new DateOnly(2024, 2, 3), "n"),
            (ukraine.RegionalGroup, ukraine.IsStateParty, ukraine.ArrangementWithCourt, ukraine.WithdrawalEffective, ukraine.Note));
        Assert.Equal(RegionalGroup.AsiaPacific, directory.GetByCode("FJI").RegionalGroup);
    }

    [Fact]
    public void An_unknown_group_name_is_refused_as_a_format_error()
    {
        Assert.Throws<FormatException>(() => StateDirectory.Parse("""{ "states": [ { "code": "KEN", "name": "Kenya", "regionalGroup": "Nowhere" } ] }"""));
    }
}
