using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.App.Hosting;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.NonCooperation;

/// <summary>
/// The real composition root (AddNonCoopBot) on a SQLite file, with the roster seeded from the sample
/// file, a FakeTimeProvider and a recording transport; activities go through the real TurnPipeline.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    public const string President = "00000000-0000-0000-0000-0000000000020";
    public const string ActingVicePresident = "00000000-0000-0000-0000-0000000000021";
    public const string Member = "a0000000-0000-4000-8000-000000000008";
    public const string FocalPoint = "00000000-0000-0000-0000-0000000000023";

    private readonly WebApplication _app;

    private BotTestHost(WebApplication app, RecordingTransport transport, FakeTimeProvider time, string dbPath)
    {
        _app = app;
        Transport = transport;
        Time = time;
        DbPath = dbPath;
    }

    public RecordingTransport Transport { get; }

    public FakeTimeProvider Time { get; }

    public string DbPath { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BotTestHost> StartAsync(string? dbPath = null, FakeTimeProvider? time = null, RecordingTransport? transport = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IDictionary<string, string?>>? configure = null)
    {
        dbPath ??= Path.Combine(Path.GetTempPath(), $"noncoopbot-flow-{Guid.NewGuid():N}.db");
        time ??= new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        transport ??= new RecordingTransport();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Storage:Provider"] = "Sqlite";
        builder.Configuration["Storage:ConnectionString"] = $"Data Source={dbPath}";
        builder.Configuration["Roster:SeedFile"] = Path.Combine(RepoRoot(), "roster", "roster.sample.json");
        builder.Configuration["Alerts:RunWorker"] = "false";
        builder.Configuration["Meetings:RunPoller"] = "false";
        builder.Configuration["Procedure:RunWorker"] = "false";
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (configure is not null)
        {
            var configured = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            configure(configured);
            foreach (var (key, value) in configured)
            {
                builder.Configuration[key] = value;
            }
        }

        builder.AddNonCoopBot();
        var t = time;
        var tr = transport;
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(t);
        builder.Services.RemoveAll<ITurnTransport>();
        builder.Services.AddSingleton<ITurnTransport>(tr);
        var app = builder.Build();
        app.MapNonCoopBot();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new BotTestHost(app, transport, time, dbPath);
    }

    /// <summary>Runs one activity through the real pipeline; returns what the bot sent during it.</summary>
    public async Task<(IReadOnlyList<Activity> Sent, TurnResult Result)> SendAsync(Activity activity)
    {
        var before = Transport.Sent.Count;
        await using var scope = _app.Services.CreateAsyncScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<TurnPipeline>();
        var result = await pipeline.ProcessAsync(activity, scope.ServiceProvider.GetRequiredService<ITurnTransport>(), scope.ServiceProvider, TestContext.Current.CancellationToken);
        return (Transport.Sent.Skip(before).ToList(), result);
    }

    /// <summary>A message from a roster member in their personal chat.</summary>
    public Task<(IReadOnlyList<Activity> Sent, TurnResult Result)> SayAsync(string aad, string text) =>
        SendAsync(ActivityBuilder.Message(text).From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).Build());

    /// <summary>The <c>draftId</c> on the buttons of the last confirmation card the bot sent.</summary>
    public string? LatestDraftId() =>
        Transport.Sent.Reverse().SelectMany(a => a.Attachments ?? [])
            .Select(a => a.Content?["actions"]?[0]?["data"]?["draftId"]?.GetValue<string>())
            .FirstOrDefault(id => id is not null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>Stops the bot, then deletes its SQLite file with the -wal and -shm files beside it.</summary>
    public async ValueTask DisposeAndDeleteDatabaseAsync()
    {
        await DisposeAsync();
        foreach (var file in new[] { DbPath, DbPath + "-wal", DbPath + "-shm" })
        {
            File.Delete(file);
        }
    }

    public static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        return Find(AppContext.BaseDirectory) ?? Find(Path.GetDirectoryName(sourceFile) ?? "/")
            ?? throw new InvalidOperationException("NonCoopBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? Find(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NonCoopBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }
}
