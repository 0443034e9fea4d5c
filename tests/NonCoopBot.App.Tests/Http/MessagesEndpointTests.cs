using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NonCoopBot.App.Features;
using NonCoopBot.App.Features.Onboarding;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Http;

/// <summary>Authenticated turns over real sockets: the bot on Kestrel, replies through the loopback fake connector.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Help_WithValidToken_IsAnsweredThroughTheConnectorWithTheCommandList()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:help-roundtrip").Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(Ct));
        var sent = await _world.Connector.NextRequestAsync(Ct);
        Assert.Equal("POST", sent.Method);
        Assert.Equal($"v3/conversations/a:help-roundtrip/activities/{activity.Id}", sent.Path);
        Assert.StartsWith("Bearer fake-access-token-", sent.Authorization, StringComparison.Ordinal);
        var reply = sent.BodyAsActivity();
        Assert.NotNull(reply);
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal(activity.Id, reply.ReplyToId);
        Assert.Equal("a:help-roundtrip", reply.Conversation?.Id);
        var routes = bot.Services.GetRequiredService<BotRoutes>();
        Assert.NotEmpty(routes.Commands);
        Assert.All(routes.Commands, command => Assert.Contains("**" + command.Command + "**", reply.Text, StringComparison.Ordinal));
        Assert.Single(_world.Connector.Requests);
    }

    [Fact]
    public async Task Help_LogsAtInformationAndAbove_NeverContainTheMessageText()
    {
        const string Secret = "zebra-7f3a-confidential";
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            Settings = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Information",
            },
        });
        using var client = bot.StartClient();
        var activity = _world.Message("help " + Secret, "a:logs").Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);
        await _world.Connector.NextRequestAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logs = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Contains(logs, e => e.Category.StartsWith("NonCoopBot", StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, e => e.AllText.Contains(Secret, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs, e => e.AllText.Contains("NonCoopBot supports", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_CardActionWithUnknownVerb_Returns200WithUniversalActionsError()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var activity = ActivityBuilder.CardAction("noncoop.test.no-such-verb", new JsonObject { ["x"] = 1 })
            .InPersonalChat("a:invoke-unknown").WithServiceUrl(_world.Connector.BaseUrl).Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("400", (string?)body["value"]?["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["value"]?["message"]));
        Assert.Empty(_world.Connector.Requests);
    }

    [Fact]
    public async Task ConversationUpdate_BotAddedInPersonalScope_StoresReferenceAndSendsWelcome()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        const string Aad = "00000000-0000-0000-0000-0000000000a7";
        var activity = ActivityBuilder.Of(ActivityTypes.ConversationUpdate)
            .From("29:installer", Aad, "Installer")
            .InPersonalChat("a:install-personal")
            .WithServiceUrl(_world.Connector.BaseUrl)
            .With(a => a.MembersAdded = [a.Recipient!])
            .Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await _world.Connector.NextRequestAsync(Ct);
        Assert.StartsWith("v3/conversations/a:install-personal/activities", sent.Path, StringComparison.Ordinal);
        Assert.Equal(NonCoopBotRoutes.Texts.Format(TextCatalogue.English, "onboarding.welcome", ("help", "help")), sent.BodyAsActivity()?.Text);
        var reference = await bot.Services.GetRequiredService<IConversationReferenceStore>().GetAsync(Aad, Ct);
        Assert.NotNull(reference);
        Assert.Equal("a:install-personal", reference.ConversationId);
        Assert.Equal(_world.Connector.BaseUrl, reference.ServiceUrl);
    }

    [Fact]
    public async Task Message_WhenHandlerThrows_RepliesWithApologyThatLeaksNothing()
    {
        const string Detail = "db-password-in-exception-9c1e";
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            TestServices = services => services.AddSingleton(_ => NonCoopBotRoutes.Build(new BotRoutes(NonCoopBotRoutes.Texts)
                .OnCommand("explode", "Test only.", (_, _) => throw new InvalidOperationException(Detail), listed: false))),
        });
        using var client = bot.StartClient();
        var activity = _world.Message("explode", "a:explode").Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Detail, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var sent = await _world.Connector.NextRequestAsync(Ct);
        Assert.Equal($"v3/conversations/a:explode/activities/{activity.Id}", sent.Path);
        var text = sent.BodyAsActivity()?.Text;
        Assert.Equal(NonCoopBotRoutes.Texts.Get(TextCatalogue.English, "turn.apology"), text);
        var raw = sent.Body!.ToJsonString();
        Assert.DoesNotContain(Detail, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Error && e.AllText.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
    }
}
