using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>The roster as one JSON document (the roster file format), read fresh on every call.</summary>
public sealed class SqlRosterRepository(IDatabase database, StateDirectory states, TimeProvider time) : IRosterRepository
{
    public async Task<Roster?> GetAsync(CancellationToken cancellationToken)
    {
        // Read on every call: another instance (or a roster load) may have replaced it (issue 10).
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT json FROM roster WHERE id = 1");
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? null : RosterFile.Parse(json, states, "stored roster");
    }

    public async Task UpsertAsync(Roster roster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var json = RosterFile.Serialize(roster);
        await database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "INSERT INTO roster (id, json, updated_at) VALUES (1, @json, @at) ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at")
                .AddParameter("json", json);
            database.Dialect.AddTimestamp(command, "at", time.GetUtcNow());
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Principal> FindByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        var roster = await GetAsync(cancellationToken).ConfigureAwait(false);
        return roster?.Identify(aadObjectId) ?? new Principal.Unknown(aadObjectId);
    }
}
