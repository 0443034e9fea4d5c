using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Features.Record;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary>The timeline card through the real pipeline: time order, the reader's zone, pages, the role filter.</summary>
public sealed class TimelineFlowTests : IAsyncLifetime
{
    private const string Ken = AskForHelpFlowTests.Ken;

    private FocalTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await FocalTestHost.StartAsync();
        await _host.SayAsync(Ken, "help"); // Ken's 1:1 chat is known, so his alert goes there and he acknowledges from it
        await _host.OpenKenya7BAsync();
        await _host.DrainAlertsAsync();
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(2));
        var alertId = Assert.Single(await _host.Services.GetRequiredService<IAlertStore>().ListAlertIdsForMatterAsync("NC-2026-001", Ct));
        await _host.ExecuteAsync(Ken, AlertRoutes.AckVerb, new JsonObject { ["alertId"] = alertId });
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(5));
        await _host.SayAllAsync(BotTestHost.President, "ask for help NC-2026-001", "member-ken", "Please raise the Court's request.");
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(5));
        var request = (await Matter()).Timeline.OfType<FocalPointAssistanceRequested>().Single().Sequence;
        await _host.ExecuteAsync(Ken, FocalPointMessages.AnswerVerb, new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = request, ["answer"] = "accept" });
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(10));
        await _host.ExecuteAsync(Ken, FocalPointMessages.ContactSubmitVerb, new JsonObject
        {
            ["matterId"] = "NC-2026-001", ["date"] = "2026-11-29", ["time"] = "16:00", ["channel"] = "call",
            ["officials"] = "J. Doe (Permanent Secretary)", ["summary"] = "Call on the Court's request.",
        });
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(30));
        await _host.SayAllAsync(BotTestHost.President, "oral report", "NC-2026-001", "today 09:30", "Minister", "Call held.", "none", "none", "no");
        await _host.DrainAlertsAsync();
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<Matter> Matter() =>
        (await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;

    /// <summary>Every page of the timeline, following the Next page button.</summary>
    private async Task<List<(string When, string Kind, string Text)>> AllPagesAsync(string aad, string matter)
    {
        var (sent, _) = await _host.SayAsync(aad, "timeline " + matter);
        var card = Assert.Single(sent).Attachments?[0].Content ?? throw new InvalidOperationException(Transcript.TextOf(sent[0]));
        var items = new List<(string, string, string)>();
        for (var guard = 0; guard < 20; guard++)
        {
            items.AddRange(card["body"]!.AsArray().Where(e => (string?)e!["type"] == "Container").Select(c =>
            {
                var lines = c!["items"]!.AsArray().Select(i => (string)i!["text"]!).ToList();
                var head = lines[0].Split(" · ");
                return (head[0], head[1], lines[1]);
            }));
            var next = Dialogs.Cards.CardInspector.Verbs(card).Any() ? card["body"]!.AsArray().Last()!["actions"]!.AsArray().FirstOrDefault(a => (string?)a!["title"] == "Next page") : null;
            if (next is null)
            {
                break;
            }

            var (_, result) = await _host.ExecuteAsync(aad, RecordRoutes.PageVerb, next["data"]!.DeepClone().AsObject());
            card = result.InvokeResponse!.Body!["value"]!;
        }

        return items;
    }

    private static DateTime Parse(string when) =>
        DateTime.ParseExact(when[..when.IndexOf(" (", StringComparison.Ordinal)], "d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheTimeline_IsInTimeOrder_InTheReadersZone_AndPaged()
    {
        var president = await AllPagesAsync(BotTestHost.President, "NC-2026-001");
        var focal = await AllPagesAsync(Ken, "NC-2026-001");

        Assert.True(president.Count > 8, "more than one page: " + string.Join(",", president.Select(i => i.Kind)));
        Assert.Equal(
            ["Opened", "Good offices", "Alert", "Acknowledgement", "Request for assistance", "Answer", "Contact", "Oral report", "Alert"],
            president.Select(i => i.Kind));
        Assert.True(president.Select(i => Parse(i.When)).Zip(president.Skip(1).Select(i => Parse(i.When))).All(p => p.First <= p.Second));
        Assert.All(president, i => Assert.EndsWith("(America/New_York)", i.When, StringComparison.Ordinal));
        Assert.All(focal, i => Assert.EndsWith("(Africa/Nairobi)", i.When, StringComparison.Ordinal));
        Assert.Equal("29 Nov 2026, 09:00 (America/New_York)", president[0].When); // opened at 14:00 UTC
        Assert.Equal("29 Nov 2026, 17:00 (Africa/Nairobi)", focal[0].When);
        Assert.Contains("Ambassador K. Example acknowledged", president[3].Text, StringComparison.Ordinal);
        Assert.Contains("sent to 21 Bureau members; first acknowledgement after 2 min; 20 not yet acknowledged.", president[2].Text, StringComparison.Ordinal);
        Assert.Contains("Call held.", president[7].Text, StringComparison.Ordinal);
        Assert.All(president, i => Assert.Empty(NeutralWording.FindJudgingWords(i.Text)));
    }

    [Fact]
    public async Task TheSecretariat_SeesOnlyThePublicElementsOfA7aMatter_AndNothingOfA7bMatter()
    {
        var time = _host.Bot.Time;
        var states = _host.Services.GetRequiredService<StateDirectory>();
        var repo = _host.Services.GetRequiredService<IMatterRepository>();
        var opened = Domain.NonCooperation.Matter.Open(new MatterOpening(states.GetByCode("KEN"), Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, "ICC-02/05-01/09"),
            await repo.NextSequenceAsync(Ct), new Actor("president", "Ambassador A. Wilber"), time);
        var referred = opened.Matter!;
        referred.TriggerGoodOffices(new Actor("president", "Ambassador A. Wilber"), GoodOfficesBasis.BureauDecision, "As decided.", time);
        await repo.AddAsync(referred, Ct);

        var secretariat = await AllPagesAsync(RosterFlowTests.Secretariat, referred.Id.Value);
        var president = await AllPagesAsync(BotTestHost.President, referred.Id.Value);
        var (hidden, _) = await _host.SayAsync(RosterFlowTests.Secretariat, "timeline NC-2026-001");

        Assert.Equal(["Opened"], secretariat.Select(i => i.Kind));
        Assert.All(secretariat, i => Assert.EndsWith("(UTC)", i.When, StringComparison.Ordinal));
        Assert.Equal(["Opened", "Good offices", "Alert"], president.Select(i => i.Kind));
        Assert.Contains("I found no matter", Assert.Single(hidden).Text, StringComparison.Ordinal);
    }
}
