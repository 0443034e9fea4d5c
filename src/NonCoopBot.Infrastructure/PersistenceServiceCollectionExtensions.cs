using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure;

/// <summary>Registers the database, its schema migration and <see cref="IStorage"/>.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StorageOptions"/> from the <c>Storage</c> section and validates it at start; registers
    /// <see cref="IDatabase"/> (singleton; SQLite or PostgreSQL), <see cref="SchemaMigrator"/> (also run at start
    /// by <see cref="SchemaMigrationHostedService"/>, before the other hosted services registered after this call)
    /// and <see cref="IStorage"/> (<see cref="SqlStorage"/>). Uses the registered <see cref="TimeProvider"/>, or
    /// <see cref="TimeProvider.System"/>. For <c>/health/ready</c>, call <see cref="SchemaMigrator.CheckReadyAsync"/>.
    /// </summary>
    public static IServiceCollection AddNonCoopBotPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDatabase>(sp => SqlDatabase.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, SchemaMigrationHostedService>());
        services.TryAddSingleton<IStorage, SqlStorage>();
        return services;
    }
}
