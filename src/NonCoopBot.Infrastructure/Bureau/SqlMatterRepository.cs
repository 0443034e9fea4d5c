using System.Data.Common;
using System.Text.Json;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>
/// Matters as snapshot JSON with an optimistic version. Every save also writes the matter's pending
/// domain events to the <c>domain_events</c> outbox in the same transaction, so an alert can never be
/// lost or sent for a change that was not stored.
/// </summary>
public sealed class SqlMatterRepository(IDatabase database, TimeProvider time, IEnumerable<ITransactionalEventHandler>? handlers = null) : IMatterRepository
{
    private readonly ITransactionalEventHandler[] _handlers = handlers?.ToArray() ?? [];

    public Task<long> NextSequenceAsync(CancellationToken cancellationToken)
    {
        var year = time.GetUtcNow().Year;
        return database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "INSERT INTO matter_sequence (year, value) VALUES (@year, 1) ON CONFLICT (year) DO UPDATE SET value = matter_sequence.value + 1 RETURNING value")
                .AddParameter("year", year);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    public Task AddAsync(Matter matter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return database.InTransactionAsync((tx, ct) => AddAsync(tx, matter, ct), cancellationToken);
    }

    /// <summary>Stores a new matter (and runs its events' handlers) inside the caller's transaction.</summary>
    internal async Task AddAsync(DbTransaction tx, Matter matter, CancellationToken ct)
    {
        var events = matter.DequeueEvents();
        await using var command = tx.CreateCommand(
            "INSERT INTO matters (id, version, scenario, status, state_code, snapshot, opened_at, updated_at) VALUES (@id, 1, @scenario, @status, @state, @snapshot, @opened, @updated)");
        Bind(command, matter);
        database.Dialect.AddTimestamp(command, "opened", matter.OpenedAt);
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new MatterConcurrencyException(matter.Id, 0);
        }

        await DomainEventOutbox.WriteAsync(database, tx, events, ct).ConfigureAwait(false);
        await HandleEventsAsync(tx, events, ct).ConfigureAwait(false);
    }

    public async Task<Matter?> GetAsync(MatterId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT snapshot, version FROM matters WHERE id = @id").AddParameter("id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Matter>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT snapshot, version FROM matters WHERE status <> @closed ORDER BY opened_at, id")
            .AddParameter("closed", MatterStatus.Closed.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var matters = new List<Matter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            matters.Add(Read(reader));
        }

        return matters;
    }

    public Task<long> UpdateAsync(Matter matter, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return database.InTransactionAsync((tx, ct) => UpdateAsync(tx, matter, expectedVersion, ct), cancellationToken);
    }

    /// <summary>Saves the matter at <paramref name="expectedVersion"/> (and runs its events' handlers) inside the caller's transaction.</summary>
    internal async Task<long> UpdateAsync(DbTransaction tx, Matter matter, long expectedVersion, CancellationToken ct)
    {
        var events = matter.DequeueEvents();
        await using var command = tx.CreateCommand(
            "UPDATE matters SET version = version + 1, scenario = @scenario, status = @status, state_code = @state, snapshot = @snapshot, updated_at = @updated WHERE id = @id AND version = @expected")
            .AddParameter("expected", expectedVersion);
        Bind(command, matter);
        if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
        {
            throw new MatterConcurrencyException(matter.Id, expectedVersion);
        }

        await DomainEventOutbox.WriteAsync(database, tx, events, ct).ConfigureAwait(false);
        await HandleEventsAsync(tx, events, ct).ConfigureAwait(false);
        return expectedVersion + 1;
    }

    /// <summary>Runs the transactional handlers (e.g. alert rows) inside the matter's transaction.</summary>
    private async Task HandleEventsAsync(DbTransaction transaction, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var handler in _handlers)
        {
            await handler.HandleAsync(transaction, events, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Bind(DbCommand command, Matter matter)
    {
        var snapshot = matter.ToSnapshot();
        command.AddParameter("id", matter.Id.Value)
            .AddParameter("scenario", matter.Scenario.ToString())
            .AddParameter("status", matter.Status.ToString())
            .AddParameter("state", matter.RequestedState.Code)
            .AddParameter("snapshot", JsonSerializer.Serialize(snapshot, BureauJson.Options));
        database.Dialect.AddTimestamp(command, "updated", time.GetUtcNow());
    }

    private static Matter Read(DbDataReader reader)
    {
        var snapshot = JsonSerializer.Deserialize<MatterSnapshot>(reader.GetString(0), BureauJson.Options)
            ?? throw new InvalidOperationException("A stored matter snapshot is empty.");
        return Matter.Rehydrate(snapshot with { Version = reader.GetInt64(1) });
    }

    internal static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" || ex.Message.Contains("UNIQUE constraint", StringComparison.OrdinalIgnoreCase);
}
