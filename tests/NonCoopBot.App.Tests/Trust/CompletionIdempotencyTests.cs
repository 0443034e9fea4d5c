using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Ports;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Trust;

/// <summary>
/// Issue 7 items 8-9 through the real endpoint (Kestrel, signed requests) with the loopback fake connector:
/// a final reply that fails does not open a second matter or start a second fan-out when the President says
/// "yes" again or Teams re-delivers; a button of an older summary card does not confirm a newer draft.
/// </summary>
public sealed class CompletionIdempotencyTests : IAsyncLifetime
{
    private const string Conversation = "a:personal-president";
    private BotTestEnvironment _world = null!;
    private BotAppFactory _bot = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await BotTestEnvironment.StartAsync(Ct);
        _bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            Settings = new Dictionary<string, string?>
            {
                ["Roster:SeedFile"] = Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json"),
                ["Alerts:RunWorker"] = "false",
                ["Alerts:BotId"] = ActivityBuilder.BotId,
                ["Alerts:TenantId"] = NonCoopBot.Testing.TestTokens.TenantId,
                ["Alerts:ServiceUrl"] = w.Connector.BaseUrl,
            },
        });
        _client = _bot.StartClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    private async Task<Activity> PostAsync(Activity activity)
    {
        using var response = await _client.SendAsync(_bot.SignedPost(activity), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return activity;
    }

    private Task<Activity> SayAsync(string text) =>
        PostAsync(_world.Message(text, Conversation).From("29:president", BotTestHost.President).Build());

    private async Task ToConfirmationAsync()
    {
        foreach (var answer in new[] { "good offices", "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Reported travel.", "Dates.", "none" })
        {
            await SayAsync(answer);
        }
    }

    private IReadOnlyList<string> RepliesAfter(int index) =>
        [.. _world.Connector.Requests.Skip(index).Select(r => r.BodyAsActivity()?.Text ?? (r.Body?["attachments"] is null ? string.Empty : "[card]"))];

    private async Task<int> OneFanOutAsync()
    {
        var store = _bot.Services.GetRequiredService<IAlertStore>();
        var alerts = await store.ListAlertIdsForMatterAsync("NC-2026-001", Ct);
        var before = _world.Connector.Requests.Count;
        await _bot.Services.GetRequiredService<AlertDispatcher>().RunOnceAsync(Ct);
        var alertPosts = _world.Connector.Requests.Skip(before)
            .Count(r => r.Method == "POST" && r.Body?["attachments"]?[0]?["content"]?["refresh"] is not null);
        Assert.Single(alerts);
        return alertPosts;
    }

    [Fact]
    public async Task FinalReplyFailsWith502_ThenYesAgainAndARedelivery_OneMatterOneFanOut()
    {
        await ToConfirmationAsync();
        var before = _world.Connector.Requests.Count;
        _world.Connector.Enqueue(HttpStatusCode.BadGateway); // the "Matter … opened" reply fails

        var failed = await SayAsync("yes");
        Assert.Contains(RepliesAfter(before), t => t.StartsWith("Sorry, something went wrong", StringComparison.Ordinal));

        before = _world.Connector.Requests.Count;
        await SayAsync("yes"); // the President says yes again at once
        Assert.Contains(RepliesAfter(before), t => t.Contains("NC-2026-001 opened", StringComparison.Ordinal));

        await PostAsync(failed); // Teams re-delivers the first "yes"
        var matters = await _bot.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct);
        Assert.Equal("NC-2026-001", Assert.Single(matters).Id.Value);
        Assert.Equal(21, await OneFanOutAsync()); // every Bureau member once
    }

    [Fact]
    public async Task ButtonOfAnOlderSummary_DoesNotConfirmANewerDraft()
    {
        await ToConfirmationAsync();
        var oldDraft = DraftIdOfLastCard();
        await SayAsync("cancel");
        await ToConfirmationAsync();
        var newDraft = DraftIdOfLastCard();
        Assert.NotEqual(oldDraft, newDraft);

        var before = _world.Connector.Requests.Count;
        await PostAsync(_world.Message("", Conversation).From("29:president", BotTestHost.President)
            .With(a => { a.Text = null; a.Value = new JsonObject { ["verb"] = MatterRoutes.ConfirmGoodOfficesVerb, ["draftId"] = oldDraft }; }).Build());
        Assert.Contains(RepliesAfter(before), t => t == NonCoopBotRoutes.Texts.Get(TextCatalogue.English, ConfirmPrompt.StaleCardKey));
        Assert.Empty(await _bot.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct));

        await PostAsync(_world.Message("", Conversation).From("29:president", BotTestHost.President)
            .With(a => { a.Text = null; a.Value = new JsonObject { ["verb"] = MatterRoutes.ConfirmGoodOfficesVerb, ["draftId"] = newDraft }; }).Build());
        Assert.Single(await _bot.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct));
    }

    [Fact]
    public async Task OralReportFinalReplyFailsWith502_ThenTheAnswerAgain_OneReportOneFanOut()
    {
        await ToConfirmationAsync();
        await SayAsync("yes");
        foreach (var answer in new[] { "oral report NC-2026-001", "today 01:00", "The Permanent Representative", "Talked.", "none", "none" })
        {
            await SayAsync(answer);
        }

        var before = _world.Connector.Requests.Count;
        _world.Connector.Enqueue(HttpStatusCode.BadGateway); // the oral-report card of the final reply fails
        await SayAsync("no"); // verified? (7(b))
        Assert.Contains(RepliesAfter(before), t => t.StartsWith("Sorry, something went wrong", StringComparison.Ordinal));

        before = _world.Connector.Requests.Count;
        await SayAsync("no"); // the President answers again
        Assert.Contains(RepliesAfter(before), t => t.Contains("Oral report recorded on NC-2026-001", StringComparison.Ordinal));

        var matter = Assert.Single(await _bot.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct));
        Assert.Single(matter.Timeline.OfType<NonCoopBot.Domain.NonCooperation.OralReportRecorded>());
        var store = _bot.Services.GetRequiredService<IAlertStore>();
        var kinds = new List<string>();
        foreach (var id in await store.ListAlertIdsForMatterAsync("NC-2026-001", Ct))
        {
            kinds.Add((await store.GetAlertAsync(id, Ct))!.Payload["kind"]!.GetValue<string>());
        }

        Assert.Equal(["goodOffices", "oralReport"], kinds.Order(StringComparer.Ordinal)); // one fan-out for the report (alerts created in the same tick have no set order)
    }

    private string DraftIdOfLastCard() =>
        _world.Connector.Requests.Reverse()
            .Select(r => r.Body?["attachments"]?[0]?["content"]?["actions"]?[0]?["data"]?["draftId"]?.GetValue<string>())
            .First(id => id is not null)!;
}
