using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Support;

/// <summary>
/// The loopback world around a bot under test: the Bot Framework and Entra OpenID metadata servers, the Entra token
/// endpoint and the Bot Connector. Create one per test (<see cref="StartAsync"/>), build hosts with
/// <see cref="CreateBot"/>, and dispose it to stop everything and delete the SQLite files.
/// </summary>
internal sealed class BotTestEnvironment : IAsyncDisposable
{
    private readonly List<string> _databases = [];
    private readonly List<BotAppFactory> _bots = [];

    private BotTestEnvironment(FakeOpenIdServer botFramework, FakeOpenIdServer entra, FakeTokenEndpoint tokens, FakeBotConnector connector)
    {
        BotFrameworkMetadata = botFramework;
        EntraMetadata = entra;
        TokenEndpoint = tokens;
        Connector = connector;
    }

    public FakeOpenIdServer BotFrameworkMetadata { get; }

    public FakeOpenIdServer EntraMetadata { get; }

    public FakeTokenEndpoint TokenEndpoint { get; }

    /// <summary>The Bot Connector; put <see cref="FakeBotConnector.BaseUrl"/> on activities as their serviceUrl.</summary>
    public FakeBotConnector Connector { get; }

    public static async Task<BotTestEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var botFramework = await FakeOpenIdServer.StartAsync(TestTokens.BotFrameworkIssuer, TestTokens.BotFrameworkJwks(), cancellationToken);
        var entra = await FakeOpenIdServer.StartAsync(TestTokens.EntraV2Issuer, TestTokens.EntraJwks(), cancellationToken);
        var tokens = await FakeTokenEndpoint.StartAsync(cancellationToken);
        var connector = new FakeBotConnector();
        await connector.StartAsync(cancellationToken);
        return new BotTestEnvironment(botFramework, entra, tokens, connector);
    }

    /// <summary>A bot host (not started yet) in this environment; disposed with it.</summary>
    public BotAppFactory CreateBot(Func<BotTestEnvironment, BotAppFactory>? create = null)
    {
        var bot = create?.Invoke(this) ?? new BotAppFactory(this);
        _bots.Add(bot);
        return bot;
    }

    /// <summary>A personal-chat message to the bot whose serviceUrl is the fake connector.</summary>
    public ActivityBuilder Message(string text, string conversationId = "a:personal-http") =>
        ActivityBuilder.Message(text).InPersonalChat(conversationId).WithServiceUrl(Connector.BaseUrl);

    internal void Track(string databasePath)
    {
        lock (_databases)
        {
            if (!_databases.Contains(databasePath))
            {
                _databases.Add(databasePath);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await Connector.DisposeAsync();
        await TokenEndpoint.DisposeAsync();
        await EntraMetadata.DisposeAsync();
        await BotFrameworkMetadata.DisposeAsync();
        foreach (var database in _databases)
        {
            try
            {
                TestDatabases.DeleteSqliteFile(database);
            }
            catch (IOException)
            {
                // A test replaced the folder on purpose (readiness test); leave the temp leftovers.
            }
        }
    }
}
