using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Graph;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Tests;

/// <summary>
/// How <c>Storage</c>, <c>Roster</c> and <c>Graph</c> are bound by the registrations (generated binding code, as under native AOT):
/// every setting, an enum by name in any casing, a list, and the defaults kept when a setting is absent.
/// </summary>
public sealed class OptionsBindingTests
{
    private static (StorageOptions Storage, RosterOptions Roster, GraphOptions Graph) Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production })
            .AddNonCoopBotPersistence(configuration)
            .AddBureauPersistence(configuration)
            .AddGraphCalendars(configuration);
        using var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IOptions<StorageOptions>>().Value, provider.GetRequiredService<IOptions<RosterOptions>>().Value,
            provider.GetRequiredService<IOptions<GraphOptions>>().Value);
    }

    [Fact]
    public void Every_setting_is_bound()
    {
        var (storage, roster, graph) = Bind(new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=postgres",
            ["Roster:SeedFile"] = "roster/roster.json",
            ["Roster:StatesWithArrangement:0"] = "UKR",
            ["Roster:StatesWithArrangement:1"] = "CIV",
            ["Graph:BaseUrl"] = "https://graph.example/v1.0",
            ["Graph:TenantId"] = "t",
            ["Graph:ClientId"] = "c",
            ["Graph:ClientSecret"] = "s",
            ["Graph:UseManagedIdentity"] = "false",
            ["Graph:OrganizerMailbox"] = "bureau@example.org",
        });

        Assert.Equal((StorageProvider.Postgres, "Host=127.0.0.1;Port=1;Username=postgres"), (storage.Provider, storage.ConnectionString));
        Assert.Equal("roster/roster.json", roster.SeedFile);
        Assert.Equal(["UKR", "CIV"], roster.StatesWithArrangement);
        Assert.Equal(("https://graph.example/v1.0", "t", "c", "s", null, false, "bureau@example.org"),
            (graph.BaseUrl, graph.TenantId, graph.ClientId, graph.ClientSecret, graph.CertificatePath, graph.UseManagedIdentity, graph.OrganizerMailbox));
    }

    [Fact]
    public void Absent_settings_keep_their_defaults()
    {
        var (storage, roster, graph) = Bind([]);

        Assert.Equal((StorageProvider.Sqlite, null), (storage.Provider, storage.ConnectionString));
        Assert.Null(roster.SeedFile);
        Assert.Empty(roster.StatesWithArrangement);
        Assert.Equal((GraphOptions.DefaultBaseUrl, null, false), (graph.BaseUrl, graph.OrganizerMailbox, graph.UseManagedIdentity));
    }
}
