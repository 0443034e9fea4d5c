using System.Text.Json.Nodes;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.App.Tests.Languages;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Wording;

/// <summary>Para 12: nothing the bot writes characterises a State's conduct or the merits of a Court request.</summary>
public sealed class CardWordingTests
{
    private static readonly CardCatalog Catalog = CardCatalog.Load(Path.Combine(BotTestHost.RepoRoot(), "cards"));

    private static readonly IReadOnlyList<CardDataSet> DataSets = CardDataSets.All(Path.Combine(BotTestHost.RepoRoot(), "cards"));

    public static TheoryData<string> AllDataSets => new(DataSets.Select(d => d.ToString()));

    [Fact]
    public void EveryCard_HasDataSets()
    {
        Assert.Equal(Catalog.Names, DataSets.Select(d => d.Card).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Every card bound with every data set kept beside it (its sample and cards/data/&lt;card&gt;/*.json).</summary>
    [Theory]
    [MemberData(nameof(AllDataSets))]
    public void Card_BoundWithEveryDataSet_UsesNoJudgingWords(string dataSet)
    {
        var set = DataSets.Single(d => d.ToString() == dataSet);

        var texts = Transcript.CardTexts(Catalog.Bind(set.Card, set.Load())).ToList();

        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.Empty(NeutralWording.FindJudgingWords(text)));
    }

    [Fact]
    public void ScenarioExplanationsAndFixedTexts_UseNoJudgingWords()
    {
        var texts = new[]
        {
            Said.En("domain.scenario.explanation." + Scenario.CourtReferral7A), Said.En("domain.scenario.explanation." + Scenario.Urgent7B),
            Said.En("domain." + Matter.NotARequestedStateCode, ("state", "X")), Said.En("domain." + Matter.Scenario7BArrestOnlyCode),
        };

        Assert.All(texts, text => Assert.Empty(NeutralWording.FindJudgingWords(text)));
    }

    /// <summary>Every string constant of a feature's text class (the export keeps all its texts in one).</summary>
    private static IEnumerable<string> ConstantsOf(Type texts)
    {
        var constants = texts.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.True(constants.Count > 10, $"{texts.Name} has only {constants.Count} texts");
        return constants;
    }

    [Fact]
    public void WordingGuard_CanFail()
    {
        Assert.NotEmpty(NeutralWording.FindJudgingWords("The State violated its obligations."));
    }
}
