using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.State;

namespace NonCoopBot.App.Tests.Export;

/// <summary>
/// Single use under a race, made certain: two downloads of one link both read the unused grant before either marks it
/// used (the real SQLite storage, with a gate that holds the writes until both have read). Exactly one gets the file.
/// </summary>
public sealed class ExportLinksRaceTests
{
    [Fact]
    public async Task TwoDownloads_ThatBothReadTheUnusedGrant_OnlyOneIsGranted()
    {
        await using var host = await BotTestHost.StartAsync();
        var gated = new BothReadFirstStorage(host.Services.GetRequiredService<IStorage>());
        var options = Options.Create(new ExportOptions { SigningKey = Convert.ToBase64String(new byte[32]) });
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        var links = new ExportLinks(new ExportSigningKey(options, environment, NullLogger<ExportSigningKey>.Instance), gated, host.Time, options, environment);
        var (url, _) = await links.IssueAsync("NC-2026-001", BotTestHost.President, ExportFormats.Pdf, TestContext.Current.CancellationToken);
        var token = url.AbsolutePath[ExportLinks.RoutePrefix.Length..];
        gated.Armed = true;

        var results = await Task.WhenAll(
            Task.Run(() => links.RedeemAsync(token, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken),
            Task.Run(() => links.RedeemAsync(token, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken));

        Assert.Equal(2, gated.Reads);
        Assert.Equal([RedeemStatus.Granted, RedeemStatus.Used], results.Select(r => r.Status).Order());
    }

    /// <summary>Once armed, holds every write until two reads have happened (bounded wait, so a failure cannot hang the run).</summary>
    private sealed class BothReadFirstStorage(IStorage inner) : IStorage
    {
        private readonly TaskCompletionSource _bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public bool Armed { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public async Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
        {
            var item = await inner.ReadAsync(key, cancellationToken);
            if (Armed && Interlocked.Increment(ref _reads) == 2)
            {
                _bothRead.TrySetResult();
            }

            return item;
        }

        public async Task<long> WriteAsync(string key, string json, long? expectedVersion, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
        {
            if (Armed)
            {
                await _bothRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return await inner.WriteAsync(key, json, expectedVersion, expiresAt, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.PurgeExpiredAsync(now, cancellationToken);
    }
}
