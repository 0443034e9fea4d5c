using NonCoopBot.App.Features;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Tests.Wording;

/// <summary>No dead buttons: every verb a card in cards/ uses has a route in the bot.</summary>
public sealed class CardVerbRouteTests
{
    [Fact]
    public void EveryCardVerb_HasARoute()
    {
        var catalog = CardCatalog.Load(Path.Combine(BotTestHost.RepoRoot(), "cards"));
        var routes = NonCoopBotRoutes.Build(new BotRoutes(NonCoopBotRoutes.Texts));

        var verbs = catalog.Names.SelectMany(name => CardInspector.Verbs(catalog[name].Source)).Distinct().ToList();

        Assert.NotEmpty(verbs);
        Assert.All(verbs, verb => Assert.Contains(verb, routes.CardVerbs));
    }
}
