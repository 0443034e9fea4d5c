using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Infrastructure.Tests.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Bureau;

/// <summary>The matter repository and its transactional event handlers (the outbox seam), on every database.</summary>
public abstract class MatterRepositoryContractTests(SqlTestServer server)
{
    private static readonly StateDirectory States = StateDirectory.LoadEmbedded();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Actor President = new("m-president", "President");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordingHandler _handler = new();

    private async Task<(IDatabase Db, SqlMatterRepository Repo)> CreateAsync()
    {
        var db = server.Connect(await server.CreateEmptyDatabaseAsync(Ct));
        await SqlTestServer.NewMigrator(db, _time).MigrateAsync(Ct);
        return (db, new SqlMatterRepository(db, _time, [_handler]));
    }

    private Matter Open(long sequence, Scenario scenario = Scenario.Urgent7B)
    {
        var result = Matter.Open(new MatterOpening(States.GetByCode("KEN"), scenario, CourtRequest.Art89ArrestAndSurrender, "ICC-01/99-01/26", "[name withheld]"), sequence, President, _time);
        return result.Matter ?? throw new InvalidOperationException(result.Refusal?.ToString());
    }

    [Fact]
    public async Task NextSequence_CountsUpPerYear()
    {
        var (_, repo) = await CreateAsync();

        Assert.Equal(1, await repo.NextSequenceAsync(Ct));
        Assert.Equal(2, await repo.NextSequenceAsync(Ct));
    }

    [Fact]
    public async Task Add_ThenGet_RoundTripsTheTimelineAndHandsTheEventsToTheHandlersInTheSameTransaction()
    {
        var (_, repo) = await CreateAsync();
        var matter = Open(1);
        matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, _time);

        await repo.AddAsync(matter, Ct);
        var stored = await repo.GetAsync(matter.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(MatterStatus.GoodOfficesUnderway, stored.Status);
        Assert.Equal(matter.Timeline.Count, stored.Timeline.Count);
        Assert.IsType<GoodOfficesTriggered>(stored.Timeline[^1]);
        var (snapshot, events, hadOpenTransaction) = Assert.Single(_handler.Calls);
        var initiated = Assert.IsType<GoodOfficesInitiated>(Assert.Single(events));
        Assert.Equal(matter.Id, initiated.MatterId);
        Assert.Equal(matter.Id.Value, snapshot.Id);
        Assert.True(hadOpenTransaction, "the handler runs inside the matter's open transaction");
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsRefusedAndHandsOnNoEvent()
    {
        var (_, repo) = await CreateAsync();
        await repo.AddAsync(Open(1), Ct);
        var first = (await repo.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;
        var second = (await repo.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;
        first.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, _time);
        Assert.Equal(2, await repo.UpdateAsync(first, first.Version, Ct));

        second.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, _time);

        await Assert.ThrowsAsync<MatterConcurrencyException>(() => repo.UpdateAsync(second, second.Version, Ct));
        Assert.Single(_handler.Calls);
    }

    [Fact]
    public async Task ListOpen_OmitsClosedMatters()
    {
        var (_, repo) = await CreateAsync();
        await repo.AddAsync(Open(1), Ct);
        var closing = Open(2, Scenario.CourtReferral7A);
        closing.Close(President, "Cooperation obtained", _time);
        await repo.AddAsync(closing, Ct);

        var open = await repo.ListOpenAsync(Ct);

        Assert.Equal(["NC-2026-001"], open.Select(m => m.Id.Value));
    }

    [Fact]
    public async Task A_failing_handler_rolls_the_matter_change_back()
    {
        var (_, repo) = await CreateAsync();
        _handler.FailWith = new InvalidOperationException("the alert rows could not be written");
        var matter = Open(1);
        matter.TriggerGoodOffices(President, GoodOfficesBasis.OwnInitiativeScenario7B, null, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => repo.AddAsync(matter, Ct));

        Assert.Null(await repo.GetAsync(matter.Id, Ct));
    }

    [Fact]
    public async Task The_unread_domain_events_table_is_gone()
    {
        var (db, _) = await CreateAsync();

        await using var connection = await db.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM domain_events");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => command.ExecuteScalarAsync(Ct));
    }

    private sealed class RecordingHandler : IMatterEventHandler
    {
        public List<(MatterSnapshot Matter, IReadOnlyList<IDomainEvent> Events, bool HadOpenTransaction)> Calls { get; } = [];

        public Exception? FailWith { get; set; }

        public Task HandleAsync(IMatterTransaction transaction, MatterSnapshot matter, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
        {
            Calls.Add((matter, events, SqlMatterTransaction.Of(transaction).Connection is not null));
            return FailWith is null ? Task.CompletedTask : Task.FromException(FailWith);
        }
    }
}

public sealed class SqliteMatterRepositoryTests(SqliteTestServer server) : MatterRepositoryContractTests(server), IClassFixture<SqliteTestServer>;

public sealed class PostgresMatterRepositoryTests(PostgresTestServer server) : MatterRepositoryContractTests(server), IClassFixture<PostgresTestServer>;
