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
