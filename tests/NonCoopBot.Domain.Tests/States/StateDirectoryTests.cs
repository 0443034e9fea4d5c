using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.States;

public sealed class StateDirectoryTests
{
    private static readonly StateDirectory Directory = TestData.States;

    [Fact]
    public void Lists_all_UN_member_States_plus_the_Cook_Islands_and_Palestine()
    {
        Assert.Equal(195, Directory.All.Count);
        Assert.Equal(Directory.All.Count, Directory.All.Select(s => s.Code).Distinct().Count());
    }

    [Fact]
    public void Has_125_States_Parties_in_2025_with_Ukraine()
    {
        var parties = Directory.StatesParties(new DateOnly(2025, 1, 1));

        Assert.Equal(125, parties.Count);
        Assert.Contains(parties, s => s.Code == "UKR");
        Assert.Equal(33, parties.Count(s => s.RegionalGroup == RegionalGroup.African));
        Assert.Equal(19, parties.Count(s => s.RegionalGroup == RegionalGroup.AsiaPacific));
        Assert.Equal(20, parties.Count(s => s.RegionalGroup == RegionalGroup.EasternEuropean));
        Assert.Equal(28, parties.Count(s => s.RegionalGroup == RegionalGroup.LatinAmericanAndCaribbean));
        Assert.Equal(25, parties.Count(s => s.RegionalGroup == RegionalGroup.WesternEuropeanAndOther));
    }

    [Fact]
    public void Hungary_is_no_longer_a_State_Party_once_its_withdrawal_takes_effect()
    {
        var hungary = Directory.GetByCode("HUN");

        Assert.True(hungary.IsStatePartyOn(new DateOnly(2026, 6, 1)));
        Assert.False(hungary.IsStatePartyOn(new DateOnly(2026, 6, 2)));
        Assert.Equal(124, Directory.StatesParties(new DateOnly(2026, 6, 2)).Count);
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("CHN")]
    [InlineData("RUS")]
    [InlineData("IND")]
    [InlineData("ISR")]
    [InlineData("TUR")]
    [InlineData("SDN")]
    [InlineData("LBY")]
    [InlineData("MMR")]
    [InlineData("SAU")]
    [InlineData("IRN")]
    [InlineData("EGY")]
    [InlineData("IDN")]
    [InlineData("PAK")]
    [InlineData("ETH")]
    [InlineData("BLR")]
    [InlineData("AZE")]
    [InlineData("KAZ")]
    [InlineData("VNM")]
    [InlineData("BDI")]
    [InlineData("PHL")]
    public void Relevant_non_party_States_are_listed_without_an_arrangement(string code)
    {
        var state = Directory.GetByCode(code);

        Assert.False(state.IsStateParty);
        Assert.False(state.ArrangementWithCourt);
        Assert.False(state.IsRequestedStateOn(TestData.Today));
    }

    [Fact]
    public void Burundi_and_the_Philippines_carry_a_withdrawal_note()
    {
        Assert.Contains("2017", Directory.GetByCode("BDI").Note, StringComparison.Ordinal);
        Assert.Contains("2019", Directory.GetByCode("PHL").Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kenya", "KEN")]
    [InlineData("  KENYA ", "KEN")]
    [InlineData("KEN", "KEN")]
    [InlineData("DRC", "COD")]
    [InlineData("drc", "COD")]
    [InlineData("D.R. Congo", "COD")]
    [InlineData("Democratic Republic of the Congo", "COD")]
    [InlineData("Republic of the Congo", "COG")]
    [InlineData("UK", "GBR")]
    [InlineData("the United Kingdom", "GBR")]
    [InlineData("Côte d'Ivoire", "CIV")]
    [InlineData("Cote d'Ivoire", "CIV")]
    [InlineData("Côte d’Ivoire", "CIV")]
    [InlineData("cote divoire", "CIV")]
    [InlineData("Ivory Coast", "CIV")]
    [InlineData("Türkiye", "TUR")]
    [InlineData("Turkiye", "TUR")]
    [InlineData("Turkey", "TUR")]
    [InlineData("Viet Nam", "VNM")]
    [InlineData("Vietnam", "VNM")]
    [InlineData("The Gambia", "GMB")]
    [InlineData("Sao Tome & Principe", "STP")]
    [InlineData("São Tomé and Príncipe", "STP")]
    [InlineData("St Lucia", "LCA")]
    [InlineData("St. Kitts and Nevis", "KNA")]
    [InlineData("Tanzania", "TZA")]
    [InlineData("Russia", "RUS")]
    [InlineData("United States", "USA")]
    [InlineData("U.S.", "USA")]
    [InlineData("Netherlands", "NLD")]
    [InlineData("Bolivia", "BOL")]
    [InlineData("Iran", "IRN")]
    [InlineData("Palestine", "PSE")]
    [InlineData("Niger", "NER")]
    [InlineData("Nigeria", "NGA")]
    [InlineData("Sudan", "SDN")]
    [InlineData("Guinea", "GIN")]
    [InlineData("Dominica", "DMA")]
    [InlineData("Marshall", "MHL")]
    [InlineData("Bosnia", "BIH")]
    public void Matches_typed_names_forgivingly(string typed, string expectedCode)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.Exact, match.Kind);
        Assert.Equal(expectedCode, match.State!.Code);
    }

    [Theory]
    [InlineData("Congo", new[] { "COD", "COG" })]
    [InlineData("Korea", new[] { "KOR", "PRK" })]
    [InlineData("South", new[] { "KOR", "SSD", "ZAF" })]
    [InlineData("Kazak", new[] { "KAZ" })]
    public void Ambiguous_or_partial_names_return_candidates_to_confirm(string typed, string[] expectedCodes)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.Ambiguous, match.Kind);
        Assert.Null(match.State);
        Assert.Equal(expectedCodes.Order(), match.Candidates.Select(s => s.Code).Order());
    }

    [Theory]
    [InlineData("Columbia", "COL")]
    [InlineData("Phillipines", "PHL")]
    [InlineData("Kazakstan", "KAZ")]
    [InlineData("Argentinia", "ARG")]
    public void Unknown_names_suggest_the_nearest_spellings(string typed, string firstSuggestion)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.NotFound, match.Kind);
        Assert.InRange(match.Candidates.Count, 1, 3);
        Assert.Equal(firstSuggestion, match.Candidates[0].Code);
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Nonsense_matches_nothing(string typed)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.NotFound, match.Kind);
        Assert.Empty(match.Candidates);
    }

    [Fact]
    public void Arrangements_are_set_by_configuration_and_make_a_non_party_State_a_requested_State()
    {
        var configured = Directory.WithArrangements(["usa", " SDN "]);

        Assert.True(configured.GetByCode("USA").ArrangementWithCourt);
        Assert.True(configured.GetByCode("SDN").IsRequestedStateOn(TestData.Today));
        Assert.False(configured.GetByCode("CHN").ArrangementWithCourt);
        Assert.False(Directory.GetByCode("USA").ArrangementWithCourt);

        var cleared = configured.WithArrangements([]);
        Assert.False(cleared.GetByCode("USA").ArrangementWithCourt);
    }

    [Fact]
    public void Unknown_arrangement_codes_are_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Directory.WithArrangements(["USA", "XXX", "Narnia"]));

        Assert.Contains("Narnia, XXX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetByCode_explains_an_unknown_code()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Directory.GetByCode("ZZZ"));

        Assert.Contains("ISO 3166-1 alpha-3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_malformed_data_with_a_reason()
    {
        Assert.Throws<FormatException>(() => StateDirectory.Parse("{ \"states\": [ { \"name\": \"X\" } ] }"));
        Assert.Throws<FormatException>(() => StateDirectory.Parse("not json"));
    }
}
