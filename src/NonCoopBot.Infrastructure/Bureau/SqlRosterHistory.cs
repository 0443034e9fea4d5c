using System.Text.Json;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>Roster loads: the roster row, a history row and the appointments, written in one transaction.</summary>
public sealed class SqlRosterHistory(IDatabase database, SqlRosterRepository rosters) : IRosterHistory
{
    public async Task ApplyAsync(Roster roster, RosterHistoryEntry entry, IReadOnlyList<RosterAppointment> appointments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(appointments);
        var json = RosterFile.Serialize(roster);
        var version = await database.InTransactionAsync(async (tx, ct) =>
        {
            var written = await rosters.WriteAsync(tx, roster, entry.At, ct).ConfigureAwait(false);
            await using (var history = tx.CreateCommand(
                "INSERT INTO roster_history (changed_at, changed_by, source, changes, roster) VALUES (@at, @by, @source, @changes, @roster)")
                .AddParameter("by", entry.By)
                .AddParameter("source", entry.Source)
                .AddParameter("changes", JsonSerializer.Serialize(entry.Changes, BureauJsonContext.Default.IReadOnlyListString))
                .AddParameter("roster", json))
            {
                database.Dialect.AddTimestamp(history, "at", entry.At);
                await history.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var clear = tx.CreateCommand("DELETE FROM roster_appointments"))
            {
                await clear.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            foreach (var a in appointments)
            {
                await using var insert = tx.CreateCommand("INSERT INTO roster_appointments (member_id, kind, since, by_whom) VALUES (@member, @kind, @since, @by)")
                    .AddParameter("member", a.MemberId)
                    .AddParameter("kind", a.Kind)
                    .AddParameter("by", a.By);
                database.Dialect.AddTimestamp(insert, "since", a.Since);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return written;
        }, cancellationToken).ConfigureAwait(false);
        rosters.Remember(roster, version);
    }

    public async Task<IReadOnlyList<RosterHistoryEntry>> ListAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT id, changed_at, changed_by, source, changes FROM roster_history ORDER BY id DESC LIMIT @max")
            .AddParameter("max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<RosterHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new RosterHistoryEntry(reader.GetInt64(0), database.Dialect.GetTimestamp(reader, 1), reader.GetString(2), reader.GetString(3),
                JsonSerializer.Deserialize(reader.GetString(4), BureauJsonContext.Default.ListString) ?? []));
        }

        return entries;
    }

    public async Task<IReadOnlyList<RosterAppointment>> AppointmentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT member_id, kind, since, by_whom FROM roster_appointments ORDER BY member_id, kind");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var appointments = new List<RosterAppointment>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            appointments.Add(new RosterAppointment(reader.GetString(0), reader.GetString(1), database.Dialect.GetTimestamp(reader, 2), reader.GetString(3)));
        }

        return appointments;
    }
}
