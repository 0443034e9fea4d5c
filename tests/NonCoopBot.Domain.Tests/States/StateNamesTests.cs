using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.States;

/// <summary>The States' names in English, French and Spanish (United Nations short names) and typed names in any of them.</summary>
public sealed class StateNamesTests
{
    private static readonly StateDirectory Directory = TestData.States;

    public static TheoryData<string> Languages => new() { "en", "fr", "es" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_State_has_a_name_in_each_language_and_no_two_States_share_one(string language)
    {
        var names = Directory.All.Select(state => state.NameIn(language)).ToList();

        Assert.All(names, name => Assert.False(string.IsNullOrWhiteSpace(name)));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_State_has_its_own_French_and_Spanish_name_in_the_data()
    {
        Assert.All(Directory.All, state =>
        {
            Assert.NotNull(state.TranslatedNames);
            Assert.False(string.IsNullOrWhiteSpace(state.TranslatedNames.GetValueOrDefault("fr")), state.Code + " fr");
            Assert.False(string.IsNullOrWhiteSpace(state.TranslatedNames.GetValueOrDefault("es")), state.Code + " es");
        });
    }

    [Theory]
    [InlineData("BOL", "Bolivia (Plurinational State of)", "Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)")]
    [InlineData("CIV", "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire")]
    [InlineData("COD", "Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática del Congo")]
    [InlineData("TUR", "Türkiye", "Türkiye", "Türkiye")]
    [InlineData("PSE", "State of Palestine", "État de Palestine", "Estado de Palestina")]
    [InlineData("COK", "Cook Islands", "Îles Cook", "Islas Cook")]
    [InlineData("IRN", "Iran (Islamic Republic of)", "Iran (République islamique d')", "Irán (República Islámica del)")]
    [InlineData("VEN", "Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)", "Venezuela (República Bolivariana de)")]
    [InlineData("FSM", "Micronesia (Federated States of)", "Micronésie (États fédérés de)", "Micronesia (Estados Federados de)")]
    [InlineData("NLD", "Netherlands (Kingdom of the)", "Pays-Bas (Royaume des)", "Países Bajos (Reino de los)")]
    [InlineData("GBR", "United Kingdom of Great Britain and Northern Ireland", "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "Reino Unido de Gran Bretaña e Irlanda del Norte")]
    [InlineData("USA", "United States of America", "États-Unis d'Amérique", "Estados Unidos de América")]
    [InlineData("TZA", "United Republic of Tanzania", "République-Unie de Tanzanie", "República Unida de Tanzanía")]
    [InlineData("PRK", "Democratic People's Republic of Korea", "République populaire démocratique de Corée", "República Popular Democrática de Corea")]
    [InlineData("LAO", "Lao People's Democratic Republic", "République démocratique populaire lao", "República Democrática Popular Lao")]
    [InlineData("MDA", "Republic of Moldova", "République de Moldova", "República de Moldova")]
    [InlineData("RUS", "Russian Federation", "Fédération de Russie", "Federación de Rusia")]
    [InlineData("SYR", "Syrian Arab Republic", "République arabe syrienne", "República Árabe Siria")]
    [InlineData("CPV", "Cabo Verde", "Cabo Verde", "Cabo Verde")]
    [InlineData("SWZ", "Eswatini", "Eswatini", "Eswatini")]
    [InlineData("CZE", "Czechia", "Tchéquie", "Chequia")]
    [InlineData("MKD", "North Macedonia", "Macédoine du Nord", "Macedonia del Norte")]
    [InlineData("VNM", "Viet Nam", "Viet Nam", "Viet Nam")]
    [InlineData("TLS", "Timor-Leste", "Timor-Leste", "Timor-Leste")]
    [InlineData("NGA", "Nigeria", "Nigéria", "Nigeria")]
    [InlineData("NER", "Niger", "Niger", "Níger")]
    [InlineData("IRQ", "Iraq", "Iraq", "Iraq")]
    [InlineData("KNA", "Saint Kitts and Nevis", "Saint-Kitts-et-Nevis", "Saint Kitts y Nevis")]
    [InlineData("VCT", "Saint Vincent and the Grenadines", "Saint-Vincent-et-les Grenadines", "San Vicente y las Granadinas")]
    [InlineData("STP", "Sao Tome and Principe", "Sao Tomé-et-Principe", "Santo Tomé y Príncipe")]
    [InlineData("TTO", "Trinidad and Tobago", "Trinité-et-Tobago", "Trinidad y Tabago")]
    [InlineData("NZL", "New Zealand", "Nouvelle-Zélande", "Nueva Zelandia")]
    [InlineData("BLR", "Belarus", "Bélarus", "Belarús")]
    [InlineData("KAZ", "Kazakhstan", "Kazakhstan", "Kazajstán")]
    [InlineData("BHR", "Bahrain", "Bahreïn", "Bahrein")]
    [InlineData("SAU", "Saudi Arabia", "Arabie saoudite", "Arabia Saudita")]
    [InlineData("GNQ", "Equatorial Guinea", "Guinée équatoriale", "Guinea Ecuatorial")]
    [InlineData("ZAF", "South Africa", "Afrique du Sud", "Sudáfrica")]
    [InlineData("SDN", "Sudan", "Soudan", "Sudán")]
    [InlineData("SSD", "South Sudan", "Soudan du Sud", "Sudán del Sur")]
    public void Names_are_the_United_Nations_short_names(string code, string english, string french, string spanish)
    {
        var state = Directory.GetByCode(code);

        Assert.Equal(english, state.Name);
        Assert.Equal(english, state.NameIn("en"));
        Assert.Equal(french, state.NameIn("fr"));
        Assert.Equal(spanish, state.NameIn("es"));
    }

    [Fact]
    public void An_unknown_or_missing_language_reads_the_English_name()
    {
        var state = Directory.GetByCode("DEU");

        Assert.Equal("Germany", state.NameIn(null));
        Assert.Equal("Germany", state.NameIn("de"));
        Assert.Equal("Allemagne", state.NameIn("FR"));
    }

    [Theory]
    [InlineData("Soudan", "SDN")]
    [InlineData("Sudán", "SDN")]
    [InlineData("Sudan del Sur", "SSD")]
    [InlineData("cote d'ivoire", "CIV")]
    [InlineData("Etats-Unis d'Amerique", "USA")]
    [InlineData("États-Unis", "USA")]
    [InlineData("Estados Unidos de America", "USA")]
    [InlineData("EE. UU.", "USA")]
    [InlineData("Republique democratique du Congo", "COD")]
    [InlineData("RDC", "COD")]
    [InlineData("Republica Democratica del Congo", "COD")]
    [InlineData("Allemagne", "DEU")]
    [InlineData("alemania", "DEU")]
    [InlineData("Turquie", "TUR")]
    [InlineData("Turquia", "TUR")]
    [InlineData("Royaume-Uni", "GBR")]
    [InlineData("Reino Unido", "GBR")]
    [InlineData("Mexico", "MEX")]
    [InlineData("Peru", "PER")]
    [InlineData("Perou", "PER")]
    [InlineData("Bolivie", "BOL")]
    [InlineData("Iran (Republique islamique d')", "IRN")]
    [InlineData("Fédération de Russie", "RUS")]
    [InlineData("Russie", "RUS")]
    [InlineData("Rusia", "RUS")]
    [InlineData("Costa de Marfil", "CIV")]
    [InlineData("Îles Cook", "COK")]
    [InlineData("islas cook", "COK")]
    [InlineData("Etat de Palestine", "PSE")]
    [InlineData("Estado de Palestina", "PSE")]
    [InlineData("Guinee equatoriale", "GNQ")]
    [InlineData("Nigéria", "NGA")]
    [InlineData("Niger", "NER")]
    [InlineData("Níger", "NER")]
    [InlineData("Tchequie", "CZE")]
    [InlineData("Pays-Bas", "NLD")]
    [InlineData("Paises Bajos", "NLD")]
    public void French_and_Spanish_names_are_matched_with_or_without_accents(string typed, string expectedCode)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.Exact, match.Kind);
        Assert.Equal(expectedCode, match.State!.Code);
    }

    [Theory]
    [InlineData("Corée", new[] { "KOR", "PRK" })]
    [InlineData("Corea", new[] { "KOR", "PRK" })]
    public void A_French_or_Spanish_name_shared_by_two_States_asks_which(string typed, string[] expectedCodes)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.Ambiguous, match.Kind);
        Assert.Equal(expectedCodes.Order(), match.Candidates.Select(s => s.Code).Order());
    }

    [Theory]
    [InlineData("Allemange", "DEU")]
    [InlineData("Marrueocs", "MAR")]
    [InlineData("Soudam", "SDN")]
    [InlineData("Etiopai", "ETH")]
    public void Misspelt_French_and_Spanish_names_get_suggestions(string typed, string firstSuggestion)
    {
        var match = Directory.Match(typed);

        Assert.Equal(StateMatchKind.NotFound, match.Kind);
        Assert.InRange(match.Candidates.Count, 1, 3);
        Assert.Equal(firstSuggestion, match.Candidates[0].Code);
    }
}
