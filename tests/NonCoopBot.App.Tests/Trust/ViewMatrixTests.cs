using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Trust;

/// <summary>
/// Issue 7 item 6: what each reader sees, as a matrix of role × conversation kind × scenario × command/card,
/// through the real turn pipeline. One view policy (<see cref="MatterVisibility"/>) decides every cell.
/// </summary>
public sealed class ViewMatrixTests(ViewMatrixFixture world) : IClassFixture<ViewMatrixFixture>
{
    public enum Role { President, Member, Secretariat, Outsider }

    public enum Place { Personal, Channel, GroupChat, Unspecified }

    public enum Ask { Matters, Status7A, Status7B, Status7BByReference, Card7A, Card7B }

    public static TheoryData<Role, Place, Ask> Matrix()
    {
        var data = new TheoryData<Role, Place, Ask>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var place in Enum.GetValues<Place>())
            {
                foreach (var ask in Enum.GetValues<Ask>())
                {
                    data.Add(role, place, ask);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachReader_SeesOnlyWhatTheViewPolicyAllows(Role role, Place place, Ask ask)
    {
        var (sent, result) = await world.WithMatters.SendAsync(Request(role, place, ask));
        var (emptySent, emptyResult) = await world.Empty.SendAsync(Request(role, place, ask));
        var everything = ViewMatrixFixture.Everything(sent, result);
        var visible = Visible(sent, result);
        var conversation = ConversationOf(role, place);

        // Nothing ever moves elsewhere (no "continued in our private chat" after a typed reference).
        Assert.All(sent, a => Assert.Equal(conversation, a.Conversation?.Id));
        Assert.NotEmpty(visible);

        var member = role is Role.President or Role.Member;
        if (role == Role.Outsider)
        {
            // Not on the roster: the same answer whether matters exist or not, and it names none.
            Assert.Equal(Visible(emptySent, emptyResult), visible);
            Assert.Contains(Languages.Said.En("domain." + Authorization.ReadMatterDenied), visible);
            Assert.DoesNotContain("NC-2026-001", everything);
            Assert.DoesNotContain("ICC-02/05-01/09", everything);
            return;
        }

        if (member && place == Place.Personal)
        {
            // A Bureau member in their private chat sees everything.
            switch (ask)
            {
                case Ask.Matters:
                    Assert.Contains("ICC-01/99-01/26", visible);
                    Assert.Contains("ICC-02/05-01/09", visible);
                    Assert.Contains("Good offices under way", visible);
                    break;
                case Ask.Status7A or Ask.Card7A:
                    Assert.Contains("Minister Sentinel-Alpha", visible);
                    Assert.Contains("Envoy Sentinel-Beta", visible);
                    Assert.Contains("Good offices initiated by", visible);
                    break;
                default:
                    Assert.Contains("ICC-01/99-01/26", visible);
                    Assert.Contains("Confidential", visible);
                    break;
            }

            return;
        }

        // The Secretariat anywhere, a Bureau member in a channel, a group chat or a conversation of unknown kind:
        // 7(a) public elements only; a 7(b) matter and good offices do not exist here.
        switch (ask)
        {
            case Ask.Matters or Ask.Status7A or Ask.Card7A:
                Assert.Contains("ICC-02/05-01/09", visible);
                Assert.All(ViewMatrixFixture.BureauOnly, word => Assert.DoesNotContain(word, everything));
                break;
            default:
                Assert.Equal(Visible(emptySent, emptyResult), visible);
                Assert.DoesNotContain("ICC-02/05-01/09", everything);
                Assert.All(ViewMatrixFixture.BureauOnly, word => Assert.DoesNotContain(word, everything));
                break;
        }
    }

    [Fact]
    public async Task GoodOfficesAlert_OnA7aMatter_IsMarkedConfidential()
    {
        var services = world.WithMatters.Services;
        var store = services.GetRequiredService<IAlertStore>();
        var alerts = new List<AlertRecord>();
        foreach (var id in await store.ListAlertIdsForMatterAsync("NC-2026-001", TestContext.Current.CancellationToken))
        {
            alerts.Add((await store.GetAlertAsync(id, TestContext.Current.CancellationToken))!);
        }

        var alert = Assert.Single(alerts, a => a.Payload["kind"]?.GetValue<string>() == "goodOffices");
        Assert.False(alert.IsScenario7B);
        var cards = services.GetRequiredService<AlertCards>();
        var interval = services.GetRequiredService<IOptions<AlertOptions>>().Value.ReminderInterval;

        foreach (var language in NonCoopBot.Dialogs.Texts.TextCatalogue.Languages)
        {
            var confidential = NonCoopBot.App.Features.NonCoopBotRoutes.Texts.Get(language, "card.alert.confidential");
            Assert.StartsWith(language == "en" ? "Confidential" : language == "fr" ? "Confidentiel" : "Confidencial", confidential, StringComparison.Ordinal);
            foreach (var card in new[] { cards.Alert(alert, "29:x", interval, language), cards.Reminder(alert, interval, language) })
            {
                Assert.Contains(confidential, Transcript.CardTexts(card));
            }
        }
    }

    [Fact]
    public async Task UnspecifiedConversationType_IsNotAPersonalChat_NoReferenceIsStored()
    {
        const string aad = "c0000000-0000-4000-8000-00000000c0de";
        var references = world.Empty.Services.GetRequiredService<NonCoopBot.Dialogs.Proactive.IConversationReferenceStore>();
        var ct = TestContext.Current.CancellationToken;

        await world.Empty.SendAsync(ActivityBuilder.Message("help").From("29:" + aad, aad).InPersonalChat("a:no-kind").With(a => a.Conversation!.ConversationType = null).Build());
        Assert.Null(await references.GetAsync(aad, ct));

        await world.Empty.SendAsync(ActivityBuilder.Message("help").From("29:" + aad, aad).InPersonalChat("a:personal-kind").Build());
        Assert.Equal("a:personal-kind", (await references.GetAsync(aad, ct))?.ConversationId);
    }

    private static Activity Request(Role role, Place place, Ask ask)
    {
        var aad = role switch
        {
            Role.President => BotTestHost.President,
            Role.Member => BotTestHost.Member,
            Role.Secretariat => ViewMatrixFixture.Secretariat,
            _ => ViewMatrixFixture.Outsider,
        };
        var builder = ask switch
        {
            Ask.Matters => ActivityBuilder.Message("matters"),
            Ask.Status7A => ActivityBuilder.Message("status NC-2026-001"),
            Ask.Status7B => ActivityBuilder.Message("status NC-2026-002"),
            Ask.Status7BByReference => ActivityBuilder.Message("status ICC-01/99-01/26"),
            Ask.Card7A => ActivityBuilder.CardAction(MatterRoutes.MatterStatusVerb, new JsonObject { ["matterId"] = "NC-2026-001" }),
            _ => ActivityBuilder.CardAction(MatterRoutes.MatterStatusVerb, new JsonObject { ["matterId"] = "NC-2026-002" }),
        };
        builder.From("29:" + aad, aad);
        var conversation = ConversationOf(role, place);
        return place switch
        {
            Place.Personal => builder.InPersonalChat(conversation).Build(),
            Place.Channel => builder.InChannel(conversation).Build(),
            Place.GroupChat => builder.InChannel(conversation).With(a => a.Conversation!.ConversationType = ConversationTypes.GroupChat).Build(),
            _ => builder.InPersonalChat(conversation).With(a => a.Conversation!.ConversationType = null).Build(),
        };
    }

    private static string ConversationOf(Role role, Place place) => place switch
    {
        Place.Personal => "a:personal-" + role,
        Place.Channel => "19:bureau@thread.tacv2;messageid=1",
        Place.GroupChat => "19:group-chat@thread.v2",
        _ => "a:unknown-kind-" + role,
    };

    private static string Visible(IReadOnlyList<Activity> sent, Dialogs.Turns.TurnResult result) =>
        string.Join(" // ", sent.Select(Transcript.TextOf)) + (result.InvokeResponse?.Body?["value"] is JsonValue v ? " // " + v : string.Empty);
}
