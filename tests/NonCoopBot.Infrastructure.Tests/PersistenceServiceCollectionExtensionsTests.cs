using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Testing;

namespace NonCoopBot.Infrastructure.Tests;

public sealed class PersistenceServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _path = TestDatabases.NewSqliteFilePath("di");

    [Fact]
    public async Task AddNonCoopBotPersistence_Sqlite_MigratesAtStartAndServesStorage()
    {
        using var host = BuildHost(new() { ["Storage:ConnectionString"] = $"Data Source={_path}" });

        await host.StartAsync(TestContext.Current.CancellationToken);
        var storage = host.Services.GetRequiredService<IStorage>();
        var version = await storage.WriteAsync("k", "{}", null, null, TestContext.Current.CancellationToken);
        var readiness = await host.Services.GetRequiredService<SchemaMigrator>().CheckReadyAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.IsType<SqlStorage>(storage);
        Assert.IsType<SqliteDatabase>(host.Services.GetRequiredService<IDatabase>());
        Assert.Equal(1, version);
        Assert.True(readiness.IsReady);
    }

    [Fact]
    public async Task AddNonCoopBotPersistence_PostgresWithoutConnectionString_FailsAtStartNamingTheSetting()
    {
        using var host = BuildHost(new() { ["Storage:Provider"] = "Postgres" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Storage:ConnectionString is required when Storage:Provider is Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNonCoopBotPersistence_Postgres_RegistersPostgresDatabase()
    {
        using var host = BuildHost(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=postgres",
        });

        Assert.IsType<PostgresDatabase>(host.Services.GetRequiredService<IDatabase>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDatabases.DeleteSqliteFile(_path);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero)));
        builder.Services.AddNonCoopBotPersistence(builder.Configuration);
        return builder.Build();
    }
}
