using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Dialogs.Proactive;

namespace NonCoopBot.App.Tests.Http;

/// <summary>
/// A turn writes to storage only what changed: the sender's conversation reference is written when it is new or
/// different, and an unchanged one costs no write. Writes are counted through the real SQLite file: every write of a
/// row bumps its version, and a new row appears for each new key.
/// </summary>
public sealed class ConversationReferenceWriteTests : IAsyncLifetime
{
    private const string Aad = "00000000-0000-0000-0000-0000000000c1";

    private BotTestEnvironment _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task SecondMessage_WithTheSameReference_WritesNothingButItsClaim()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        await PostHelpAsync(bot, client, "a:refs-same");
        var before = await bot.StorageSnapshotAsync(Ct);
        Assert.Equal(1, before["convref:" + Aad]);
        Assert.Equal(1, before["convref-latest"]);

        var second = await PostHelpAsync(bot, client, "a:refs-same");

        var after = await bot.StorageSnapshotAsync(Ct);
        var claim = $"activity:msteams:a:refs-same:{second}";
        Assert.Equal(1, after[claim]);
        Assert.Equal(before, after.Where(row => row.Key != claim).ToDictionary(row => row.Key, row => row.Value));
        Assert.Equal(2, _world.Connector.Requests.Count);
    }

    [Fact]
    public async Task Message_WithAChangedReference_IsWritten()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        await PostHelpAsync(bot, client, "a:refs-first");

        await PostHelpAsync(bot, client, "a:refs-second");

        var rows = await bot.StorageSnapshotAsync(Ct);
        Assert.Equal(2, rows["convref:" + Aad]);
        Assert.Equal(2, rows["convref-latest"]);
        var stored = await bot.Services.GetRequiredService<IConversationReferenceStore>().GetAsync(Aad, Ct);
        Assert.Equal("a:refs-second", stored?.ConversationId);
    }

    [Fact]
    public async Task Message_AfterTheUserWasRecordedBlocked_ClearsTheBlockAlthoughTheReferenceIsUnchanged()
    {
        var bot = _world.CreateBot();
        using var client = bot.StartClient();
        await PostHelpAsync(bot, client, "a:refs-blocked");
        var references = bot.Services.GetRequiredService<IConversationReferenceStore>();
        await references.MarkBlockedAsync(Aad, bot.Time.GetUtcNow(), Ct);
        Assert.NotNull(await references.GetBlockedAtAsync(Aad, Ct));

        await PostHelpAsync(bot, client, "a:refs-blocked");

        Assert.Null(await references.GetBlockedAtAsync(Aad, Ct));
        Assert.Equal(1, (await bot.StorageSnapshotAsync(Ct))["convref:" + Aad]);
    }

    /// <summary>Posts a signed <c>help</c> from the test user and waits for its reply; returns the activity id.</summary>
    private async Task<string> PostHelpAsync(BotAppFactory bot, HttpClient client, string conversationId)
    {
        var activity = _world.Message("help", conversationId).From("29:refs-user", Aad, "Refs User").Build();
        using var response = await client.SendAsync(bot.SignedPost(activity), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _world.Connector.NextRequestAsync(Ct);
        Assert.EndsWith("/activities/" + activity.Id, reply.Path, StringComparison.Ordinal);
        return activity.Id!;
    }
}
