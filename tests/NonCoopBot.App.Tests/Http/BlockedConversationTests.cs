using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Dialogs.Proactive;

namespace NonCoopBot.App.Tests.Http;

/// <summary>403 MessageWritesBlocked from the connector: recorded against the user, not retried.</summary>
public sealed class BlockedConversationTests : IAsyncLifetime
{
    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Reply_RefusedWithMessageWritesBlocked_IsRecordedAgainstTheUserAndNotRetried()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        _world.Connector.Enqueue(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","message":"blocked","subCode":"MessageWritesBlocked"}}""");
        var activity = _world.Message("help", "a:blocked").From("29:blocked", "aad-blocked").Build();

        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var references = bot.Services.GetRequiredService<IConversationReferenceStore>();
        Assert.Equal(bot.Time.GetUtcNow(), await references.GetBlockedAtAsync("aad-blocked", Ct));
        // The reply was tried once (no retry after the 403); the only other request is the apology attempt.
        Assert.Equal(2, _world.Connector.Requests.Count);
        Assert.All(_world.Connector.Requests, r => Assert.Equal("POST", r.Method));
    }
}
