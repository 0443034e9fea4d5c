using System.Text.Json.Nodes;
using NonCoopBot.Domain.States;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// The card data sets hold the longest State names of each language (and the names with the longest word), so the card
/// checks and the 390 px renders of <see cref="CardTemplateTests"/> (every data set, every language, every theme) show
/// that the cards take them: nothing cut or overflowing with "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord".
/// </summary>
public sealed class StateNameDataSetTests
{
    private static readonly IReadOnlyList<Domain.States.State> States = StateDirectory.LoadEmbedded().All;

    /// <summary>Every requested State named in a data set of the cards.</summary>
    private static readonly IReadOnlyList<string> NamesInDataSets = CardDataSets.Files(CardTestEnvironment.CardsDir)
        .SelectMany(set => RequestedStates(set.LoadFile()))
        .ToList();

    public static TheoryData<string> TranslatedLanguages => new() { "fr", "es" };

    [Theory]
    [MemberData(nameof(TranslatedLanguages))]
    public void TheLongestStateName_AndTheNameWithTheLongestWord_OfEachLanguage_AreInACardDataSet(string language)
    {
        var names = States.Select(state => state.NameIn(language)).ToList();
        var longest = names.MaxBy(name => name.Length)!;
        var longestWord = names.MaxBy(name => name.Split(' ').Max(word => word.Length))!;

        Assert.Contains(longest, NamesInDataSets);
        Assert.Contains(longestWord, NamesInDataSets);
    }

    [Fact]
    public void NoStateName_InAnyLanguage_IsLongerThanTheLongestNameTheDataSetsRender()
    {
        var longestRendered = NamesInDataSets.Max(name => name.Length);

        Assert.All(
            States.SelectMany(state => new[] { "en", "fr", "es" }.Select(state.NameIn)),
            name => Assert.True(name.Length <= longestRendered, $"\"{name}\" is longer than any State name in cards/data ({longestRendered})"));
    }

    private static IEnumerable<string> RequestedStates(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "requestedState" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : RequestedStates(p.Value)),
        JsonArray a => a.SelectMany(RequestedStates),
        _ => [],
    };
}
