using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Meetings;

/// <summary>
/// <see cref="IMeetingRepository"/> on SQLite or PostgreSQL. The poll lease is taken by one conditional
/// <c>UPDATE … RETURNING</c> over rows selected with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so two instances
/// never poll the same meeting at once; booking is a conditional state change, so a double tap books once.
/// </summary>
public sealed class SqlMeetingRepository(IDatabase database) : IMeetingRepository
{
    private const string Columns = "document, state, booked_start, booked_by";

    private SqlDialect Dialect => database.Dialect;

    public async Task CreateAsync(EmergencyMeeting meeting, DateTimeOffset firstPollAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "INSERT INTO meetings (id, state, next_poll_at, document, created_at, updated_at) VALUES (@id, @state, @next, @doc, @now, @now)")
            .AddParameter("id", meeting.Id)
            .AddParameter("state", nameof(MeetingState.Polling))
            .AddParameter("doc", Serialize(meeting));
        Dialect.AddTimestamp(command, "next", firstPollAt);
        Dialect.AddTimestamp(command, "now", now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredMeeting?> GetAsync(string meetingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM meetings WHERE id = @id").AddParameter("id", meetingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredMeeting>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        return await database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                $"""
                UPDATE meetings SET lease_owner = @owner, lease_until = @until
                WHERE id IN (SELECT id FROM meetings
                             WHERE state <> 'Closed' AND next_poll_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                             ORDER BY next_poll_at LIMIT @max{Dialect.ForUpdateSkipLocked})
                RETURNING {Columns}
                """)
                .AddParameter("owner", owner)
                .AddParameter("max", max);
            Dialect.AddTimestamp(command, "until", now + lease);
            Dialect.AddTimestamp(command, "now", now);
            var list = new List<StoredMeeting>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(Read(reader));
            }

            return (IReadOnlyList<StoredMeeting>)list;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> SaveAsync(EmergencyMeeting meeting, string owner, DateTimeOffset? nextPollAt, MeetingState from, MeetingState to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            """
            UPDATE meetings SET document = @doc, lease_owner = NULL, lease_until = NULL, updated_at = @now,
                   -- A state changed meanwhile (a booking tapped during this poll) keeps the next poll time it set.
                   next_poll_at = CASE WHEN state = @from THEN @next ELSE next_poll_at END,
                   state = CASE WHEN state = @from THEN @to ELSE state END
            WHERE id = @id AND lease_owner = @owner
            """)
            .AddParameter("doc", Serialize(meeting))
            .AddParameter("from", from.ToString())
            .AddParameter("to", to.ToString())
            .AddParameter("id", meeting.Id)
            .AddParameter("owner", owner);
        Dialect.AddTimestamp(command, "next", nextPollAt);
        Dialect.AddTimestamp(command, "now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RequestBookingAsync(string meetingId, DateTimeOffset slotStart, string memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "UPDATE meetings SET state = 'Booking', booked_start = @slot, booked_by = @by, next_poll_at = @now, updated_at = @now WHERE id = @id AND state = 'Polling'")
            .AddParameter("by", memberId)
            .AddParameter("id", meetingId);
        Dialect.AddTimestamp(command, "slot", slotStart);
        Dialect.AddTimestamp(command, "now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<bool> SaveVotesAsync(string meetingId, string memberId, IReadOnlyList<MeetingVote> votes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(votes);
        return database.InTransactionAsync(async (tx, ct) =>
        {
            // Still polling? Then re-rank soon (the next poll is brought forward to now).
            await using (var poke = tx.CreateCommand("UPDATE meetings SET next_poll_at = @now, updated_at = @now WHERE id = @id AND state = 'Polling'").AddParameter("id", meetingId))
            {
                Dialect.AddTimestamp(poke, "now", now);
                if (await poke.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                {
                    return false;
                }
            }

            foreach (var vote in votes)
            {
                await using var upsert = tx.CreateCommand(
                    """
                    INSERT INTO meeting_votes (meeting_id, member_id, slot_start, answer, updated_at) VALUES (@id, @member, @slot, @answer, @now)
                    ON CONFLICT (meeting_id, member_id, slot_start) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at
                    """)
                    .AddParameter("id", meetingId)
                    .AddParameter("member", memberId)
                    .AddParameter("slot", SlotKey(vote.SlotStart))
                    .AddParameter("answer", vote.Answer.ToString());
                Dialect.AddTimestamp(upsert, "now", now);
                await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<MeetingVote>> GetVotesAsync(string meetingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT member_id, slot_start, answer FROM meeting_votes WHERE meeting_id = @id ORDER BY member_id, slot_start")
            .AddParameter("id", meetingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<MeetingVote>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new MeetingVote(reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Enum.Parse<SlotAnswer>(reader.GetString(2))));
        }

        return list;
    }

    private StoredMeeting Read(DbDataReader reader) => new(
        JsonSerializer.Deserialize(reader.GetString(0), BureauJsonContext.Default.EmergencyMeeting) ?? throw new InvalidOperationException("A stored meeting document is empty."),
        Enum.Parse<MeetingState>(reader.GetString(1)),
        reader.IsDBNull(2) ? null : Dialect.GetTimestamp(reader, 2),
        reader.IsDBNull(3) ? null : reader.GetString(3));

    private static string Serialize(EmergencyMeeting meeting) => JsonSerializer.Serialize(meeting, BureauJsonContext.Default.EmergencyMeeting);

    private static string SlotKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
