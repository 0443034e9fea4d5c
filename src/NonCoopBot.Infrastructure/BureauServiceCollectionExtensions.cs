using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Bureau;

namespace NonCoopBot.Infrastructure;

/// <summary>Registers the Bureau's repositories (roster, matters) and the States directory.</summary>
public static class BureauServiceCollectionExtensions
{
    public static IServiceCollection AddBureauPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RosterOptions>().Bind(configuration.GetSection(RosterOptions.SectionName)).ValidateOnStart();
        services.AddSingleton(sp => StateDirectory.LoadEmbedded().WithArrangements(sp.GetRequiredService<IOptions<RosterOptions>>().Value.StatesWithArrangement));
        services.AddSingleton<IRosterRepository, SqlRosterRepository>();
        services.AddSingleton<IRosterHistory, SqlRosterHistory>();
        services.AddSingleton<IMatterRepository, SqlMatterRepository>();
        services.AddSingleton<IHostedService, RosterSeeder>();
        return services;
    }
}
