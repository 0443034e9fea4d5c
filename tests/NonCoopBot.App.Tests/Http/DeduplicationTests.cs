using System.Net;
using NonCoopBot.App.Tests.Support;

namespace NonCoopBot.App.Tests.Http;

/// <summary>A re-delivered activity (same id, same conversation) is processed once, also across a restart.</summary>
public sealed class DeduplicationTests : IAsyncLifetime
{
    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task SameActivityPostedTwice_GetsOneReply()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var activity = _world.Message("help", "a:dedupe").Build();

        using var first = await client.SendAsync(bot.SignedPost(activity), Ct);
        using var second = await client.SendAsync(bot.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_world.Connector.Requests);
        Assert.Contains($"activity:msteams:a:dedupe:{activity.Id}", (await bot.StorageSnapshotAsync(Ct)).Keys);
    }

    [Fact]
    public async Task SameActivityPostedAfterRestart_GetsNoSecondReply()
    {
        var first = _world.CreateBot();
        var activity = _world.Message("help", "a:dedupe-restart").Build();
        using (var client = first.StartClient())
        {
            using var response = await client.SendAsync(first.SignedPost(activity), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(_world.Connector.Requests);
        await first.DisposeAsync();

        var restarted = _world.CreateBot(w => new BotAppFactory(w, first.DatabasePath));
        using var again = restarted.StartClient();
        using var redelivered = await again.SendAsync(restarted.SignedPost(activity), Ct);

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Single(_world.Connector.Requests);

        var fresh = _world.Message("help", "a:dedupe-restart").Build();
        using var other = await again.SendAsync(restarted.SignedPost(fresh), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, _world.Connector.Requests.Count);
    }
}
