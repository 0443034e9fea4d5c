using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>Loads <see cref="RosterOptions.SeedFile"/> into an empty database at start-up (after the schema migration).</summary>
public sealed partial class RosterSeeder(
    SchemaMigrator migrator,
    IRosterRepository rosters,
    StateDirectory states,
    IOptions<RosterOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<RosterSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var file = options.Value.SeedFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (await rosters.GetAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var path = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(environment.ContentRootPath, file));
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Roster:SeedFile points at {path}, which does not exist. Fix Roster:SeedFile or remove it.");
        }

        var roster = await RosterFile.LoadAsync(path, states, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken).ConfigureAwait(false);
        await rosters.UpsertAsync(roster, cancellationToken).ConfigureAwait(false);
        Seeded(logger, Path.GetFileName(path));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Roster loaded from the seed file {File}")]
    private static partial void Seeded(ILogger logger, string file);
}
