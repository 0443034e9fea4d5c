using System.Net;
using NonCoopBot.App.Tests.Support;

namespace NonCoopBot.App.Tests.Http;

/// <summary><c>/health/live</c> and <c>/health/ready</c> over real sockets.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WhenDatabaseIsUp_Returns200(string path)
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Ready_WhenDatabaseBecomesUnreachable_Returns503WhileLiveStays200()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        var folder = Path.GetDirectoryName(bot.DatabasePath)!;

        // The database folder disappears and a plain file takes its place: the folder can't be (re)created.
        Directory.Move(folder, folder + ".moved");
        await File.WriteAllTextAsync(folder, "not a folder", Ct);
        try
        {
            using var ready = await client.GetAsync("/health/ready", Ct);
            using var live = await client.GetAsync("/health/live", Ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            File.Delete(folder);
            Directory.Move(folder + ".moved", folder);
        }
    }
}
