using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Alerts;

/// <summary>
/// Writes, in the matter's transaction, one <c>alerts</c> row and one queued <c>alert_deliveries</c> row per
/// Bureau member (the 21 members; the 4 focal points are among them, so each person once) for
/// <see cref="GoodOfficesInitiated"/> and <see cref="OralReportFiled"/>, plus a tracker row for the President
/// and the acting Vice-President. The worker is woken after commit.
/// </summary>
public sealed class AlertOutboxWriter(IDatabase database, IRosterRepository rosters, TimeProvider time, AlertWakeSignal wake) : ITransactionalEventHandler
{
    public async Task HandleAsync(DbTransaction transaction, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var relevant = (events ?? []).Where(e => e is GoodOfficesInitiated or OralReportFiled).ToList();
        if (relevant.Count == 0)
        {
            return;
        }

        var roster = await rosters.GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No roster is stored: alerts cannot be addressed. Seed the roster first.");
        var recipients = Recipients(roster);
        var trackers = Trackers(roster);
        var now = time.GetUtcNow();
        foreach (var domainEvent in relevant)
        {
            var snapshot = await ReadSnapshotAsync(transaction, domainEvent.MatterId, cancellationToken).ConfigureAwait(false);
            var alertId = "al-" + Guid.CreateVersion7(now).ToString("N");
            var payload = Payload(domainEvent, snapshot);
            await using (var insert = transaction.CreateCommand(
                "INSERT INTO alerts (id, matter_id, kind, scenario, payload, created_at, recipients) VALUES (@id, @matter, @kind, @scenario, @payload, @at, @count)")
                .AddParameter("id", alertId)
                .AddParameter("matter", domainEvent.MatterId.Value)
                .AddParameter("kind", DomainEventOutbox.KindOf(domainEvent))
                .AddParameter("scenario", snapshot.Scenario.ToString())
                .AddParameter("payload", payload.ToJsonString())
                .AddParameter("count", recipients.Count))
            {
                database.Dialect.AddTimestamp(insert, "at", now);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var member in recipients)
            {
                var aad = Normalize(member.AadObjectId);
                await using var row = transaction.CreateCommand(
                    "INSERT INTO alert_deliveries (alert_id, member_id, member_aad, idempotency_key, state, next_attempt_at, updated_at) VALUES (@alert, @member, @aad, @key, 'queued', @now, @now)")
                    .AddParameter("alert", alertId)
                    .AddParameter("member", member.Id)
                    .AddParameter("aad", aad)
                    .AddParameter("key", IdempotencyKey(alertId, aad));
                database.Dialect.AddTimestamp(row, "now", now);
                await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var member in trackers)
            {
                await using var row = transaction.CreateCommand(
                    "INSERT INTO alert_trackers (alert_id, member_aad, member_id, state, next_attempt_at, updated_at) VALUES (@alert, @aad, @member, 'queued', @now, @now)")
                    .AddParameter("alert", alertId)
                    .AddParameter("aad", Normalize(member.AadObjectId))
                    .AddParameter("member", member.Id);
                database.Dialect.AddTimestamp(row, "now", now);
                await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Signalled before commit; the worker's claim waits for the write lock (SQLite) or simply finds the
        // rows on its next period (PostgreSQL, READ COMMITTED) — a wake-up is only an optimisation.
        wake.Set();
    }

    /// <summary>The unique key of one alert to one member.</summary>
    public static string IdempotencyKey(string alertId, string memberAad) => alertId + ":" + memberAad;

    /// <summary>AAD object ids are compared lower-case.</summary>
    public static string Normalize(string aadObjectId) => aadObjectId.Trim().ToLowerInvariant();

    /// <summary>Every Bureau member once (focal points are members), in roster order.</summary>
    public static IReadOnlyList<BureauMember> Recipients(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return roster.Members
            .Where(m => !string.IsNullOrWhiteSpace(m.AadObjectId))
            .DistinctBy(m => Normalize(m.AadObjectId))
            .ToList();
    }

    /// <summary>The President and the acting Vice-President, if designated.</summary>
    public static IReadOnlyList<BureauMember> Trackers(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return new[] { roster.President, roster.ActingPresident }
            .OfType<BureauMember>()
            .DistinctBy(m => Normalize(m.AadObjectId))
            .ToList();
    }

    private static JsonObject Payload(IDomainEvent domainEvent, MatterSnapshot matter)
    {
        var (kind, title, asked) = domainEvent switch
        {
            GoodOfficesInitiated => ("goodOffices", "Good offices initiated by the President",
                "Read and acknowledge. The President may ask you to assist (para 19)."),
            OralReportFiled => ("oralReport", "Oral report filed",
                "Read the summary of the President's oral report (para 20) and acknowledge."),
            _ => throw new ArgumentOutOfRangeException(nameof(domainEvent)),
        };
        return new JsonObject
        {
            ["report"] = domainEvent is OralReportFiled filed ? OralReportContent.Of(matter, filed.TimelineSequence) : null,
            ["kind"] = kind,
            ["alertTitle"] = title,
            ["asked"] = asked,
            ["occurredAt"] = domainEvent.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["matter"] = new JsonObject
            {
                ["id"] = matter.Id,
                ["reference"] = matter.CourtReference,
                ["requestedState"] = matter.RequestedState.Name,
                ["scenario"] = matter.Scenario.Label(),
                ["courtRequest"] = matter.Request.Label(),
            },
        };
    }

    private static async Task<MatterSnapshot> ReadSnapshotAsync(DbTransaction transaction, MatterId id, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand("SELECT snapshot FROM matters WHERE id = @id").AddParameter("id", id.Value);
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
            ?? throw new InvalidOperationException("The matter of an alert is not stored in this transaction.");
        return JsonSerializer.Deserialize<MatterSnapshot>(json, BureauJson.Options)
            ?? throw new InvalidOperationException("A stored matter snapshot is empty.");
    }
}
