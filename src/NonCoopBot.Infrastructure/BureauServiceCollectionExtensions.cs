using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Bureau;

namespace NonCoopBot.Infrastructure;

/// <summary>Registers the Bureau's repositories (roster, matters, the alert ledger) and the States directory.</summary>
public static class BureauServiceCollectionExtensions
{
    public static IServiceCollection AddBureauPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RosterOptions>().Bind(configuration.GetSection(RosterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RosterOptions>, RosterOptionsValidator>());
        services.AddSingleton(sp => StateDirectory.LoadEmbedded().WithArrangements(sp.GetRequiredService<IOptions<RosterOptions>>().Value.StatesWithArrangement));
        services.AddSingleton<SqlRosterRepository>();
        services.AddSingleton<IRosterRepository>(sp => sp.GetRequiredService<SqlRosterRepository>());
        services.AddSingleton<SqlMatterRepository>();
        services.AddSingleton<IMatterRepository>(sp => sp.GetRequiredService<SqlMatterRepository>());
        services.AddSingleton<IProcedureRepository, SqlProcedureRepository>();
        services.TryAddSingleton<IAlertStore, AlertStore>();
        services.AddSingleton<IRosterHistory, SqlRosterHistory>();
        services.AddSingleton<IHostedService, RosterSeeder>();
        return services;
    }
}
