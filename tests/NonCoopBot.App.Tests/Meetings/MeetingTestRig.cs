using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Meetings;

/// <summary>
/// The real bot (composition root, SQLite file, FakeTimeProvider) with a loopback fake Graph (the real Graph SDK
/// client talks to it, no token: Development + loopback) and a loopback fake Bot Connector that receives the
/// proactive cards. The poller is driven by hand (<see cref="PollAsync"/>).
/// </summary>
public sealed class MeetingTestRig : IAsyncDisposable
{
    public const string Organizer = "bureau.meetings@example.org";

    private MeetingTestRig(BotTestHost host, FakeGraphServer? graph, FakeBotConnector connector)
    {
        Host = host;
        Graph = graph;
        Connector = connector;
    }

    public BotTestHost Host { get; private set; }

    public FakeGraphServer? Graph { get; }

    public FakeBotConnector Connector { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the rig; <paramref name="withGraph"/> false means no Graph settings at all.</summary>
    public static async Task<MeetingTestRig> StartAsync(bool withGraph = true, string? dbPath = null, FakeTimeProvider? time = null)
    {
        FakeGraphServer? graph = null;
        if (withGraph)
        {
            graph = new FakeGraphServer();
            await graph.StartAsync(Ct);
        }

        var connector = new FakeBotConnector();
        await connector.StartAsync(Ct);
        var host = await BotTestHost.StartAsync(dbPath, time, settings: Settings(graph, connector));
        return new MeetingTestRig(host, graph, connector);
    }

    /// <summary>Stops the bot (as a restart would) and starts it again on the same database and clock.</summary>
    public async Task RestartAsync()
    {
        var db = Host.DbPath;
        var time = Host.Time;
        await Host.DisposeAsync();
        Host = await BotTestHost.StartAsync(db, time, settings: Settings(Graph, Connector));
    }

    private static Dictionary<string, string?> Settings(FakeGraphServer? graph, FakeBotConnector connector)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:ServiceUrl"] = connector.BaseUrl,
            ["Alerts:BotId"] = ActivityBuilder.BotId,
            ["Alerts:TenantId"] = ActivityBuilder.TenantId,
        };
        if (graph is not null)
        {
            settings["Graph:BaseUrl"] = graph.BaseUrl;
            settings["Graph:OrganizerMailbox"] = Organizer;
        }

        return settings;
    }

    public Task<(IReadOnlyList<Activity> Sent, NonCoopBot.Dialogs.Turns.TurnResult Result)> SayAsync(string aad, string text) =>
        Host.SendAsync(ActivityBuilder.Message(text).From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).WithServiceUrl(Connector.BaseUrl).Build());

    public Task<(IReadOnlyList<Activity> Sent, NonCoopBot.Dialogs.Turns.TurnResult Result)> TapAsync(string aad, string verb, JsonObject data) =>
        Host.SendAsync(ActivityBuilder.CardAction(verb, data).From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).WithServiceUrl(Connector.BaseUrl).Build());

    /// <summary>Runs the President's dialog with the given answers.</summary>
    public async Task<string> ConveneAsync(string command = "emergency meeting", string matter = "No matter", string required = "none", string workingHours = "no")
    {
        var replies = new List<string>();
        foreach (var answer in new[] { command, matter, "default", "default", "default", required, workingHours }.Where(a => a.Length > 0))
        {
            var (sent, _) = await SayAsync(BotTestHost.President, answer);
            replies.AddRange(sent.Select(Transcript.TextOf));
        }

        return string.Join(" | ", replies);
    }

    public Task<MeetingTickResult> PollAsync() => Host.Services.GetRequiredService<MeetingPoller>().RunOnceAsync(Ct);

    public IMeetingRepository Meetings => Host.Services.GetRequiredService<IMeetingRepository>();

    /// <summary>The connector's conversation id for a member (created by the bot, or the President's own chat).</summary>
    public string? ConversationOf(string aad)
    {
        if (aad == BotTestHost.President)
        {
            return "a:personal-" + aad;
        }

        var requests = Connector.Requests;
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (r.Method == "POST" && r.Path == "v3/conversations" && r.Body?["members"]?[0]?["id"]?.GetValue<string>() == aad)
            {
                return "a:fake-conversation-" + (i + 1);
            }
        }

        return null;
    }

    /// <summary>Cards posted (POST) to a member's 1:1 chat.</summary>
    public IReadOnlyList<JsonNode> PostedCards(string aad) => Cards(aad, "POST");

    /// <summary>Card updates (PUT) in a member's 1:1 chat.</summary>
    public IReadOnlyList<JsonNode> UpdatedCards(string aad) => Cards(aad, "PUT");

    private List<JsonNode> Cards(string aad, string method)
    {
        var conversation = ConversationOf(aad);
        return conversation is null ? [] : Connector.Requests
            .Where(r => r.Method == method && r.Path.StartsWith($"v3/conversations/{conversation}/activities", StringComparison.Ordinal))
            .Select(r => r.Body!["attachments"]![0]!["content"]!)
            .ToList();
    }

    public static string Text(JsonNode card) => string.Join(" | ", Transcript.CardTexts(card));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        if (Graph is not null)
        {
            await Graph.DisposeAsync();
        }

        foreach (var f in new[] { Host.DbPath, Host.DbPath + "-wal", Host.DbPath + "-shm" })
        {
            File.Delete(f);
        }
    }
}
