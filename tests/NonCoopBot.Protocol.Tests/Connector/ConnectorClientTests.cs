using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.Protocol.Tests.Connector;

public sealed partial class ConnectorClientTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(7);
    private const string ConversationId = "19:anonymisedChannelId0123@thread.tacv2";

    private readonly ObservableFakeTime _time = new();
    private FakeBotConnector _connector = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _connector = new FakeBotConnector(_time);
        await _connector.StartAsync(TestContext.Current.CancellationToken);
        _services = ProtocolTestHost.Build(_time, new Dictionary<string, string?>
        {
            ["Bot:Connector:AttemptTimeout"] = AttemptTimeout.ToString(),
        }, services => services.AddSingleton<IBotTokenProvider>(new StaticTokenProvider("test-outbound-token")).AddSingleton<ILoggerProvider>(_logs));
        Trust.Trust(_connector.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private ConnectorClient Client => _services.GetRequiredService<ConnectorClient>();
    private IServiceUrlTrust Trust => _services.GetRequiredService<IServiceUrlTrust>();

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task SendToConversation_PostsActivityWithBearerToEscapedPath()
    {
        var result = await Client.SendToConversationAsync(_connector.BaseUrl, ConversationId, Message("hello"), TestContext.Current.CancellationToken);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"v3/conversations/{ConversationId}/activities", request.Path);
        Assert.Contains("19%3AanonymisedChannelId0123%40thread.tacv2", request.RawTarget, StringComparison.Ordinal);
        Assert.Equal("Bearer test-outbound-token", request.Authorization);
        Assert.Equal("hello", request.BodyAsActivity()!.Text);
        Assert.StartsWith("1:fake-activity-", result.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToConversation_WithReference_UsesItsServiceUrlAndConversation()
    {
        var reference = new ConversationReference { ServiceUrl = _connector.BaseUrl, ConversationId = "a:conv-1" };

        await Client.SendToConversationAsync(reference, Message("hi"), TestContext.Current.CancellationToken);

        Assert.Equal("v3/conversations/a:conv-1/activities", Assert.Single(_connector.Requests).Path);
    }

    [Fact]
    public async Task ReplyToActivity_PostsToActivityPath_WithReplyToId()
    {
        var inbound = new Activity
        {
            Id = "1788249601234",
            ServiceUrl = _connector.BaseUrl,
            Conversation = new ConversationAccount { Id = "a:conv-1" },
        };

        await Client.ReplyToActivityAsync(inbound, inbound.CreateReply("pong"), TestContext.Current.CancellationToken);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("v3/conversations/a:conv-1/activities/1788249601234", request.Path);
        Assert.Equal("1788249601234", request.BodyAsActivity()!.ReplyToId);
    }

    [Fact]
    public async Task UpdateActivity_Puts_And_DeleteActivity_Deletes()
    {
        await Client.UpdateActivityAsync(_connector.BaseUrl, "a:conv-1", "1:abc", Message("updated"), TestContext.Current.CancellationToken);
        await Client.DeleteActivityAsync(_connector.BaseUrl, "a:conv-1", "1:abc", TestContext.Current.CancellationToken);

        var requests = _connector.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("PUT", "v3/conversations/a:conv-1/activities/1:abc"), (requests[0].Method, requests[0].Path));
        Assert.Equal("updated", requests[0].BodyAsActivity()!.Text);
        Assert.Equal(("DELETE", "v3/conversations/a:conv-1/activities/1:abc"), (requests[1].Method, requests[1].Path));
        Assert.Null(requests[1].Body);
    }

    [Theory]
    [InlineData("29:1aBcDeFg-teams-user-id")]
    [InlineData("11111111-2222-3333-4444-555555555555")]
    public async Task CreateConversation_PostsOneToOnePayload_ReturnsConversationId(string memberId)
    {
        var id = await Client.CreateConversationAsync(_connector.BaseUrl, TestTokens.BotId, TestTokens.TenantId, memberId, TestContext.Current.CancellationToken);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal(("POST", "v3/conversations"), (request.Method, request.Path));
        var expected = JsonNode.Parse($$"""
            {"bot":{"id":"{{TestTokens.BotId}}"},"isGroup":false,"tenantId":"{{TestTokens.TenantId}}","members":[{"id":"{{memberId}}"}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, request.Body), request.Body?.ToJsonString());
        Assert.StartsWith("a:fake-conversation-", id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMembers_And_GetPagedMembers_ReadTeamsAccounts()
    {
        _connector.Enqueue(HttpStatusCode.OK, """[{"id":"29:u1","name":"Member One","aadObjectId":"aad-1","email":"one@example.org","userRole":"user","tenantId":"t"}]""");
        _connector.Enqueue(HttpStatusCode.OK, """{"continuationToken":"next==","members":[{"id":"29:u2","name":"Member Two","objectId":"x"}]}""");

        var all = await Client.GetMembersAsync(_connector.BaseUrl, "a:conv-1", TestContext.Current.CancellationToken);
        var page = await Client.GetPagedMembersAsync(_connector.BaseUrl, "a:conv-1", 50, "abc==", TestContext.Current.CancellationToken);

        var member = Assert.Single(all);
        Assert.Equal(("29:u1", "aad-1", "one@example.org"), (member.Id, member.AadObjectId, member.Email));
        Assert.Equal("next==", page.ContinuationToken);
        Assert.True(page.Members.Single().Properties!.ContainsKey("objectId"));
        var requests = _connector.Requests;
        Assert.Equal(("GET", "v3/conversations/a:conv-1/members"), (requests[0].Method, requests[0].Path));
        Assert.Equal(("GET", "v3/conversations/a:conv-1/pagedmembers"), (requests[1].Method, requests[1].Path));
        Assert.Equal("?pageSize=50&continuationToken=abc%3D%3D", requests[1].Query);
    }

    [Fact]
    public async Task AnonymousMode_SendsNoAuthorizationHeader()
    {
        await using var services = ProtocolTestHost.Build(_time, new Dictionary<string, string?>());
        services.GetRequiredService<IServiceUrlTrust>().Trust(_connector.BaseUrl);
        Assert.IsType<AnonymousBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());

        await services.GetRequiredService<ConnectorClient>().SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("hi"), TestContext.Current.CancellationToken);

        Assert.Null(Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task UntrustedServiceUrl_Throws_AndSendsNothing()
    {
        var untrusted = _connector.BaseUrl + "other/";

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(
            () => Client.SendToConversationAsync(untrusted, "a:conv-1", Message("hi"), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(
            () => Client.CreateConversationAsync("https://attacker.example/", TestTokens.BotId, TestTokens.TenantId, "29:u", TestContext.Current.CancellationToken));

        Assert.Empty(_connector.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Post429WithRetryAfter_IsRetriedOnlyAfterTheWait_DeliveredOnce()
    {
        _connector.Enqueue(HttpStatusCode.TooManyRequests, """{"error":{"code":"TooManyRequests"}}""",
            new Dictionary<string, string> { ["Retry-After"] = "3" });

        var send = Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("once"), TestContext.Current.CancellationToken);
        var first = await _connector.NextRequestAsync(TestContext.Current.CancellationToken);
        var wait = await _time.NextTimerAsync(d => d != AttemptTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(3), wait);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(send.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _connector.NextRequestAsync(TestContext.Current.CancellationToken);
        var result = await send;

        Assert.Equal(2, _connector.Requests.Count);
        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromSeconds(3));
        Assert.StartsWith("1:fake-activity-", result.Id, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task RetryAfterAsHttpDate_IsHonoured()
    {
        var at = _time.GetUtcNow().AddSeconds(5).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        _connector.Enqueue(HttpStatusCode.PreconditionFailed, null, new Dictionary<string, string> { ["Retry-After"] = at });

        var send = Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);
        var wait = await _time.NextTimerAsync(d => d != AttemptTimeout, TestContext.Current.CancellationToken);
        _time.Advance(wait);
        await send;

        Assert.Equal(TimeSpan.FromSeconds(5), wait);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task RetryAfterLongerThanMaxWait_IsNotRetried()
    {
        _connector.Enqueue(HttpStatusCode.TooManyRequests, null, new Dictionary<string, string> { ["Retry-After"] = "3600" });

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("""{"error":{"code":"Forbidden","message":"The bot is not part of the conversation roster.","subCode":"MessageWritesBlocked"}}""")]
    [InlineData("""{"error":{"code":"MessageWritesBlocked","message":"Thread is blocked."}}""")]
    [InlineData("""{"error":{"code":"Forbidden","innerHttpError":{"statusCode":403,"subCode":"MessageWritesBlocked"}}}""")]
    public async Task Forbidden_MessageWritesBlocked_ThrowsConversationBlocked_WithoutRetry(string body)
    {
        _connector.Enqueue(HttpStatusCode.Forbidden, body);

        var ex = await Assert.ThrowsAsync<ConversationBlockedException>(
            () => Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken));

        Assert.Equal("a:conv-1", ex.ConversationId);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task OtherFailure_ThrowsConnectorException_WithCodeButNoBodyText()
    {
        _connector.Enqueue(HttpStatusCode.NotFound, """{"error":{"code":"ConversationNotFound","message":"secret details about the conversation"}}""");

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("ConversationNotFound", ex.ErrorCode);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<ConnectorDeliveryUncertainException>(ex);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task PostWithAmbiguousFailure_IsNotResent_AndMarkedMaybeDelivered(HttpStatusCode status)
    {
        _connector.Enqueue(status);

        var ex = await Assert.ThrowsAsync<ConnectorDeliveryUncertainException>(
            () => Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken));

        Assert.True(ex.MaybeDelivered);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("maybe delivered", ex.Message, StringComparison.Ordinal);
        Assert.Single(_connector.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Post503WithRetryAfter_IsRetried()
    {
        _connector.Enqueue(HttpStatusCode.ServiceUnavailable, null, new Dictionary<string, string> { ["Retry-After"] = "1" });

        var send = Client.SendToConversationAsync(_connector.BaseUrl, "a:conv-1", Message("x"), TestContext.Current.CancellationToken);
        _time.Advance(await _time.NextTimerAsync(d => d != AttemptTimeout, TestContext.Current.CancellationToken));
        await send;

        Assert.Equal(2, _connector.Requests.Count);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task PutWithTransientFailure_IsRetriedWithBackOff(HttpStatusCode status)
    {
        _connector.Enqueue(status);

        var update = Client.UpdateActivityAsync(_connector.BaseUrl, "a:conv-1", "1:abc", Message("u"), TestContext.Current.CancellationToken);
        var wait = await _time.NextTimerAsync(d => d != AttemptTimeout, TestContext.Current.CancellationToken);
        _time.Advance(wait);
        await update;

        Assert.InRange(wait, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.Equal(2, _connector.Requests.Count);
        Assert.All(_connector.Requests, r => Assert.Equal("PUT", r.Method));
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_RetriesAreBounded_ThenThrows()
    {
        for (var i = 0; i < 4; i++)
            _connector.Enqueue(HttpStatusCode.ServiceUnavailable);

        var delete = Client.DeleteActivityAsync(_connector.BaseUrl, "a:conv-1", "1:abc", TestContext.Current.CancellationToken);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var wait = await _time.NextTimerAsync(d => d != AttemptTimeout, TestContext.Current.CancellationToken);
            waits.Add(wait);
            _time.Advance(wait);
        }

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => delete);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(4, _connector.Requests.Count);
        Assert.InRange(waits[2], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    private sealed class StaticTokenProvider(string token) : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
