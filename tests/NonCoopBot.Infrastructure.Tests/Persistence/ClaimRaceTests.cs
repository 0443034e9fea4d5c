using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Meetings;
using NonCoopBot.Infrastructure.Persistence;
using Npgsql;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>
/// Every claim of work on PostgreSQL (<see cref="SqlDialect.ForUpdateSkipLocked"/>: alert deliveries, alert reminders,
/// alert trackers, dirty trackers, meetings to poll, procedure reminders), shown deterministically between two instances,
/// each with its own connection pool: instance A's claim has run but its transaction is held open (its rows locked, not
/// yet committed) while instance B claims. B must finish without waiting for A's locks and take other rows. Whether B
/// waits is read from PostgreSQL itself (<c>pg_stat_activity.wait_event_type = 'Lock'</c> for B's backend), not from a
/// timeout: plain <c>FOR UPDATE</c> makes B wait there; no lock clause at all makes B's UPDATE wait there too, and then
/// claim A's rows a second time where the outer UPDATE does not re-check the row (the test names both).
/// </summary>
public sealed class ClaimRaceTests(PostgresTestServer server) : IClassFixture<PostgresTestServer>
{
    private const int Rows = 12;
    private const int Batch = 4;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-30T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Sites => new(ClaimSites.Keys.Order(StringComparer.Ordinal));

    /// <summary>Each claim site: how to make <see cref="Rows"/> claimable rows, and one claim of <see cref="Batch"/> by an owner (the claimed keys).</summary>
    private static readonly Dictionary<string, (Func<IDatabase, Task> Seed, Func<IDatabase, string, Task<IReadOnlyList<string>>> Claim)> ClaimSites = new(StringComparer.Ordinal)
    {
        ["alert deliveries"] = (
            db => SeedAlertAsync(db, "INSERT INTO alert_deliveries (alert_id, member_id, member_aad, idempotency_key, state, next_attempt_at, updated_at) " +
                $"SELECT 'a-1', 'm' || g, 'aad-' || g, 'k-' || g, 'queued', @past, @now FROM generate_series(1, {Rows}) g"),
            async (db, owner) => Keys(await new AlertStore(db).ClaimDeliveriesAsync(owner, Now, Lease, Batch, Ct), d => d.Id)),
        ["alert reminders"] = (
            db => SeedAlertAsync(db, "INSERT INTO alert_deliveries (alert_id, member_id, member_aad, idempotency_key, state, next_attempt_at, next_reminder_at, updated_at) " +
                $"SELECT 'a-1', 'm' || g, 'aad-' || g, 'k-' || g, 'sent', @past, @past, @now FROM generate_series(1, {Rows}) g"),
            async (db, _) => Keys(await new AlertStore(db).ClaimRemindersAsync(Now, Now.AddHours(4), 3, Batch, Ct), r => r.Id)),
        ["alert trackers"] = (
            db => SeedAlertAsync(db, "INSERT INTO alert_trackers (alert_id, member_aad, member_id, state, next_attempt_at, updated_at) " +
                $"SELECT 'a-1', 'aad-' || g, 'm' || g, 'queued', @past, @now FROM generate_series(1, {Rows}) g"),
            async (db, owner) => Keys(await new AlertStore(db).ClaimTrackersAsync(owner, Now, Lease, Batch, Ct), t => t.MemberAad)),
        ["dirty alert trackers"] = (
            db => SeedAlertAsync(db, "INSERT INTO alert_trackers (alert_id, member_aad, member_id, state, next_attempt_at, dirty, updated_at) " +
                $"SELECT 'a-1', 'aad-' || g, 'm' || g, 'sent', @past, 1, @now FROM generate_series(1, {Rows}) g"),
            async (db, _) => Keys(await new AlertStore(db).ClaimDirtyTrackersAsync(Batch, Ct), t => t.MemberAad)),
        ["meetings"] = (
            async db =>
            {
                var repository = new SqlMeetingRepository(db);
                for (var i = 0; i < Rows; i++)
                {
                    await repository.CreateAsync(Meeting(i), Now.AddMinutes(-1), Now, Ct);
                }
            },
            async (db, owner) => Keys(await new SqlMeetingRepository(db).ClaimDueAsync(owner, Now, Lease, Batch, Ct), m => m.Meeting.Id)),
        ["procedure reminders"] = (
            db => ExecuteAsync(db, "INSERT INTO procedure_reminders (matter_id, reminder_key, recipient_aad, text, due_at, state, updated_at) " +
                $"SELECT 'NC-2026-001', 'k-' || g, 'aad-' || g, 'Reminder.', @past, 'pending', @now FROM generate_series(1, {Rows}) g"),
            async (db, owner) =>
            {
                var time = new FakeTimeProvider(Now);
                return Keys(await new SqlProcedureRepository(db, new SqlMatterRepository(db, time), time).ClaimDueRemindersAsync(owner, Now, Batch, Ct), r => r.Id);
            }),
    };

    /// <summary>
    /// Instance A's claim holds its rows in an open transaction; instance B's claim, on its own pool, finishes without
    /// waiting on a lock and takes only other rows; after A commits, the two claims are disjoint and together
    /// <c>2 × Batch</c> rows.
    /// </summary>
    [Theory, MemberData(nameof(Sites))]
    public async Task WhileAnotherInstanceHoldsItsClaimOpen_AClaimTakesOtherRows_WithoutWaitingOnALock(string site)
    {
        var (seed, claim) = ClaimSites[site];
        var connectionString = await server.CreateEmptyDatabaseAsync(Ct);
        await SqlTestServer.NewMigrator(server.Connect(connectionString), new FakeTimeProvider(Now)).MigrateAsync(Ct);
        await seed(server.Connect(connectionString));
        var instanceA = new HeldCommitDatabase(Instance(connectionString, "instance-a"));
        var instanceB = Instance(connectionString, "instance-b");

        // A claims; its transaction stays open (rows locked, claim not committed) until released.
        var claimA = claim(instanceA, "instance-a");
        await Task.WhenAny(instanceA.WorkDone, claimA).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.False(claimA.IsFaulted, $"{site}: instance-a's claim failed: {claimA.Exception}");

        // B claims meanwhile: watch PostgreSQL until B has finished or B's backend waits on a lock.
        var claimB = claim(instanceB, "instance-b");
        string? lockWait = null;
        var started = Stopwatch.GetTimestamp();
        while (!claimB.IsCompleted && lockWait is null)
        {
            lockWait = await LockWaitOfAsync(connectionString, "instance-b");
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60), $"{site}: instance-b's claim neither finished nor waited on a lock within 60 s");
        }

        if (lockWait is not null)
        {
            instanceA.Release();
            var (heldByA, thenB) = (await claimA, await claimB);
            var twice = heldByA.Intersect(thenB).ToList();
            Assert.Fail($"{site}: instance-b's claim waited on a lock ({lockWait}) held by instance-a's open claim"
                + (twice.Count > 0 ? $", then claimed instance-a's rows a second time: {string.Join(", ", twice)}" : $"; after instance-a committed it took {thenB.Count} rows"));
        }

        var b = await claimB;
        instanceA.Release();
        var a = await claimA;

        Assert.Equal(Batch, a.Count);
        Assert.True(b.Count == Batch, $"{site}: instance-b claimed {b.Count} rows beside instance-a's open claim, expected {Batch}");
        Assert.Empty(a.Intersect(b));
    }

    /// <summary>The first lock wait of <paramref name="applicationName"/>'s backends on this database (<c>wait_event</c>), or null.</summary>
    private static async Task<string?> LockWaitOfAsync(string connectionString, string applicationName)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "claim-race-observer", Pooling = true }.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT wait_event FROM pg_stat_activity WHERE datname = current_database() AND application_name = @app AND wait_event_type = 'Lock' LIMIT 1", connection);
        command.Parameters.AddWithValue("app", applicationName);
        return await command.ExecuteScalarAsync(Ct) as string;
    }

    /// <summary>An instance's own connection pool, told apart in <c>pg_stat_activity</c> by its <c>Application Name</c>.</summary>
    private IDatabase Instance(string connectionString, string name) =>
        server.Connect(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString);

    private static IReadOnlyList<string> Keys<T>(IEnumerable<T> rows, Func<T, object> key) =>
        [.. rows.Select(r => Convert.ToString(key(r), System.Globalization.CultureInfo.InvariantCulture)!)];

    private static async Task SeedAlertAsync(IDatabase database, string rowsSql)
    {
        await ExecuteAsync(database, "INSERT INTO alerts (id, matter_id, kind, scenario, payload, created_at, recipients) VALUES ('a-1', 'NC-2026-001', 'goodOffices', '7(a)', '{}', @now, 12)");
        await ExecuteAsync(database, rowsSql);
    }

    private static async Task ExecuteAsync(IDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand(sql);
        database.Dialect.AddTimestamp(command, "now", Now);
        database.Dialect.AddTimestamp(command, "past", Now.AddMinutes(-1));
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static EmergencyMeeting Meeting(int n) => new()
    {
        Id = $"mt-{n:D4}",
        ConvenedByMemberId = "president",
        WindowStart = Now,
        WindowEnd = Now.AddHours(72),
        DurationMinutes = 60,
        Quorum = 11,
        Participants = [],
    };

    /// <summary>
    /// The test seam for "instance A is mid-claim": its first transaction runs its work (the claim's statement, so its
    /// rows are locked), then reports <see cref="WorkDone"/> and waits for <see cref="Release"/> before committing.
    /// </summary>
    private sealed class HeldCommitDatabase(IDatabase inner) : IDatabase
    {
        private readonly TaskCompletionSource _workDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held;

        public Task WorkDone => _workDone.Task;

        public SqlDialect Dialect => inner.Dialect;

        public void Release() => _release.TrySetResult();

        public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => inner.OpenConnectionAsync(cancellationToken);

        public Task<T> WriteAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken) => inner.WriteAsync(sql, bind, run, cancellationToken);

        public Task<T> InTransactionAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
            inner.InTransactionAsync<T>(async (tx, ct) =>
            {
                var result = await work(tx, ct);
                if (Interlocked.Exchange(ref _held, 1) == 0)
                {
                    _workDone.TrySetResult();
                    await _release.Task.WaitAsync(ct);
                }

                return result;
            }, cancellationToken);
    }
}
