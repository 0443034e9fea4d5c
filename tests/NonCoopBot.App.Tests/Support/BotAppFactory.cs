using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Support;

/// <summary>
/// The real bot host (<c>Program</c>: <c>AddNonCoopBot()</c> + <c>MapNonCoopBot()</c>) for HTTP tests: environment
/// "Testing", <c>Bot:AppId</c> = <see cref="TestTokens.BotAppId"/>, signing keys from loopback
/// <see cref="FakeOpenIdServer"/>s, the outbound token from a <see cref="FakeTokenEndpoint"/>, a SQLite file in the
/// temp folder and a <see cref="FakeTimeProvider"/>. By default it listens on real Kestrel on 127.0.0.1:{random};
/// set <see cref="UseKestrelServer"/> false for the in-memory TestServer. Replies go to whatever serviceUrl the
/// activity carries (point it at a <see cref="FakeBotConnector"/>).
/// </summary>
internal sealed class BotAppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset StartTime = DateTimeOffset.Parse("2026-09-01T08:00:00Z", CultureInfo.InvariantCulture);

    private readonly BotTestEnvironment _environment;

    public BotAppFactory(BotTestEnvironment environment, string? databasePath = null)
    {
        _environment = environment;
        DatabasePath = databasePath ?? TestDatabases.NewSqliteFilePath("bot");
        Logs = new CapturingLoggerProvider(TestContext.Current.TestOutputHelper);
    }

    /// <summary>The ASP.NET Core environment. The default is "Testing".</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary><c>Bot:AppId</c>; null or empty runs without one (anonymous mode in Development).</summary>
    public string? AppId { get; init; } = TestTokens.BotAppId;

    /// <summary>True (default): real Kestrel on loopback. False: in-memory TestServer.</summary>
    public bool UseKestrelServer { get; init; } = true;

    /// <summary>When set, every request appears to come from this address (simulates a remote caller).</summary>
    public IPAddress? RemoteAddress { get; init; }

    /// <summary>Settings read while services are registered (e.g. OTEL_EXPORTER_OTLP_ENDPOINT), applied as host settings.</summary>
    public IDictionary<string, string?> HostSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>More settings (applied last).</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>More service registrations (applied after the app's own).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The SQLite file (kept after dispose so a restart can reuse it; <see cref="BotTestEnvironment"/> deletes it).</summary>
    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; } = new(StartTime);

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Starts the host (Kestrel or TestServer) and returns a client for it.</summary>
    public HttpClient StartClient()
    {
        _environment.Track(DatabasePath);
        if (UseKestrelServer)
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
        }

        // No redirect handler (redirects are not followed); every answer the bot gives is checked for para 12.
        return CreateDefaultClient(ClientOptions.BaseAddress, new WordingCheckingHandler());
    }

    /// <summary>Inspects every HTTP answer of the bot (invoke answers carry cards and texts) with <see cref="SentWording"/>.</summary>
    private sealed class WordingCheckingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                SentWording.Inspect(await response.Content.ReadAsStringAsync(cancellationToken), $"bot's HTTP answer to {request.Method} {request.RequestUri?.AbsolutePath}");
            }

            return response;
        }
    }

    /// <summary>A POST of <paramref name="activity"/> signed with a valid channel token for the current fake time.</summary>
    public HttpRequestMessage SignedPost(NonCoopBot.Protocol.Schema.Activity activity) =>
        TestTokens.SignedPost("/api/messages", activity, Time.GetUtcNow());

    /// <summary>Every storage row (key and version), read straight from the SQLite file.</summary>
    public async Task<IReadOnlyDictionary<string, long>> StorageSnapshotAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, version FROM storage_items;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in HostSettings)
        {
            builder.UseSetting(key, value);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Bot:AppId"] = AppId ?? string.Empty,
            ["Bot:TenantId"] = string.IsNullOrEmpty(AppId) ? string.Empty : TestTokens.TenantId,
            ["Bot:ClientSecret"] = string.IsNullOrEmpty(AppId) ? string.Empty : "test-client-secret",
            ["Bot:OpenIdMetadataUrl"] = _environment.BotFrameworkMetadata.MetadataUrl,
            ["Bot:EntraOpenIdMetadataUrl"] = _environment.EntraMetadata.MetadataUrl,
            ["Bot:AllowHttpMetadataOnLoopback"] = "true",
            // The fake connector listens on http://127.0.0.1 (refused at start-up in Production).
            ["Bot:AllowLoopbackServiceUrls"] = EnvironmentName == "Production" ? "false" : "true",
            ["Bot:AuthorityHost"] = _environment.TokenEndpoint.AuthorityHost,
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={DatabasePath}",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(MsalBotTokenProvider.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(_environment.TokenEndpoint.CreateTrustingHandler);
            if (RemoteAddress is not null)
            {
                services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(RemoteAddress));
            }

            TestServices?.Invoke(services);
        });
    }

    /// <summary>Makes every request look as if it came from <paramref name="address"/>.</summary>
    private sealed class RemoteAddressStartupFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
