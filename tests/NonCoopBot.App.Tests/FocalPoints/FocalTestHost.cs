using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary>
/// The bot (real composition root, SQLite file) whose proactive sends go to a loopback <see cref="FakeBotConnector"/>:
/// every activity says its serviceUrl is the fake's, and creating a 1:1 chat goes there too.
/// </summary>
public sealed class FocalTestHost : IAsyncDisposable
{
    private FocalTestHost(BotTestHost bot, FakeBotConnector connector)
    {
        Bot = bot;
        Connector = connector;
    }

    public BotTestHost Bot { get; }

    public FakeBotConnector Connector { get; }

    public IServiceProvider Services => Bot.Services;

    public static async Task<FocalTestHost> StartAsync(string? dbPath = null, Action<IDictionary<string, string?>>? configure = null)
    {
        var connector = new FakeBotConnector();
        await connector.StartAsync(TestContext.Current.CancellationToken);
        var bot = await BotTestHost.StartAsync(dbPath, configure: c =>
        {
            c["Alerts:ServiceUrl"] = connector.BaseUrl;
            c["Alerts:BotId"] = ActivityBuilder.BotId;
            c["Alerts:TenantId"] = ActivityBuilder.TenantId;
            c["Alerts:AppRequestsPerSecond"] = "100000"; // the token buckets run on the fake clock: never wait in a test
            c["Alerts:ConversationRequestsPerSecond"] = "100000";
            configure?.Invoke(c);
        });
        return new FocalTestHost(bot, connector);
    }

    public Task<(IReadOnlyList<Activity> Sent, TurnResult Result)> SayAsync(string aad, string text) =>
        Bot.SendAsync(In(ActivityBuilder.Message(text), aad));

    public Task<(IReadOnlyList<Activity> Sent, TurnResult Result)> ExecuteAsync(string aad, string verb, JsonObject data) =>
        Bot.SendAsync(In(ActivityBuilder.CardAction(verb, data), aad));

    public Task<(IReadOnlyList<Activity> Sent, TurnResult Result)> SubmitAsync(string aad, string verb, JsonObject data) =>
        Bot.SendAsync(In(ActivityBuilder.CardSubmit(verb, data), aad));

    /// <summary>Good offices on Kenya, 7(b), confirmed by the President: matter NC-2026-001.</summary>
    public Task OpenKenya7BAsync() =>
        SayAllAsync(BotTestHost.President, "good offices", "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Reported travel.", "Dates.", "none", "yes");

    public async Task SayAllAsync(string aad, params string[] texts)
    {
        foreach (var text in texts)
        {
            await SayAsync(aad, text);
        }
    }

    /// <summary>Runs the alert dispatcher until nothing is left to claim (bounded).</summary>
    public async Task DrainAlertsAsync()
    {
        var dispatcher = Services.GetRequiredService<AlertDispatcher>();
        for (var i = 0; i < 10 && (await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken)).Claimed > 0; i++)
        {
        }
    }

    /// <summary>Activities POSTed to the fake connector, with the conversation each went to.</summary>
    public IReadOnlyList<(string Conversation, Activity Activity)> Posted() =>
        Connector.Requests
            .Where(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal))
            .Select(r => (r.Path.Split('/')[2], r.BodyAsActivity()!))
            .ToList();

    /// <summary>The 1:1 conversation the bot uses for <paramref name="aad"/>.</summary>
    public static string ConversationOf(string aad) => "a:personal-" + aad;

    private Activity In(ActivityBuilder builder, string aad) =>
        builder.From("29:" + aad, aad).InPersonalChat(ConversationOf(aad)).WithServiceUrl(Connector.BaseUrl).Build();

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        foreach (var f in new[] { Bot.DbPath, Bot.DbPath + "-wal", Bot.DbPath + "-shm" })
        {
            File.Delete(f);
        }
    }
}
