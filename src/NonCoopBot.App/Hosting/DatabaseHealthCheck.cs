using Microsoft.Extensions.Diagnostics.HealthChecks;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.App.Hosting;

/// <summary>Ready when the database answers and its schema is current. Never calls Teams or Graph.</summary>
internal sealed class DatabaseHealthCheck(SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var readiness = await migrator.CheckReadyAsync(cancellationToken).ConfigureAwait(false);
        return readiness.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(readiness.Problem);
    }
}
