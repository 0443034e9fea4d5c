using System.Text.Json.Nodes;
using NonCoopBot.App.Features;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Infrastructure.Tests.Persistence;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// One fan-out, each member in their own language (issue 12 item 2): the alert stored once holds codes, and the real
/// dispatcher words each card at send time for its recipient (their choice, else the roster's preference), through
/// the loopback Bot Connector. The tracker goes in the President's language.
/// </summary>
public abstract class AlertLanguageTests(SqlTestServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneFanOut_FrenchAndSpanishMembers_EachReceiveTheirAlertInTheirLanguage()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var chooser = h.Roster.FindMemberById("member-jpn")!; // roster: English; has typed `langue fr`
        await h.Languages.SetAsync(chooser.AadObjectId, "fr", Ct);
        await h.TriggerGoodOfficesAsync();

        await h.NewDispatcher().RunOnceAsync(Ct);

        var french = Card(h, "member-tun");   // roster: French
        var spanish = Card(h, "member-bra");  // roster: Spanish
        var english = Card(h, "member-ken");  // roster: English
        var chose = Card(h, "member-jpn");

        AssertIn("fr", french, "Bons offices engagés par la Présidence", "Accuser réception", "Confidentiel — Bureau uniquement", "demande d'arrestation et de remise (art. 89)");
        AssertIn("es", spanish, "Buenos oficios iniciados por la Presidencia", "Acusar recibo", "Confidencial — solo para la Mesa", "solicitud de detención y entrega (art. 89)");
        AssertIn("en", english, "Good offices initiated by the President", "Acknowledge", "Confidential — Bureau only", "request for arrest and surrender (art. 89)");
        AssertIn("fr", chose, "Bons offices engagés par la Présidence");
        Assert.StartsWith("Bons offices engagés par la Présidence. Affaire ", (string?)french["speak"], StringComparison.Ordinal);
        Assert.StartsWith("Buenos oficios iniciados por la Presidencia. Asunto ", (string?)spanish["speak"], StringComparison.Ordinal);
        Assert.Contains("mars 2026", Transcript.CardTexts(french).Single(t => t.Contains("2026", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("mar. 2026", Transcript.CardTexts(spanish).Single(t => t.Contains("2026", StringComparison.Ordinal)), StringComparison.Ordinal);
        AssertNoEnglishLeft("fr", french);
        AssertNoEnglishLeft("es", spanish);
        Assert.All(new[] { french, spanish }.SelectMany(Transcript.CardTexts), t => Assert.Empty(NeutralWording.FindJudgingWords(t)));
    }

    [Fact]
    public async Task OneFanOut_NamesTheRequestedStateInEachRecipientsLanguage()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        await h.Languages.SetAsync(h.Roster.President!.AadObjectId, "es", Ct);
        await h.TriggerGoodOfficesAsync(stateCode: "COD");

        await h.NewDispatcher().RunOnceAsync(Ct);

        var french = Card(h, "member-tun");   // roster: French
        var spanish = Card(h, "member-bra");  // roster: Spanish
        var english = Card(h, "member-ken");  // roster: English
        AssertIn("fr", french, "République démocratique du Congo");
        AssertIn("es", spanish, "República Democrática del Congo");
        AssertIn("en", english, "Democratic Republic of the Congo");
        Assert.DoesNotContain("Democratic Republic of the Congo", string.Join("\n", Transcript.CardTexts(french)), StringComparison.Ordinal);
        Assert.DoesNotContain("Democratic Republic of the Congo", string.Join("\n", Transcript.CardTexts(spanish)), StringComparison.Ordinal);

        // The tracker, in the President's language, names the requested State and each member's State in it.
        var tracker = string.Join("\n", TrackerTexts(h, h.Roster.President!.Id));
        Assert.Contains("República Democrática del Congo", tracker, StringComparison.Ordinal);
        Assert.Contains("Túnez", tracker, StringComparison.Ordinal);
        Assert.DoesNotContain("Tunisia", tracker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracker_GoesInThePresidentsLanguage()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        var president = h.Roster.President!;
        await h.TriggerGoodOfficesAsync();
        await h.NewDispatcher().RunOnceAsync(Ct);
        Assert.Contains("Acknowledgements: 0 of 21", TrackerTexts(h, president.Id));

        await h.Languages.SetAsync(president.AadObjectId, "fr", Ct);
        await h.TriggerGoodOfficesAsync(sequence: 2);
        await h.NewDispatcher().RunOnceAsync(Ct);

        var texts = TrackerTexts(h, president.Id);
        Assert.Contains("Accusés de réception : 0 sur 21", texts);
        Assert.Contains("Membre", texts);
    }

    private static JsonNode Card(AlertHarness h, string memberId) =>
        h.AlertPosts().Single(p => AlertHarness.ConversationIdOf(p) == "a:conv-" + memberId).Body!["attachments"]![0]!["content"]!;

    private static IReadOnlyList<string> TrackerTexts(AlertHarness h, string memberId) =>
        [.. h.PostsToActivities()
            .Where(p => AlertHarness.ConversationIdOf(p) == "a:conv-" + memberId && p.Body?["attachments"]?[0]?["content"]?["refresh"] is null)
            .SelectMany(p => Transcript.CardTexts(p.Body!["attachments"]![0]!["content"]!))];

    private static void AssertIn(string language, JsonNode card, params string[] texts)
    {
        var shown = string.Join("\n", Transcript.CardTexts(card));
        Assert.All(texts, t => Assert.True(shown.Contains(t, StringComparison.Ordinal), $"the {language} card does not show '{t}':\n{shown}"));
    }

    /// <summary>No text of the English alert catalogue that reads differently in <paramref name="language"/> is on the card.</summary>
    private static void AssertNoEnglishLeft(string language, JsonNode card)
    {
        var texts = NonCoopBotRoutes.Texts;
        var shown = Transcript.CardTexts(card).Append((string?)card["speak"] ?? string.Empty).ToList();
        var english = texts.Keys("en")
            .Where(k => k.StartsWith("card.alert.", StringComparison.Ordinal) || k.StartsWith("alerts.", StringComparison.Ordinal))
            .Select(k => (Key: k, Text: texts.Get("en", k)))
            .Where(e => e.Text != texts.Get(language, e.Key) && !e.Text.Contains('{', StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(english);
        foreach (var (key, text) in english)
        {
            Assert.False(
                shown.Any(s => s == text || (text.Length >= 12 && s.Contains(text, StringComparison.Ordinal))),
                $"the {language} card shows the English text of {key}: '{text}'");
        }
    }
}

/// <summary>Alerts in each member's language on SQLite.</summary>
public sealed class SqliteAlertLanguageTests(SqliteTestServer server) : AlertLanguageTests(server), IClassFixture<SqliteTestServer>;

/// <summary>Alerts in each member's language on PostgreSQL.</summary>
public sealed class PostgresAlertLanguageTests(PostgresTestServer server) : AlertLanguageTests(server), IClassFixture<PostgresTestServer>;
