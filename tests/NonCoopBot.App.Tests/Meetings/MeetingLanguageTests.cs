using NonCoopBot.App.Features;
using NonCoopBot.Domain.Wording;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Meetings;

/// <summary>
/// Emergency meetings in each reader's language (issue 12): the President convenes in French (the command word and every
/// answer in French), each member's vote card comes in their own language (roster preference), the President's card in
/// the President's; nothing of the English meetings catalogue is left on a French or Spanish card.
/// </summary>
public sealed class MeetingLanguageTests : IAsyncLifetime
{
    private const string French = "a0000000-0000-4000-8000-000000000009";  // member-tun, roster: French
    private const string Spanish = "a0000000-0000-4000-8000-000000000016"; // member-bra, roster: Spanish
    private const string English = "a0000000-0000-4000-8000-000000000007"; // member-ken, roster: English
    private MeetingTestRig _rig = null!;

    public async ValueTask InitializeAsync() => _rig = await MeetingTestRig.StartAsync(withGraph: false);

    public async ValueTask DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task PresidentConvenesInFrench_EachMemberVotesInTheirOwnLanguage()
    {
        await _rig.SayAsync(BotTestHost.President, "langue fr");
        var reply = await _rig.ConveneAsync("réunion d'urgence", "aucune affaire", required: "none", workingHours: "no"); // none/no: the dialog library's words (helper A)
        Assert.True(reply.Contains("Recherche d'un créneau : Microsoft Graph n'est pas configuré", StringComparison.Ordinal), reply);

        await _rig.PollAsync();

        var proposal = Assert.Single(_rig.PostedCards(BotTestHost.President).Select(MeetingTestRig.Text), t => t.Contains("Quorum", StringComparison.Ordinal)); // the President also votes
        Assert.Contains("Réunion d'urgence du Bureau", proposal, StringComparison.Ordinal);
        Assert.Contains("Aucune affaire indiquée", proposal, StringComparison.Ordinal);
        var french = Assert.Single(_rig.PostedCards(French));
        var spanish = Assert.Single(_rig.PostedCards(Spanish));
        var english = Assert.Single(_rig.PostedCards(English));
        Assert.Contains("Réunion d'urgence du Bureau : vos disponibilités", MeetingTestRig.Text(french), StringComparison.Ordinal);
        Assert.Contains("Envoyer mes réponses", MeetingTestRig.Text(french), StringComparison.Ordinal);
        Assert.Contains("Pouvez-vous y assister ?", Json(french), StringComparison.Ordinal);
        Assert.Contains("Reunión de emergencia de la Mesa: su disponibilidad", MeetingTestRig.Text(spanish), StringComparison.Ordinal);
        Assert.Contains("¿Puede asistir?", Json(spanish), StringComparison.Ordinal);
        Assert.Contains("Emergency Bureau meeting: your availability", MeetingTestRig.Text(english), StringComparison.Ordinal);
        Assert.Matches("(dim|lun|mar|mer|jeu|ven|sam)\\. \\d+ (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)", MeetingTestRig.Text(french));
        Assert.Matches("(dom|lun|mar|mié|jue|vie|sáb)\\. \\d+ (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic)", MeetingTestRig.Text(spanish));
        foreach (var (language, card) in new[] { ("fr", french), ("es", spanish) })
        {
            AssertNoEnglishLeft(language, Json(card));
            Assert.All(Transcript.CardTexts(card), t => Assert.Empty(NeutralWording.FindJudgingWords(t)));
        }

        AssertNoEnglishLeft("fr", proposal);
    }

    [Fact]
    public async Task CommandWords_InEachLanguage_StartTheSameDialog()
    {
        foreach (var (word, question) in new[]
        {
            ("emergency meeting", "Emergency Bureau meeting. On which matter?"),
            ("réunion d'urgence", "Emergency Bureau meeting. On which matter?"),   // the President reads English
            ("reunión de emergencia", "Emergency Bureau meeting. On which matter?"),
        })
        {
            var (sent, _) = await _rig.SayAsync(BotTestHost.President, word);
            Assert.Contains(sent, a => Transcript.TextOf(a).Contains(question, StringComparison.Ordinal));
            await _rig.SayAsync(BotTestHost.President, "cancel");
        }
    }

    /// <summary>The card as text, every string as written (labels and choices included).</summary>
    private static string Json(System.Text.Json.Nodes.JsonNode card) => System.Text.RegularExpressions.Regex.Unescape(card.ToJsonString());

    private static void AssertNoEnglishLeft(string language, string shown)
    {
        var texts = NonCoopBotRoutes.Texts;
        var english = texts.Keys("en")
            .Where(k => k.StartsWith("card.meeting-", StringComparison.Ordinal) || k.StartsWith("meetings.", StringComparison.Ordinal))
            .Where(k => !k.EndsWith(".words", StringComparison.Ordinal))
            .Select(k => (Key: k, Text: texts.Get("en", k)))
            .Where(e => e.Text != texts.Get(language, e.Key) && e.Text.Length >= 12 && !e.Text.Contains('{', StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(english);
        Assert.All(english, e => Assert.False(shown.Contains(e.Text, StringComparison.Ordinal), $"the {language} card shows the English text of {e.Key}: '{e.Text}'"));
    }
}
