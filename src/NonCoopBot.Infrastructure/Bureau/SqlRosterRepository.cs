using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>
/// The roster as one JSON document (the roster file format) with a version bumped by every change. Each
/// instance keeps the parsed roster and, at most every <see cref="Freshness"/>, reads only the stored version
/// (one small query): a change made by any instance (the acting President, a member replaced) is seen by
/// every instance within that time, and the full document is read again only when the version moved.
/// </summary>
public sealed class SqlRosterRepository(IDatabase database, StateDirectory states, TimeProvider time) : IRosterRepository
{
    /// <summary>How long a checked roster is used before its version is read again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private Cached? _cached;

    public async Task<Roster?> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Cached? cached;
        lock (_lock)
        {
            cached = _cached;
        }

        if (cached is not null && now - cached.CheckedAt < Freshness && now >= cached.CheckedAt)
        {
            return cached.Roster;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long? version;
        await using (var command = connection.CreateCommand("SELECT version FROM roster WHERE id = 1"))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            version = value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (version is null)
        {
            Store(new Cached(null, 0, now));
            return null;
        }

        if (cached is not null && cached.Version == version)
        {
            Store(cached with { CheckedAt = now });
            return cached.Roster;
        }

        await using var read = connection.CreateCommand("SELECT json, version FROM roster WHERE id = 1");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Store(new Cached(null, 0, now));
            return null;
        }

        var roster = RosterFile.Parse(reader.GetString(0), states, "stored roster");
        Store(new Cached(roster, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), now));
        return roster;
    }

    public async Task UpsertAsync(Roster roster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var now = time.GetUtcNow();
        var version = await database.InTransactionAsync((tx, ct) => WriteAsync(tx, roster, now, ct), cancellationToken).ConfigureAwait(false);
        Remember(roster, version);
    }

    /// <summary>Writes <paramref name="roster"/> inside <paramref name="transaction"/> and returns its new version.</summary>
    internal async Task<long> WriteAsync(System.Data.Common.DbTransaction transaction, Roster roster, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(
            "INSERT INTO roster (id, json, updated_at, version) VALUES (1, @json, @at, 1) " +
            "ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at, version = roster.version + 1 RETURNING version")
            .AddParameter("json", RosterFile.Serialize(roster));
        database.Dialect.AddTimestamp(command, "at", at);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>After a committed write: this instance uses the new roster at once (others within <see cref="Freshness"/>).</summary>
    internal void Remember(Roster roster, long version) => Store(new Cached(roster, version, time.GetUtcNow()));

    public async Task<Principal> FindByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        var roster = await GetAsync(cancellationToken).ConfigureAwait(false);
        return roster?.Identify(aadObjectId) ?? new Principal.Unknown(aadObjectId);
    }

    private void Store(Cached cached)
    {
        lock (_lock)
        {
            _cached = cached;
        }
    }

    private sealed record Cached(Roster? Roster, long Version, DateTimeOffset CheckedAt);
}
