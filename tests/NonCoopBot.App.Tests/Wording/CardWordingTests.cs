using System.Text.Json.Nodes;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Wording;

/// <summary>Para 12: nothing the bot writes characterises a State's conduct or the merits of a Court request.</summary>
public sealed class CardWordingTests
{
    private static readonly CardCatalog Catalog = CardCatalog.Load(Path.Combine(BotTestHost.RepoRoot(), "cards"));

    public static TheoryData<string> Cards => new(Catalog.Names);

    [Theory]
    [MemberData(nameof(Cards))]
    public void Card_BoundWithItsSample_UsesNoJudgingWords(string name)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(BotTestHost.RepoRoot(), "cards", name + CardCatalog.SampleDataSuffix)));

        var texts = Transcript.CardTexts(Catalog.Bind(name, sample)).ToList();

        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.Empty(NeutralWording.FindJudgingWords(text)));
    }

    [Fact]
    public void ScenarioExplanationsAndFixedTexts_UseNoJudgingWords()
    {
        var texts = new[]
        {
            Scenario.CourtReferral7A.Explanation(), Scenario.Urgent7B.Explanation(), Matter.NotARequestedStateMessage, Matter.Scenario7BArrestOnlyMessage,
            Features.Onboarding.OnboardingRoutes.Welcome, Features.Bureau.PersonalChat.MovedNotice, Features.Bureau.BureauDirectory.NoRosterMessage,
        };

        Assert.All(texts, text => Assert.Empty(NeutralWording.FindJudgingWords(text)));
    }

    [Fact]
    public void WordingGuard_CanFail()
    {
        Assert.NotEmpty(NeutralWording.FindJudgingWords("The State violated its obligations."));
    }
}
