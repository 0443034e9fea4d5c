using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Http;

/// <summary>
/// Issue 7, "who may call the bot", over real HTTP (Kestrel, tokens signed by locally issued keys): Entra callers,
/// channel, tenant, serviceUrl, poisoned stored references, proxy headers in anonymous mode, aborted requests.
/// </summary>
public sealed class WhoMayCallTests : IAsyncLifetime
{
    private const string Unlisted = "22222222-4444-4000-8000-0000000000ad";
    private const string ForeignTenant = "99999999-1111-4000-8000-00000000f0e1";

    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EntraToken_FromCallerNotInAllowedCallers_Is403_AndOneWarningNamesItsAppId(bool v2)
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { Settings = { ["Bot:AllowedCallers:0"] = TestTokens.EntraCallerAppId } });
        using var client = bot.StartClient();
        var before = await bot.StorageSnapshotAsync(Ct);
        var token = TestTokens.CreateEntra(bot.Time.GetUtcNow(), v2, serviceUrl: _world.Connector.BaseUrl, caller: Unlisted);

        using var first = await client.SendAsync(Post(_world.Message("help", "a:entra-unlisted-1").Build(), token), Ct);
        using var second = await client.SendAsync(Post(_world.Message("help", "a:entra-unlisted-2").Build(), token), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
        var naming = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Warning && e.AllText.Contains(Unlisted, StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(naming);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(v2 ? TestTokens.EntraV2Issuer : TestTokens.EntraV1Issuer, warning.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], string.Join('\n', bot.Logs.Entries.Select(e => e.AllText)), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.AllText.Contains(_world.Connector.BaseUrl, StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task EntraToken_ByDefault_NoCallerIsAllowed()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var token = TestTokens.CreateEntra(bot.Time.GetUtcNow(), serviceUrl: _world.Connector.BaseUrl);

        using var response = await client.SendAsync(Post(_world.Message("help", "a:entra-default").Build(), token), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Warning && e.AllText.Contains(TestTokens.EntraCallerAppId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task EntraToken_FromAllowedCaller_IsAnswered(bool v2, bool withServiceUrlClaim)
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { Settings = { ["Bot:AllowedCallers:0"] = TestTokens.EntraCallerAppId } });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:entra-allowed").Build();
        var token = TestTokens.CreateEntra(bot.Time.GetUtcNow(), v2, serviceUrl: withServiceUrlClaim ? _world.Connector.BaseUrl : null);

        using var response = await client.SendAsync(Post(activity, token), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _world.Connector.NextRequestAsync(Ct);
        Assert.Equal($"v3/conversations/a:entra-allowed/activities/{activity.Id}", reply.Path);
    }

    [Fact]
    public async Task EntraToken_FromAllowedCaller_WithServiceUrlClaimOfAnotherUrl_Is403()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { Settings = { ["Bot:AllowedCallers:0"] = TestTokens.EntraCallerAppId } });
        using var client = bot.StartClient();
        var token = TestTokens.CreateEntra(bot.Time.GetUtcNow(), serviceUrl: "https://smba.trafficmanager.net/emea/");

        using var response = await client.SendAsync(Post(_world.Message("help", "a:entra-claim-differs").Build(), token), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
    }

    [Fact]
    public async Task Channel_Webchat_Is403_EvenWithAKeyEndorsedForWebchat()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:webchat").With(a => a.ChannelId = "webchat").Build();
        var token = TestTokens.Create(bot.Time.GetUtcNow(), _world.Connector.BaseUrl, key: TestTokens.UnendorsedKey);
        var before = await bot.StorageSnapshotAsync(Ct);

        using var response = await client.SendAsync(Post(activity, token), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
        Assert.Contains(bot.Logs.Entries, e => e.AllText.Contains(AuthFailureReasons.ChannelNotAllowed, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("channelData")]
    [InlineData("conversation")]
    public async Task ForeignTenant_Is403_AndNothingIsStored(string where)
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:foreign-tenant").With(a =>
        {
            if (where == "channelData")
            {
                a.ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = ForeignTenant } };
            }
            else
            {
                a.ChannelData = null;
                a.Conversation!.TenantId = ForeignTenant;
            }
        }).Build();
        var before = await bot.StorageSnapshotAsync(Ct);

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
        Assert.Null(await bot.Services.GetRequiredService<IConversationReferenceStore>().GetAsync(activity.From!.AadObjectId!, Ct));
    }

    [Fact]
    public async Task AllowedTenant_IsAnswered()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { Settings = { ["Bot:AllowedTenants:0"] = ForeignTenant } });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:partner-tenant")
            .With(a => a.ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = ForeignTenant } }).Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", (await _world.Connector.NextRequestAsync(Ct)).Method);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/emea/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    public async Task ServiceUrlOffTheList_WithMatchingClaim_Is403_NothingStored_NoOutboundCall(string serviceUrl)
    {
        var outbound = new OutboundRecorder();
        var bot = _world.CreateBot(w => new BotAppFactory(w) { TestServices = outbound.Register });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:evil-serviceurl").WithServiceUrl(serviceUrl).Build();
        var before = await bot.StorageSnapshotAsync(Ct);

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
        Assert.DoesNotContain(outbound.Requests, r => r.Client is not BotAuthenticator.MetadataHttpClientName);
        Assert.Equal(0, _world.TokenEndpoint.TokensIssued);
        Assert.Empty(_world.Connector.Requests);
        Assert.Contains(bot.Logs.Entries, e => e.AllText.Contains(AuthFailureReasons.ServiceUrlNotTrusted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoisonedStoredReference_IsNotUsed_NoRequestAndNoTokenLeaveTheBot()
    {
        var outbound = new OutboundRecorder();
        var bot = _world.CreateBot(w => new BotAppFactory(w) { TestServices = outbound.Register, Settings = { ["Alerts:RunWorker"] = "false" } });
        using var client = bot.StartClient();
        const string Member = "00000000-0000-0000-0000-0000000000p1";
        await PoisonAsync(bot, Member);
        var messenger = bot.Services.GetRequiredService<ProactiveMessenger>();

        var error = await Record.ExceptionAsync(() => messenger.SendToUserAsync(Member, new Activity { Type = ActivityTypes.Message, Text = "alert" }, Ct));

        Assert.IsType<ProactiveUnreachableException>(error);
        Assert.Empty(outbound.Requests);
        Assert.Equal(0, _world.TokenEndpoint.TokensIssued);
        Assert.Empty(_world.Connector.Requests);
    }

    [Fact]
    public async Task PoisonedStoredReference_IsReplacedByAChatCreatedThroughTheTrustedConnector()
    {
        var outbound = new OutboundRecorder();
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            TestServices = outbound.Register,
            Settings =
            {
                ["Alerts:RunWorker"] = "false",
                ["Alerts:BotId"] = TestTokens.BotId,
                ["Alerts:TenantId"] = TestTokens.TenantId,
                ["Alerts:ServiceUrl"] = w.Connector.BaseUrl,
            },
        });
        using var client = bot.StartClient();
        const string Member = "00000000-0000-0000-0000-0000000000p2";
        await PoisonAsync(bot, Member);
        var messenger = bot.Services.GetRequiredService<ProactiveMessenger>();

        var delivery = await messenger.SendToUserAsync(Member, new Activity { Type = ActivityTypes.Message, Text = "alert" }, Ct);

        Assert.Equal(_world.Connector.BaseUrl, delivery.ServiceUrl);
        Assert.Equal(["v3/conversations", $"v3/conversations/{delivery.ConversationId}/activities"], _world.Connector.Requests.Select(r => r.Path));
        Assert.DoesNotContain(outbound.Requests, r => r.Uri.Host.Contains("evil", StringComparison.Ordinal));
        Assert.All(outbound.Requests.Where(r => r.Authorization is not null), r => Assert.True(r.Uri.IsLoopback, r.Uri.ToString()));
        Assert.Equal(_world.Connector.BaseUrl, (await bot.Services.GetRequiredService<IConversationReferenceStore>().GetAsync(Member, Ct))?.ServiceUrl);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9;proto=https")]
    public async Task Anonymous_WithProxyHeader_Is401_AndNothingIsSentOrStored(string header, string value)
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { EnvironmentName = "Development", AppId = null });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:anonymous-proxied").Build();
        using var request = Post(activity, token: null);
        request.Headers.TryAddWithoutValidation(header, value);
        var before = await bot.StorageSnapshotAsync(Ct);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await bot.StorageSnapshotAsync(Ct));
    }

    [Fact]
    public async Task Anonymous_WithoutProxyHeader_StillAnswers_LoopbackServiceUrlAllowed()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            EnvironmentName = "Development",
            AppId = null,
            Settings = { ["Bot:AllowLoopbackServiceUrls"] = "false" },
        });
        using var client = bot.StartClient();

        using var response = await client.SendAsync(Post(_world.Message("help", "a:anonymous-ok").Build(), token: null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", (await _world.Connector.NextRequestAsync(Ct)).Method);
    }

    [Fact]
    public async Task Authenticated_LoopbackServiceUrl_Is403_WithoutTheTestsOnlySwitch()
    {
        var bot = _world.CreateBot(w => new BotAppFactory(w) { Settings = { ["Bot:AllowLoopbackServiceUrls"] = "false" } });
        using var client = bot.StartClient();

        using var response = await client.SendAsync(bot.SignedPost(_world.Message("help", "a:loopback-prod").Build()), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_world.Connector.Requests);
    }

    [Fact]
    public async Task AbortedRequest_ReleasesItsDeduplicationKey_SoTheRedeliveryIsProcessed()
    {
        var outbound = new OutboundRecorder { Hold = true };
        var completions = new RequestCompletions();
        var bot = _world.CreateBot(w => new BotAppFactory(w)
        {
            TestServices = services =>
            {
                outbound.Register(services);
                services.AddSingleton<IStartupFilter>(completions);
            },
        });
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:aborted").Build();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var first = client.SendAsync(bot.SignedPost(activity), abort.Token);
        await outbound.Holding.Task.WaitAsync(Ct); // the turn is sending its reply
        await abort.CancelAsync();                 // the client (Teams) gives up
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await completions.NextAsync(Ct);           // the bot has finished with the aborted request
        Assert.Empty(_world.Connector.Requests);

        using var redelivery = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        var reply = Assert.Single(_world.Connector.Requests);
        Assert.Equal($"v3/conversations/a:aborted/activities/{activity.Id}", reply.Path);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.StartsWith("Duplicate activity", StringComparison.Ordinal));
    }

    private static async Task PoisonAsync(BotAppFactory bot, string member) =>
        await bot.Services.GetRequiredService<IConversationReferenceStore>().SaveAsync(member, new ConversationReference
        {
            ServiceUrl = "https://evil.example/teams/",
            ConversationId = "a:poisoned",
            ChannelId = Channels.MsTeams,
            TenantId = TestTokens.TenantId,
            UserAadObjectId = member,
            BotId = TestTokens.BotId,
            ConversationType = ConversationTypes.Personal,
        }, Ct);

    internal static HttpRequestMessage Post(Activity activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
