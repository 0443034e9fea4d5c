using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NonCoopBot.App.Hosting;

namespace NonCoopBot.Bench.Turns;

/// <summary>
/// The real bot host, composed exactly as <c>src/NonCoopBot.App/Program.cs</c> does (<c>AddNonCoopBot()</c>,
/// <c>MapNonCoopBot()</c>), with the App project folder as content root (its appsettings files apply), in
/// Development without Bot:AppId (anonymous loopback mode), on Kestrel 127.0.0.1:{random}, with a fresh SQLite file.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private BotHost(WebApplication app, string folder, Uri baseAddress)
    {
        _app = app;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(_folder, "bench.db");

    public static async Task<BotHost> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "noncoopbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = AppContentRoot(),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:AppId"] = string.Empty,
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            // Console logging of every request would measure the console, not the bot.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:NonCoopBot"] = "Warning",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.AddNonCoopBot();

        var app = builder.Build();
        app.MapNonCoopBot();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotHost(app, folder, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>src/NonCoopBot.App under the repository root (the folder holding NonCoopBot.sln above the working directory or the binaries).</summary>
    private static string AppContentRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var app = Path.Combine(dir.FullName, "src", "NonCoopBot.App");
                if (File.Exists(Path.Combine(dir.FullName, "NonCoopBot.sln")) && Directory.Exists(app))
                {
                    return app;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the NonCoopBot repository (src/NonCoopBot.App is its content root).");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temp folder.
        }
    }
}
