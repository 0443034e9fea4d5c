using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>Acknowledging an alert from the card, through the real turn pipeline (Action.Execute and Action.Submit).</summary>
public sealed class AcknowledgeFlowTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private string _alertId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await BotTestHost.StartAsync();
        foreach (var answer in new[] { "good offices", "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Reported travel.", "Dates.", "none", "yes" })
        {
            await _host.SayAsync(BotTestHost.President, answer);
        }

        _alertId = Assert.Single(await Store.ListAlertIdsForMatterAsync("NC-2026-001", Ct));
    }

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private IAlertStore Store => _host.Services.GetRequiredService<IAlertStore>();

    private Task<(IReadOnlyList<Activity> Sent, NonCoopBot.Dialogs.Turns.TurnResult Result)> TapAsync(string aad, string verb = AlertRoutes.AckVerb) =>
        _host.SendAsync(ActivityBuilder.CardAction(verb, new JsonObject { ["alertId"] = _alertId }).From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).Build());

    [Fact]
    public async Task Acknowledge_ByARecipient_ReplacesTheCardWithTheAcknowledgedView()
    {
        var (_, result) = await TapAsync(BotTestHost.Member);

        var body = result.InvokeResponse!.Body!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal(ContentTypes.AdaptiveCard, (string?)body["type"]);
        var text = string.Join(" | ", Transcript.CardTexts(body["value"]!));
        Assert.Contains("Acknowledged", text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(NeutralWording.FindJudgingWords(text));
        Assert.DoesNotContain(CardInspectorVerbs(body["value"]!), v => v == AlertRoutes.AckVerb);
        Assert.NotNull((await Store.GetDeliveryAsync(_alertId, BotTestHost.Member, Ct))!.AcknowledgedAt);
    }

    [Fact]
    public async Task Acknowledge_TappedTwiceAndConcurrently_IsRecordedOnce()
    {
        await TapAsync(BotTestHost.Member);
        var first = (await Store.GetDeliveryAsync(_alertId, BotTestHost.Member, Ct))!.AcknowledgedAt;
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        await Task.WhenAll(TapAsync(BotTestHost.Member), TapAsync(BotTestHost.Member), TapAsync(BotTestHost.Member));

        Assert.Equal(first, (await Store.GetDeliveryAsync(_alertId, BotTestHost.Member, Ct))!.AcknowledgedAt);
        Assert.Single(await Store.GetDeliveriesAsync(_alertId, Ct), d => d.AcknowledgedAt is not null);
    }

    [Fact]
    public async Task Acknowledge_ByANonRecipient_IsRefusedAndAudited()
    {
        const string outsider = "ffffffff-0000-4000-8000-00000000dead";
        var before = await Store.CountAuditAsync(Ct);

        var (_, result) = await TapAsync(outsider);

        var body = result.InvokeResponse!.Body!;
        Assert.Equal(ContentTypes.Error, (string?)body["type"]);
        Assert.Equal(before + 1, await Store.CountAuditAsync(Ct));
        Assert.All(await Store.GetDeliveriesAsync(_alertId, Ct), d => Assert.Null(d.AcknowledgedAt));
    }

    [Fact]
    public async Task Acknowledge_WithAForgedAlertId_IsRefused()
    {
        var (_, result) = await _host.SendAsync(ActivityBuilder.CardAction(AlertRoutes.AckVerb, new JsonObject { ["alertId"] = "forged-123" })
            .From("29:" + BotTestHost.Member, BotTestHost.Member).InPersonalChat("a:personal-" + BotTestHost.Member).Build());

        Assert.Equal(ContentTypes.Error, (string?)result.InvokeResponse!.Body!["type"]);
    }

    [Fact]
    public async Task Acknowledge_FromAnOlderClientWithActionSubmit_UpdatesTheCardMessage()
    {
        var updatesBefore = _host.Transport.Updated.Count;

        await _host.SendAsync(ActivityBuilder.CardSubmit(AlertRoutes.AckVerb, new JsonObject { ["alertId"] = _alertId })
            .From("29:" + BotTestHost.Member, BotTestHost.Member).InPersonalChat("a:personal-" + BotTestHost.Member).Build());

        var update = _host.Transport.Updated.Skip(updatesBefore).Single();
        Assert.Equal("card-msg-1", update.Id);
        Assert.Contains("Acknowledged", Transcript.TextOf(update), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull((await Store.GetDeliveryAsync(_alertId, BotTestHost.Member, Ct))!.AcknowledgedAt);
    }

    [Fact]
    public async Task Refresh_BeforeAndAfterAcknowledging_ShowsTheRecipientsOwnView()
    {
        var (_, before) = await TapAsync(BotTestHost.Member, AlertRoutes.RefreshVerb);
        Assert.Contains(CardInspectorVerbs(before.InvokeResponse!.Body!["value"]!), v => v == AlertRoutes.AckVerb);

        await TapAsync(BotTestHost.Member);
        var (_, after) = await TapAsync(BotTestHost.Member, AlertRoutes.RefreshVerb);

        Assert.DoesNotContain(CardInspectorVerbs(after.InvokeResponse!.Body!["value"]!), v => v == AlertRoutes.AckVerb);
    }

    private static IEnumerable<string> CardInspectorVerbs(JsonNode card) => NonCoopBot.Dialogs.Cards.CardInspector.Verbs(card);
}
