using Microsoft.Extensions.Hosting;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>Runs <see cref="SchemaMigrator.MigrateAsync"/> once when the host starts; a failure stops the start.</summary>
public sealed class SchemaMigrationHostedService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
