using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>
/// Formal procedures as snapshot JSON with an optimistic version, saved in one transaction with their matter
/// and reminders. Reminders are claimed with one UPDATE … RETURNING (FOR UPDATE SKIP LOCKED on PostgreSQL;
/// SQLite serialises writers), so with several instances each row is sent by one of them only; the unique
/// key (matter, reminder key, recipient) keeps a reminder from being planned twice.
/// </summary>
public sealed class SqlProcedureRepository(IDatabase database, SqlMatterRepository matters, TimeProvider time) : IProcedureRepository
{
    private SqlDialect Dialect => database.Dialect;

    public async Task<FormalProcedure?> GetAsync(MatterId matterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matterId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT snapshot, version FROM procedures WHERE matter_id = @id").AddParameter("id", matterId.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var snapshot = JsonSerializer.Deserialize(reader.GetString(0), BureauJsonContext.Default.FormalProcedureSnapshot)
            ?? throw new InvalidOperationException("A stored procedure snapshot is empty.");
        return FormalProcedure.Rehydrate(snapshot with { Version = reader.GetInt64(1) });
    }

    public Task<long> SaveAsync(FormalProcedure procedure, Matter? matter, bool matterIsNew, IReadOnlyList<ReminderRecipients> reminders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(reminders);
        return database.InTransactionAsync(async (tx, ct) =>
        {
            if (matter is not null)
            {
                if (matterIsNew)
                {
                    await matters.AddAsync(tx, matter, ct).ConfigureAwait(false);
                }
                else
                {
                    await matters.UpdateAsync(tx, matter, matter.Version, ct).ConfigureAwait(false);
                }
            }

            var now = time.GetUtcNow();
            var json = JsonSerializer.Serialize(procedure.ToSnapshot(), BureauJsonContext.Default.FormalProcedureSnapshot);
            await using (var command = procedure.Version == 0
                ? tx.CreateCommand("INSERT INTO procedures (matter_id, version, snapshot, updated_at) VALUES (@id, 1, @snapshot, @now)")
                : tx.CreateCommand("UPDATE procedures SET version = version + 1, snapshot = @snapshot, updated_at = @now WHERE matter_id = @id AND version = @expected").AddParameter("expected", procedure.Version))
            {
                command.AddParameter("id", procedure.MatterId.Value).AddParameter("snapshot", json);
                Dialect.AddTimestamp(command, "now", now);
                try
                {
                    if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                    {
                        throw new MatterConcurrencyException(procedure.MatterId, procedure.Version);
                    }
                }
                catch (DbException ex) when (SqlMatterRepository.IsUniqueViolation(ex))
                {
                    throw new MatterConcurrencyException(procedure.MatterId, 0);
                }
            }

            await PlanRemindersAsync(tx, procedure.MatterId.Value, reminders, now, ct).ConfigureAwait(false);
            return procedure.Version + 1;
        }, cancellationToken);
    }

    private async Task PlanRemindersAsync(DbTransaction tx, string matterId, IReadOnlyList<ReminderRecipients> reminders, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = reminders.SelectMany(r => r.RecipientAads.Select(aad => (r.Reminder, Aad: aad.Trim().ToLowerInvariant()))).ToList();
        var existing = new List<(long Id, string Key, string Aad)>();
        await using (var select = tx.CreateCommand("SELECT id, reminder_key, recipient_aad FROM procedure_reminders WHERE matter_id = @m AND state = 'pending'").AddParameter("m", matterId))
        await using (var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                existing.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var stale in existing.Where(e => !wanted.Any(w => w.Reminder.Key == e.Key && w.Aad == e.Aad)))
        {
            await using var delete = tx.CreateCommand("DELETE FROM procedure_reminders WHERE id = @id AND state = 'pending'").AddParameter("id", stale.Id);
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        foreach (var (reminder, aad) in wanted)
        {
            await using var insert = tx.CreateCommand(
                "INSERT INTO procedure_reminders (matter_id, reminder_key, recipient_aad, text, due_at, state, updated_at) VALUES (@m, @key, @aad, @text, @due, 'pending', @now) " +
                "ON CONFLICT (matter_id, reminder_key, recipient_aad) DO NOTHING")
                .AddParameter("m", matterId).AddParameter("key", reminder.Key).AddParameter("aad", aad).AddParameter("text", string.Empty); // worded when sent, from the key
            Dialect.AddTimestamp(insert, "due", reminder.DueAt);
            Dialect.AddTimestamp(insert, "now", now);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<ClaimedProcedureReminder>> ClaimDueRemindersAsync(string owner, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<ClaimedProcedureReminder>>(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE procedure_reminders SET state = 'sending', claimed_by = @owner, updated_at = @now WHERE id IN (" +
                "SELECT id FROM procedure_reminders WHERE state = 'pending' AND due_at <= @now ORDER BY due_at, id LIMIT @limit" + Dialect.ForUpdateSkipLocked +
                ") AND state = 'pending' RETURNING id, matter_id, reminder_key, recipient_aad, text, due_at")
                .AddParameter("owner", owner).AddParameter("limit", limit);
            Dialect.AddTimestamp(command, "now", now);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<ClaimedProcedureReminder>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(new(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Dialect.GetTimestamp(reader, 5)));
            }

            return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id).ToList();
        }, cancellationToken);

    public Task MarkReminderAsync(long id, string state, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand("UPDATE procedure_reminders SET state = @state, updated_at = @at WHERE id = @id").AddParameter("id", id).AddParameter("state", state);
            Dialect.AddTimestamp(command, "at", at);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task SavePostedCardAsync(PostedProcedureCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        return database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "INSERT INTO procedure_cards (matter_id, viewer_aad, conversation_id, service_url, activity_id) VALUES (@m, @v, @c, @s, @a) " +
                "ON CONFLICT (matter_id, viewer_aad, conversation_id) DO UPDATE SET service_url = excluded.service_url, activity_id = excluded.activity_id")
                .AddParameter("m", card.MatterId).AddParameter("v", card.ViewerAad).AddParameter("c", card.ConversationId).AddParameter("s", card.ServiceUrl).AddParameter("a", card.ActivityId);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PostedProcedureCard>> GetPostedCardsAsync(string matterId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT matter_id, viewer_aad, service_url, conversation_id, activity_id FROM procedure_cards WHERE matter_id = @m ORDER BY viewer_aad, conversation_id").AddParameter("m", matterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cards = new List<PostedProcedureCard>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cards.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return cards;
    }

    public async Task<DateOnly?> GetNextAssemblySessionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT starts_on FROM assembly_session WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text ? ParseDate(text) : null;
    }

    public Task SetNextAssemblySessionAsync(DateOnly startsOn, string recordedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "INSERT INTO assembly_session (id, starts_on, recorded_by, recorded_at) VALUES (1, @d, @by, @at) " +
                "ON CONFLICT (id) DO UPDATE SET starts_on = excluded.starts_on, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at")
                .AddParameter("d", Iso(startsOn)).AddParameter("by", recordedBy);
            Dialect.AddTimestamp(command, "at", at);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<IReadOnlyList<StateStatusChange>> GetStateStatusChangesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT state_code, kind, effective_on, recorded_by, recorded_at FROM state_status_changes ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<StateStatusChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new(reader.GetString(0), Enum.Parse<StateStatusChangeKind>(reader.GetString(1)), ParseDate(reader.GetString(2)), reader.GetString(3), Dialect.GetTimestamp(reader, 4)));
        }

        return changes;
    }

    public Task AddStateStatusChangeAsync(StateStatusChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand("INSERT INTO state_status_changes (state_code, kind, effective_on, recorded_by, recorded_at) VALUES (@c, @k, @d, @by, @at)")
                .AddParameter("c", change.StateCode).AddParameter("k", change.Kind.ToString()).AddParameter("d", Iso(change.EffectiveOn)).AddParameter("by", change.RecordedBy);
            Dialect.AddTimestamp(command, "at", change.RecordedAt);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
