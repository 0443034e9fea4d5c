using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Wording;

/// <summary>The para 12 guard at the test transports catches a judging word wherever the bot could send it.</summary>
public sealed class TransportWordingGuardTests
{
    [Fact]
    public async Task RecordingTransport_RecordsAJudgingWordInTextAndInACard()
    {
        var transport = new RecordingTransport();

        await transport.SendAsync(new Activity { Type = ActivityTypes.Message, Text = "The State violated its obligations." }, TestContext.Current.CancellationToken);
        await transport.UpdateAsync(CardActivity("Refusal noted"), TestContext.Current.CancellationToken);

        var findings = SentWording.TakeForCurrentTest();
        Assert.Equal(2, findings.Count);
        Assert.Contains("violated", findings[0], StringComparison.Ordinal);
        Assert.Contains("Refusal", findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FakeBotConnector_RecordsAJudgingWordInAnyPostedActivity()
    {
        await using var connector = new FakeBotConnector();
        await connector.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(connector.BaseUrl) };

        using var response = await http.PostAsJsonAsync("v3/conversations/a:1/activities", new JsonObject { ["type"] = "message", ["summary"] = "Failure to arrest" }, TestContext.Current.CancellationToken);

        Assert.Contains(SentWording.TakeForCurrentTest(), f => f.Contains("Failure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NeutralActivities_RecordNothing()
    {
        await new RecordingTransport().SendAsync(CardActivity("Request for arrest and surrender: status"), TestContext.Current.CancellationToken);

        Assert.Empty(SentWording.TakeForCurrentTest());
    }

    private static Activity CardActivity(string text) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [Attachment.AdaptiveCard(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text }) })],
    };
}
