using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NonCoopBot.App.Hosting;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.App.Tests.NonCooperation;

public sealed class StoragePurgeTests
{
    [Fact]
    public async Task RunOnce_AfterTheDeduplicationWindow_RemovesRememberedActivities()
    {
        await using var host = await BotTestHost.StartAsync();
        await host.SayAsync(BotTestHost.Member, "help");
        var purge = host.Services.GetServices<IHostedService>().OfType<StoragePurgeService>().Single();
        var ct = TestContext.Current.CancellationToken;

        await purge.RunOnceAsync(ct);
        Assert.Equal(1, await CountExpiringAsync(host, ct));
        host.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        await purge.RunOnceAsync(ct);

        Assert.Equal(0, await CountExpiringAsync(host, ct));
    }

    private static async Task<long> CountExpiringAsync(BotTestHost host, CancellationToken ct)
    {
        await using var connection = await host.Services.GetRequiredService<IDatabase>().OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM storage_items WHERE key LIKE 'activity:%'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class WelcomeTests
{
    [Fact]
    public async Task Install_AnnouncedTwiceByTeams_IsWelcomedOnce()
    {
        await using var host = await BotTestHost.StartAsync();
        var bot = NonCoopBot.Testing.ActivityBuilder.BotId;
        var installation = NonCoopBot.Testing.ActivityBuilder.Of(NonCoopBot.Protocol.Schema.ActivityTypes.InstallationUpdate)
            .From("29:u", BotTestHost.Member).InPersonalChat("a:welcome").With(a => a.Action = "add").Build();
        var update = NonCoopBot.Testing.ActivityBuilder.Of(NonCoopBot.Protocol.Schema.ActivityTypes.ConversationUpdate)
            .From("29:u", BotTestHost.Member).InPersonalChat("a:welcome").With(a => a.MembersAdded = [new() { Id = bot }]).Build();

        var (first, _) = await host.SendAsync(installation);
        var (second, _) = await host.SendAsync(update);

        Assert.Equal(Languages.Said.En("onboarding.welcome", ("help", "help")), Assert.Single(first).Text);
        Assert.Empty(second);
    }
}
