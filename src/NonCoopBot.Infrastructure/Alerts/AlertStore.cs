using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Alerts;

/// <summary>Parameterized SQL over <c>alerts</c>, <c>alert_deliveries</c>, <c>alert_trackers</c> and <c>alert_audit</c>.</summary>
public sealed class AlertStore(IDatabase database) : IAlertStore
{
    private const string DeliveryColumns = "id, alert_id, member_id, member_aad, state, attempts, status_code, activity_id, conversation_id, service_url, sent_at, acknowledged_at, reminders_sent";

    private SqlDialect Dialect => database.Dialect;

    public async Task EnqueueAsync(IMatterTransaction transaction, NewAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var tx = SqlMatterTransaction.Of(transaction);
        await using (var insert = tx.CreateCommand(
            "INSERT INTO alerts (id, matter_id, kind, scenario, payload, created_at, recipients) VALUES (@id, @matter, @kind, @scenario, @payload, @at, @count)")
            .AddParameter("id", alert.Id)
            .AddParameter("matter", alert.MatterId.Value)
            .AddParameter("kind", alert.Kind)
            .AddParameter("scenario", alert.Scenario)
            .AddParameter("payload", alert.Payload.ToJsonString())
            .AddParameter("count", alert.Deliveries.Count))
        {
            Dialect.AddTimestamp(insert, "at", alert.CreatedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var delivery in alert.Deliveries)
        {
            await using var row = tx.CreateCommand(
                "INSERT INTO alert_deliveries (alert_id, member_id, member_aad, idempotency_key, state, next_attempt_at, updated_at) VALUES (@alert, @member, @aad, @key, 'queued', @now, @now)")
                .AddParameter("alert", alert.Id)
                .AddParameter("member", delivery.MemberId)
                .AddParameter("aad", delivery.MemberAad)
                .AddParameter("key", delivery.IdempotencyKey);
            Dialect.AddTimestamp(row, "now", alert.CreatedAt);
            await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var tracker in alert.Trackers)
        {
            await using var row = tx.CreateCommand(
                "INSERT INTO alert_trackers (alert_id, member_aad, member_id, state, next_attempt_at, updated_at) VALUES (@alert, @aad, @member, 'queued', @now, @now)")
                .AddParameter("alert", alert.Id)
                .AddParameter("aad", tracker.MemberAad)
                .AddParameter("member", tracker.MemberId);
            Dialect.AddTimestamp(row, "now", alert.CreatedAt);
            await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AlertRecord?> GetAlertAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "SELECT id, matter_id, kind, scenario, payload, created_at, recipients, first_ack_at, all_acked_at, silent_notified_at FROM alerts WHERE id = @id")
            .AddParameter("id", alertId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new AlertRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            JsonNode.Parse(reader.GetString(4)) as JsonObject ?? [], Dialect.GetTimestamp(reader, 5), Int(reader, 6),
            Ts(reader, 7), Ts(reader, 8), Ts(reader, 9));
    }

    public async Task<IReadOnlyList<string>> ListAlertIdsForMatterAsync(string matterId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT id FROM alerts WHERE matter_id = @m ORDER BY created_at, id").AddParameter("m", matterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<IReadOnlyList<DeliveryRow>> GetDeliveriesAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {DeliveryColumns} FROM alert_deliveries WHERE alert_id = @a ORDER BY id").AddParameter("a", alertId);
        return await ReadDeliveriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeliveryRow?> GetDeliveryAsync(string alertId, string memberAad, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {DeliveryColumns} FROM alert_deliveries WHERE alert_id = @a AND member_aad = @m")
            .AddParameter("a", alertId).AddParameter("m", memberAad);
        return (await ReadDeliveriesAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<TrackerRow>> GetTrackersAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "SELECT alert_id, member_aad, member_id, state, attempts, activity_id, conversation_id, service_url, updates FROM alert_trackers WHERE alert_id = @a ORDER BY member_aad")
            .AddParameter("a", alertId);
        return await ReadTrackersAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows left <c>sending</c> past their lease (their instance died mid-send) become <c>uncertain</c>: never re-posted.</summary>
    public Task<int> ReconcileStaleSendingAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            var alerts = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET state = 'uncertain', claimed_by = NULL, claim_expires_at = NULL, updated_at = @now WHERE state = 'sending' AND claim_expires_at < @now RETURNING alert_id"))
            {
                Dialect.AddTimestamp(command, "now", now);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    alerts.Add(reader.GetString(0));
                }
            }

            // A tracker is informational: one left sending is re-queued (a duplicate tracker is harmless; a lost one is not).
            await using (var command = tx.CreateCommand(
                "UPDATE alert_trackers SET state = 'queued', claimed_by = NULL, claim_expires_at = NULL, updated_at = @now WHERE state = 'sending' AND claim_expires_at < @now"))
            {
                Dialect.AddTimestamp(command, "now", now);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            foreach (var alert in alerts)
            {
                await MarkTrackerDirtyAsync(tx, alert, ct).ConfigureAwait(false);
            }

            return alerts.Count;
        }, cancellationToken);

    /// <summary>Claims due queued deliveries for <paramref name="owner"/> until <c>now + lease</c> (SKIP LOCKED on PostgreSQL).</summary>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<ClaimedDelivery>>(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET claimed_by = @owner, claim_expires_at = @exp WHERE id IN (" +
                "SELECT id FROM alert_deliveries WHERE state = 'queued' AND next_attempt_at <= @now AND (claim_expires_at IS NULL OR claim_expires_at < @now) ORDER BY id LIMIT @limit" +
                Dialect.ForUpdateSkipLocked + ") RETURNING id, alert_id, member_id, member_aad, idempotency_key, attempts")
                .AddParameter("owner", owner).AddParameter("limit", limit);
            Dialect.AddTimestamp(command, "now", now);
            Dialect.AddTimestamp(command, "exp", now + lease);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<ClaimedDelivery>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(new ClaimedDelivery(Long(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Int(reader, 5)));
            }

            rows.Sort((a, b) => a.Id.CompareTo(b.Id));
            return rows;
        }, cancellationToken);

    /// <summary>Gives a claimed, not yet started row back (e.g. the gate closed), due again at <paramref name="nextAttemptAt"/>.</summary>
    public Task ReleaseAsync(long id, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET claimed_by = NULL, claim_expires_at = NULL, next_attempt_at = @next, updated_at = @now WHERE id = @id AND state = 'queued' AND claimed_by = @owner")
                .AddParameter("id", id).AddParameter("owner", owner);
            Dialect.AddTimestamp(command, "next", nextAttemptAt);
            Dialect.AddTimestamp(command, "now", now);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Marks the row <c>sending</c> in its own committed transaction, just before the POST. False when this
    /// instance no longer holds it. After a crash the row stays <c>sending</c> and is reconciled, not re-sent.
    /// </summary>
    public Task<bool> MarkSendingAsync(long id, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET state = 'sending', attempts = attempts + 1, claim_expires_at = @exp, updated_at = @now WHERE id = @id AND state = 'queued' AND claimed_by = @owner")
                .AddParameter("id", id).AddParameter("owner", owner);
            Dialect.AddTimestamp(command, "now", now);
            Dialect.AddTimestamp(command, "exp", now + lease);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>Records a delivered alert; the first reminder is due at <paramref name="nextReminderAt"/>.</summary>
    public Task MarkSentAsync(long id, string alertId, string activityId, string conversationId, string serviceUrl, int statusCode, DateTimeOffset now, DateTimeOffset nextReminderAt, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using (var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET state = 'sent', status_code = @code, error_code = NULL, activity_id = @activity, conversation_id = @conversation, service_url = @url, " +
                "sent_at = @now, next_reminder_at = CASE WHEN acknowledged_at IS NULL THEN @reminder ELSE NULL END, claimed_by = NULL, claim_expires_at = NULL, updated_at = @now " +
                "WHERE id = @id AND state IN ('sending', 'uncertain')")
                .AddParameter("id", id).AddParameter("code", statusCode).AddParameter("activity", activityId)
                .AddParameter("conversation", conversationId).AddParameter("url", serviceUrl))
            {
                Dialect.AddTimestamp(command, "now", now);
                Dialect.AddTimestamp(command, "reminder", nextReminderAt);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await MarkTrackerDirtyAsync(tx, alertId, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Records any other outcome: <paramref name="state"/> is <c>queued</c> (retry at <paramref name="nextAttemptAt"/>),
    /// <c>failed</c>, <c>blocked</c> or <c>uncertain</c>. <paramref name="attemptAdjustment"/> −1 un-counts a throttled attempt.
    /// </summary>
    public Task MarkOutcomeAsync(long id, string alertId, string state, int? statusCode, string? errorCode, DateTimeOffset? nextAttemptAt, int attemptAdjustment, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using (var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET state = @state, status_code = @code, error_code = @error, next_attempt_at = COALESCE(@next, next_attempt_at), " +
                "attempts = attempts + @adjust, claimed_by = NULL, claim_expires_at = NULL, updated_at = @now WHERE id = @id AND state IN ('sending', 'queued')")
                .AddParameter("id", id).AddParameter("state", state).AddParameter("code", statusCode).AddParameter("error", errorCode).AddParameter("adjust", attemptAdjustment))
            {
                Dialect.AddTimestamp(command, "next", nextAttemptAt);
                Dialect.AddTimestamp(command, "now", now);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (state != DeliveryStates.Queued)
            {
                await MarkTrackerDirtyAsync(tx, alertId, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Claims queued trackers and marks them sending in one committed transaction.</summary>
    public Task<IReadOnlyList<TrackerRow>> ClaimTrackersAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<TrackerRow>>(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_trackers SET state = 'sending', attempts = attempts + 1, claimed_by = @owner, claim_expires_at = @exp, updated_at = @now WHERE (alert_id, member_aad) IN (" +
                "SELECT alert_id, member_aad FROM alert_trackers WHERE state = 'queued' AND next_attempt_at <= @now ORDER BY alert_id LIMIT @limit" + Dialect.ForUpdateSkipLocked +
                ") RETURNING alert_id, member_aad, member_id, state, attempts, activity_id, conversation_id, service_url, updates")
                .AddParameter("owner", owner).AddParameter("limit", limit);
            Dialect.AddTimestamp(command, "now", now);
            Dialect.AddTimestamp(command, "exp", now + lease);
            return await ReadTrackersAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Records the tracker's outcome: sent (with its ids), or queued again / failed.</summary>
    public Task MarkTrackerAsync(string alertId, string memberAad, string state, string? activityId, string? conversationId, string? serviceUrl, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_trackers SET state = @state, activity_id = COALESCE(@activity, activity_id), conversation_id = COALESCE(@conversation, conversation_id), " +
                "service_url = COALESCE(@url, service_url), next_attempt_at = COALESCE(@next, next_attempt_at), claimed_by = NULL, claim_expires_at = NULL, updated_at = @now " +
                "WHERE alert_id = @alert AND member_aad = @aad")
                .AddParameter("alert", alertId).AddParameter("aad", memberAad).AddParameter("state", state)
                .AddParameter("activity", activityId).AddParameter("conversation", conversationId).AddParameter("url", serviceUrl);
            Dialect.AddTimestamp(command, "next", nextAttemptAt);
            Dialect.AddTimestamp(command, "now", now);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Claims sent trackers with pending changes (clearing the flag): one PUT each per tick, whatever the number of changes.</summary>
    public Task<IReadOnlyList<TrackerRow>> ClaimDirtyTrackersAsync(int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<TrackerRow>>(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_trackers SET dirty = 0, updates = updates + 1 WHERE (alert_id, member_aad) IN (" +
                "SELECT alert_id, member_aad FROM alert_trackers WHERE dirty = 1 AND state = 'sent' ORDER BY alert_id LIMIT @limit" + Dialect.ForUpdateSkipLocked +
                ") RETURNING alert_id, member_aad, member_id, state, attempts, activity_id, conversation_id, service_url, updates")
                .AddParameter("limit", limit);
            return await ReadTrackersAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Sets a tracker's pending-change flag again (its PUT did not go through).</summary>
    public Task RedirtyTrackerAsync(string alertId, string memberAad, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand("UPDATE alert_trackers SET dirty = 1 WHERE alert_id = @a AND member_aad = @m")
                .AddParameter("a", alertId).AddParameter("m", memberAad);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Records <paramref name="senderAad"/>'s acknowledgement of <paramref name="alertId"/> once: the conditional
    /// UPDATE (<c>acknowledged_at IS NULL</c>) lets exactly one of any number of taps win; the alert row is locked
    /// first so time to all acknowledgements is set exactly once.
    /// </summary>
    public Task<AckResult> AcknowledgeAsync(string alertId, string senderAad, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            DateTimeOffset? existing;
            bool found;
            await using (var check = tx.CreateCommand("SELECT acknowledged_at FROM alert_deliveries WHERE alert_id = @a AND member_aad = @m")
                .AddParameter("a", alertId).AddParameter("m", senderAad))
            {
                await using var reader = await check.ExecuteReaderAsync(ct).ConfigureAwait(false);
                found = await reader.ReadAsync(ct).ConfigureAwait(false);
                existing = found ? Ts(reader, 0) : null;
            }

            if (!found)
            {
                return new AckResult(AckOutcome.NotRecipient, null);
            }

            if (existing is not null)
            {
                return new AckResult(AckOutcome.AlreadyRecorded, existing);
            }

            // Lock the alert row (serialises acknowledgements of one alert on PostgreSQL; SQLite holds the write lock).
            await using (var lockAlert = tx.CreateCommand("UPDATE alerts SET recipients = recipients WHERE id = @a").AddParameter("a", alertId))
            {
                await lockAlert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var ack = tx.CreateCommand(
                "UPDATE alert_deliveries SET acknowledged_at = @now, next_reminder_at = NULL, updated_at = @now WHERE alert_id = @a AND member_aad = @m AND acknowledged_at IS NULL")
                .AddParameter("a", alertId).AddParameter("m", senderAad))
            {
                Dialect.AddTimestamp(ack, "now", now);
                if (await ack.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                {
                    await using var again = tx.CreateCommand("SELECT acknowledged_at FROM alert_deliveries WHERE alert_id = @a AND member_aad = @m")
                        .AddParameter("a", alertId).AddParameter("m", senderAad);
                    await using var reader = await again.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    return new AckResult(AckOutcome.AlreadyRecorded, await reader.ReadAsync(ct).ConfigureAwait(false) ? Ts(reader, 0) : null);
                }
            }

            await using (var times = tx.CreateCommand(
                "UPDATE alerts SET first_ack_at = COALESCE(first_ack_at, @now), all_acked_at = CASE WHEN all_acked_at IS NULL AND NOT EXISTS " +
                "(SELECT 1 FROM alert_deliveries WHERE alert_id = @a AND acknowledged_at IS NULL) THEN @now ELSE all_acked_at END WHERE id = @a")
                .AddParameter("a", alertId))
            {
                Dialect.AddTimestamp(times, "now", now);
                await times.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await MarkTrackerDirtyAsync(tx, alertId, ct).ConfigureAwait(false);
            return new AckResult(AckOutcome.Recorded, now);
        }, cancellationToken);

    /// <summary>Refusals recorded per sender per day; more are counted in the log only (one caller cannot grow the table).</summary>
    public const int MaxAuditRowsPerSenderPerDay = 20;

    /// <summary>Refusals recorded per hour from all senders together.</summary>
    public const int MaxAuditRowsPerHour = 1000;

    /// <summary>How long audit rows are kept.</summary>
    public static readonly TimeSpan AuditRetention = TimeSpan.FromDays(365);

    /// <summary>
    /// Audits a refused acknowledgement (no card inputs are stored): at most <see cref="MaxAuditRowsPerSenderPerDay"/>
    /// rows per sender per day and <see cref="MaxAuditRowsPerHour"/> in all per hour; rows older than
    /// <see cref="AuditRetention"/> are removed. Returns false when the row was not written because of a cap.
    /// </summary>
    public Task<bool> AuditRefusalAsync(string alertId, string senderAad, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            var sender = senderAad.Length > 100 ? senderAad[..100] : senderAad;
            await using (var prune = tx.CreateCommand("DELETE FROM alert_audit WHERE at < @old"))
            {
                Dialect.AddTimestamp(prune, "old", now - AuditRetention);
                await prune.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var count = tx.CreateCommand(
                "SELECT (SELECT COUNT(*) FROM alert_audit WHERE sender_aad = @s AND at > @day), (SELECT COUNT(*) FROM alert_audit WHERE at > @hour)")
                .AddParameter("s", sender))
            {
                Dialect.AddTimestamp(count, "day", now - TimeSpan.FromDays(1));
                Dialect.AddTimestamp(count, "hour", now - TimeSpan.FromHours(1));
                await using var reader = await count.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                if (Long(reader, 0) >= MaxAuditRowsPerSenderPerDay || Long(reader, 1) >= MaxAuditRowsPerHour)
                {
                    return false;
                }
            }

            await using var command = tx.CreateCommand("INSERT INTO alert_audit (alert_id, sender_aad, reason, at) VALUES (@a, @s, @r, @at)")
                .AddParameter("a", alertId.Length > 100 ? alertId[..100] : alertId).AddParameter("s", sender).AddParameter("r", reason);
            Dialect.AddTimestamp(command, "at", now);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<int> CountPendingDeliveriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM alert_deliveries WHERE state IN ('queued', 'sending')");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<int> CountAuditAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM alert_audit");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Claims due reminders: counts them first (so several instances fire each once; a crash loses one rather
    /// than doubling it) and schedules the next one interval later.
    /// </summary>
    public Task<IReadOnlyList<ClaimedReminder>> ClaimRemindersAsync(DateTimeOffset now, DateTimeOffset next, int maxReminders, int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<ClaimedReminder>>(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET reminders_sent = reminders_sent + 1, next_reminder_at = @next, updated_at = @now WHERE id IN (" +
                "SELECT id FROM alert_deliveries WHERE state = 'sent' AND acknowledged_at IS NULL AND next_reminder_at <= @now AND reminders_sent < @max ORDER BY id LIMIT @limit" +
                Dialect.ForUpdateSkipLocked + ") RETURNING id, alert_id, member_aad, reminders_sent, conversation_id, service_url")
                .AddParameter("max", maxReminders).AddParameter("limit", limit);
            Dialect.AddTimestamp(command, "now", now);
            Dialect.AddTimestamp(command, "next", next);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<ClaimedReminder>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(new ClaimedReminder(Long(reader, 0), reader.GetString(1), reader.GetString(2), Int(reader, 3), Str(reader, 4), Str(reader, 5)));
            }

            return rows;
        }, cancellationToken);

    /// <summary>Alerts whose silent recipients have had every reminder and one more interval (escalation due).</summary>
    public async Task<IReadOnlyList<string>> FindEscalationsDueAsync(DateTimeOffset now, int maxReminders, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "SELECT DISTINCT d.alert_id FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.silent_notified_at IS NULL AND d.state = 'sent' " +
            "AND d.acknowledged_at IS NULL AND d.reminders_sent >= @max AND d.next_reminder_at <= @now")
            .AddParameter("max", maxReminders);
        Dialect.AddTimestamp(command, "now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Takes the escalation of one alert (true for exactly one caller).</summary>
    public Task<bool> ClaimEscalationAsync(string alertId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand("UPDATE alerts SET silent_notified_at = @now WHERE id = @a AND silent_notified_at IS NULL").AddParameter("a", alertId);
            Dialect.AddTimestamp(command, "now", now);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>Gives back a claimed reminder that was certainly not sent (un-counts it; due again at <paramref name="nextReminderAt"/>).</summary>
    public Task UnclaimReminderAsync(long id, DateTimeOffset nextReminderAt, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand(
                "UPDATE alert_deliveries SET reminders_sent = reminders_sent - 1, next_reminder_at = @next WHERE id = @id AND reminders_sent > 0 AND acknowledged_at IS NULL")
                .AddParameter("id", id);
            Dialect.AddTimestamp(command, "next", nextReminderAt);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Gives back a claimed escalation that reached nobody, so a later tick takes it again.</summary>
    public Task UnclaimEscalationAsync(string alertId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (tx, ct) =>
        {
            await using var command = tx.CreateCommand("UPDATE alerts SET silent_notified_at = NULL WHERE id = @a").AddParameter("a", alertId);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task MarkTrackerDirtyAsync(DbTransaction tx, string alertId, CancellationToken ct)
    {
        await using var command = tx.CreateCommand("UPDATE alert_trackers SET dirty = 1 WHERE alert_id = @a").AddParameter("a", alertId);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<DeliveryRow>> ReadDeliveriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<DeliveryRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DeliveryRow(Long(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Int(reader, 5),
                reader.IsDBNull(6) ? null : Int(reader, 6), Str(reader, 7), Str(reader, 8), Str(reader, 9), Ts(reader, 10), Ts(reader, 11), Int(reader, 12)));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<TrackerRow>> ReadTrackersAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TrackerRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new TrackerRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Int(reader, 4),
                Str(reader, 5), Str(reader, 6), Str(reader, 7), Int(reader, 8)));
        }

        return rows;
    }

    private DateTimeOffset? Ts(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Dialect.GetTimestamp(reader, ordinal);

    private static string? Str(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
