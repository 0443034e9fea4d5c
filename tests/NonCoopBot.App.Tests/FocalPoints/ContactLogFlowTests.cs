using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary>The contact log through the real pipeline: the card form (checked on the server), the typed dialog, corrections.</summary>
public sealed class ContactLogFlowTests : IAsyncLifetime
{
    private const string Ken = AskForHelpFlowTests.Ken;
    private const string Nga = AskForHelpFlowTests.Nga;
    private const string Tun = AskForHelpFlowTests.Tun;

    private FocalTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await FocalTestHost.StartAsync();
        await _host.OpenKenya7BAsync();
        foreach (var aad in new[] { Ken, Nga, Tun })
        {
            await _host.SayAsync(aad, "help");
        }

        await AskForHelpFlowTests.AskAsync(_host);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static JsonObject Form(string summary = "Meeting at the ministry on the Court's request.", string date = "2026-11-29", string time = "15:00", string channel = "meeting", JsonNode? corrects = null) => new()
    {
        ["matterId"] = "NC-2026-001",
        ["corrects"] = corrects ?? "",
        ["date"] = date,
        ["time"] = time,
        ["channel"] = channel,
        ["officials"] = "J. Doe (Permanent Secretary); A. Roe (Legal Adviser)",
        ["summary"] = summary,
        ["outcome"] = "Took note.",
        ["followUp"] = "",
        ["nextContact"] = "2026-12-02",
    };

    private Task<(IReadOnlyList<Activity> Sent, TurnResult Result)> SubmitAsync(string aad, JsonObject data) =>
        _host.ExecuteAsync(aad, FocalPointMessages.ContactSubmitVerb, data);

    private async Task<Matter> MatterAsync() =>
        (await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;

    private static string Answer(TurnResult result) =>
        result.InvokeResponse!.Body!["value"] is JsonValue v ? (string)v! : string.Join(" | ", Transcript.CardTexts(result.InvokeResponse!.Body!["value"]!));

    [Fact]
    public async Task TheForm_IsLabelledWithRequiredFieldsAndErrorMessages()
    {
        var (sent, _) = await _host.SayAsync(Ken, "contact form NC-2026-001");

        var card = Assert.Single(sent).Attachments![0].Content!;
        var inputs = card["body"]!.AsArray().Where(e => ((string?)e!["type"])!.StartsWith("Input.", StringComparison.Ordinal)).ToList();
        Assert.Equal(ContactForm.InputIds, inputs.Select(i => (string?)i!["id"]));
        Assert.All(inputs, i => Assert.False(string.IsNullOrWhiteSpace((string?)i!["label"])));
        Assert.All(inputs.Where(i => (bool?)i!["isRequired"] == true), i => Assert.False(string.IsNullOrWhiteSpace((string?)i!["errorMessage"])));
        Assert.Equal(["Input.Date", "Input.Time", "Input.ChoiceSet", "Input.Text"], inputs.Select(i => (string)i!["type"]!).Distinct().Take(4));
        Assert.Contains("Time (Africa/Nairobi)", Transcript.CardTexts(card));
        Assert.All(inputs, i => Assert.DoesNotContain("${", (string?)i!["value"] ?? string.Empty, StringComparison.Ordinal)); // an empty form shows empty fields
    }

    [Fact]
    public async Task TheForm_RecordsTheContact_InTheAuthorsZone_AndTellsThePresidentByCard()
    {
        var before = _host.Posted().Count;

        var (_, result) = await SubmitAsync(Ken, Form());

        Assert.Contains("Contact recorded on NC-2026-001", Answer(result), StringComparison.Ordinal);
        var entry = Assert.Single((await MatterAsync()).CurrentContacts);
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), entry.Details.ContactAt); // 15:00 in Nairobi
        Assert.Equal(ContactChannel.Meeting, entry.Details.Channel);
        Assert.Equal(2, entry.Details.Officials.Count);
        var card = Assert.Single(_host.Posted().Skip(before), p => p.Conversation == FocalTestHost.ConversationOf(BotTestHost.President));
        var text = Transcript.TextOf(card.Activity);
        Assert.Contains("Contact logged", text, StringComparison.Ordinal);
        Assert.Contains("29 Nov 2026, 07:00 (America/New_York)", text, StringComparison.Ordinal); // the President's zone
        Assert.Contains("Meeting at the ministry on the Court's request.", text, StringComparison.Ordinal);
        Assert.Empty(NeutralWording.FindJudgingWords(text));
    }

    [Fact]
    public async Task BadFormInput_ComesBackInTheFormWithEachErrorAndWhatWasTyped_NothingRecorded()
    {
        var bad = Form(summary: " ", date: "29/11/2026", channel: "fax");

        var (_, result) = await SubmitAsync(Ken, bad);

        var body = result.InvokeResponse!.Body!;
        Assert.Equal(ContentTypes.AdaptiveCard, (string?)body["type"]);
        var text = string.Join(" | ", Transcript.CardTexts(body["value"]!));
        Assert.Contains("Give the date of the contact", text, StringComparison.Ordinal);
        Assert.Contains("Choose a channel", text, StringComparison.Ordinal);
        Assert.Contains("Give a summary of the contact.", text, StringComparison.Ordinal);
        Assert.Contains("J. Doe (Permanent Secretary); A. Roe (Legal Adviser)", text, StringComparison.Ordinal); // nothing typed is lost
        Assert.Empty((await MatterAsync()).CurrentContacts);
    }

    [Fact]
    public async Task ForgedFormInput_IsNotRecorded()
    {
        var future = Form(date: "2026-12-30");
        var notText = Form();
        notText["summary"] = new JsonObject { ["x"] = 1 };
        var otherMatter = Form();
        otherMatter["matterId"] = "NC-2026-999";

        var (_, byOutsider) = await SubmitAsync(Tun, Form());
        var (_, inFuture) = await SubmitAsync(Ken, future);
        var (_, objectSummary) = await SubmitAsync(Ken, notText);
        var (_, unknownMatter) = await SubmitAsync(Ken, otherMatter);

        Assert.Contains("Je n'ai trouvé aucune affaire", Answer(byOutsider), StringComparison.Ordinal); // Tun reads French
        Assert.Contains("in the future", Answer(inFuture), StringComparison.Ordinal);
        Assert.Contains("The field summary was not readable", Answer(objectSummary), StringComparison.Ordinal);
        Assert.Contains("I found no matter", Answer(unknownMatter), StringComparison.Ordinal);
        Assert.Empty((await MatterAsync()).CurrentContacts);
    }

    [Fact]
    public async Task TheTypedDialog_RecordsTheSameEntry()
    {
        var before = _host.Posted().Count;

        await _host.SayAllAsync(Nga, "log contact NC-2026-001", "today 08:30", "démarche", "J. Doe (Minister)", "Démarche delivered on the Court's request.", "none", "Call next week.");
        var (sent, _) = await _host.SayAsync(Nga, "2026-12-05");

        Assert.Contains(sent, a => (a.Text ?? string.Empty).Contains("Contact recorded on NC-2026-001", StringComparison.Ordinal));
        var entry = Assert.Single((await MatterAsync()).CurrentContacts);
        Assert.Equal(ContactChannel.Demarche, entry.Details.Channel);
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T13:30:00Z", System.Globalization.CultureInfo.InvariantCulture), entry.Details.ContactAt); // 08:30 New York
        Assert.Equal(new DateOnly(2026, 12, 5), entry.Details.NextContact);
        Assert.Contains(_host.Posted().Skip(before), p => p.Conversation == FocalTestHost.ConversationOf(BotTestHost.President) && Transcript.TextOf(p.Activity).Contains("Démarche delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogContact_ByAMemberNotAsked_IsRefusedWithWhoMay()
    {
        var (sent, _) = await _host.SayAsync(Tun, "log contact NC-2026-001");

        // Tun reads French (roster preference): the refusal comes in French.
        Assert.Contains(sent, a => a.Text == Languages.Said.Fr("domain.denied.contactLog"));
    }

    [Fact]
    public async Task Corrections_KeepTheEarlierVersion_AndOnlyTheAuthorOrThePresidentMayCorrect()
    {
        await SubmitAsync(Ken, Form());
        var first = Assert.Single((await MatterAsync()).CurrentContacts).Sequence;

        var (otherForm, _) = await _host.SayAsync(Nga, $"correct contact NC-2026-001 {first}");
        var (_, otherSubmit) = await SubmitAsync(Nga, Form(summary: "Changed by someone else.", time: "08:00", corrects: first));
        var (authorForm, _) = await _host.SayAsync(Ken, $"correct contact NC-2026-001 {first}");
        var (_, byAuthor) = await SubmitAsync(Ken, Form(summary: "Meeting held at the ministry, 15:00.", corrects: first));
        var (_, byPresident) = await SubmitAsync(BotTestHost.President, Form(summary: "Meeting held at the ministry, 15:00 to 15:40.", time: "08:00", corrects: first.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("Only the author", Assert.Single(otherForm).Text, StringComparison.Ordinal);
        Assert.Contains("Only the author", Answer(otherSubmit), StringComparison.Ordinal);
        Assert.Contains("Meeting at the ministry on the Court's request.", Transcript.TextOf(Assert.Single(authorForm)), StringComparison.Ordinal); // prefilled
        Assert.Contains("corrected", Answer(byAuthor), StringComparison.Ordinal);
        Assert.Contains("corrected", Answer(byPresident), StringComparison.Ordinal);
        var matter = await MatterAsync();
        Assert.Equal(
            ["Meeting at the ministry on the Court's request.", "Meeting held at the ministry, 15:00.", "Meeting held at the ministry, 15:00 to 15:40."],
            matter.ContactVersions(first).Select(c => c.Details.Summary));
        Assert.Equal("Meeting held at the ministry, 15:00 to 15:40.", Assert.Single(matter.CurrentContacts).Details.Summary);
    }
}
