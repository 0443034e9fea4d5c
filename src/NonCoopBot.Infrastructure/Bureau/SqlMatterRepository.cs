using System.Data.Common;
using System.Text.Json;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>
/// Matters as snapshot JSON with an optimistic version. Every save hands the matter's pending domain events
/// to the <see cref="IMatterEventHandler"/>s inside the same transaction (e.g. the alert rows), so an alert can
/// never be lost or sent for a change that was not stored (see docs/domain-events.md).
/// </summary>
public sealed class SqlMatterRepository(IDatabase database, TimeProvider time, IEnumerable<IMatterEventHandler>? handlers = null) : IMatterRepository
{
    private readonly IMatterEventHandler[] _handlers = handlers?.ToArray() ?? [];

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

    public Task AddAsync(Matter matter, CancellationToken cancellationToken) => AddCoreAsync(matter, null, cancellationToken);

    public Task AddAsync(Matter matter, string commandId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandId);
        return AddCoreAsync(matter, commandId, cancellationToken);
    }

    public Task<long> UpdateAsync(Matter matter, long expectedVersion, CancellationToken cancellationToken) =>
        UpdateCoreAsync(matter, expectedVersion, null, cancellationToken);

    public Task<long> UpdateAsync(Matter matter, long expectedVersion, string commandId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandId);
        return UpdateCoreAsync(matter, expectedVersion, commandId, cancellationToken);
    }

    public async Task<MatterId?> FindCompletedCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT matter_id FROM matter_commands WHERE id = @id").AddParameter("id", commandId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string id ? MatterId.Parse(id) : null;
    }

    private Task AddCoreAsync(Matter matter, string? commandId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return database.InTransactionAsync((tx, ct) => AddAsync(tx, matter, commandId, ct), cancellationToken);
    }

    /// <summary>Stores a new matter (and runs its events' handlers) inside the caller's transaction.</summary>
    internal Task AddAsync(DbTransaction tx, Matter matter, CancellationToken ct) => AddAsync(tx, matter, null, ct);

    private async Task AddAsync(DbTransaction tx, Matter matter, string? commandId, CancellationToken ct)
    {
        var events = matter.DequeueEvents();
        await using var command = tx.CreateCommand(
            "INSERT INTO matters (id, version, scenario, status, state_code, snapshot, opened_at, updated_at) VALUES (@id, 1, @scenario, @status, @state, @snapshot, @opened, @updated)");
        var snapshot = Bind(command, matter);
        database.Dialect.AddTimestamp(command, "opened", matter.OpenedAt);
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new MatterConcurrencyException(matter.Id, 0);
        }

        await RecordCommandAsync(tx, commandId, matter.Id, ct).ConfigureAwait(false);

        await HandleEventsAsync(tx, snapshot, events, ct).ConfigureAwait(false);
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

    private Task<long> UpdateCoreAsync(Matter matter, long expectedVersion, string? commandId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return database.InTransactionAsync((tx, ct) => UpdateAsync(tx, matter, expectedVersion, commandId, ct), cancellationToken);
    }

    /// <summary>Saves the matter at <paramref name="expectedVersion"/> (and runs its events' handlers) inside the caller's transaction.</summary>
    internal Task<long> UpdateAsync(DbTransaction tx, Matter matter, long expectedVersion, CancellationToken ct) =>
        UpdateAsync(tx, matter, expectedVersion, null, ct);

    private async Task<long> UpdateAsync(DbTransaction tx, Matter matter, long expectedVersion, string? commandId, CancellationToken ct)
    {
        var events = matter.DequeueEvents();
        await using var command = tx.CreateCommand(
            "UPDATE matters SET version = version + 1, scenario = @scenario, status = @status, state_code = @state, snapshot = @snapshot, updated_at = @updated WHERE id = @id AND version = @expected")
            .AddParameter("expected", expectedVersion);
        var snapshot = Bind(command, matter);
        if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
        {
            throw new MatterConcurrencyException(matter.Id, expectedVersion);
        }

        await RecordCommandAsync(tx, commandId, matter.Id, ct).ConfigureAwait(false);

        await HandleEventsAsync(tx, snapshot, events, ct).ConfigureAwait(false);
        return expectedVersion + 1;
    }

    /// <summary>Records a completed command in the matter's transaction; a second completion throws and rolls it all back.</summary>
    private async Task RecordCommandAsync(DbTransaction transaction, string? commandId, MatterId matterId, CancellationToken cancellationToken)
    {
        if (commandId is null)
        {
            return;
        }

        await using var command = transaction.CreateCommand(
            "INSERT INTO matter_commands (id, matter_id, completed_at) VALUES (@id, @matter, @at) ON CONFLICT (id) DO NOTHING")
            .AddParameter("id", commandId).AddParameter("matter", matterId.Value);
        database.Dialect.AddTimestamp(command, "at", time.GetUtcNow());
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return;
        }

        await using var existing = transaction.CreateCommand("SELECT matter_id FROM matter_commands WHERE id = @id").AddParameter("id", commandId);
        var earlier = await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? matterId.Value;
        throw new CommandAlreadyCompletedException(commandId, MatterId.Parse(earlier));
    }

    /// <summary>Runs the transactional handlers (e.g. alert rows) inside the matter's transaction.</summary>
    private async Task HandleEventsAsync(DbTransaction transaction, MatterSnapshot snapshot, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var scope = new SqlMatterTransaction(transaction);
        foreach (var handler in _handlers)
        {
            await handler.HandleAsync(scope, snapshot, events, cancellationToken).ConfigureAwait(false);
        }
    }

    private MatterSnapshot Bind(DbCommand command, Matter matter)
    {
        var snapshot = matter.ToSnapshot();
        command.AddParameter("id", matter.Id.Value)
            .AddParameter("scenario", matter.Scenario.ToString())
            .AddParameter("status", matter.Status.ToString())
            .AddParameter("state", matter.RequestedState.Code)
            .AddParameter("snapshot", JsonSerializer.Serialize(snapshot, BureauJsonContext.Default.MatterSnapshot));
        database.Dialect.AddTimestamp(command, "updated", time.GetUtcNow());
        return snapshot;
    }

    private static Matter Read(DbDataReader reader)
    {
        var snapshot = JsonSerializer.Deserialize(reader.GetString(0), BureauJsonContext.Default.MatterSnapshot)
            ?? throw new InvalidOperationException("A stored matter snapshot is empty.");
        return Matter.Rehydrate(snapshot with { Version = reader.GetInt64(1) });
    }

    internal static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" || ex.Message.Contains("UNIQUE constraint", StringComparison.OrdinalIgnoreCase);
}
