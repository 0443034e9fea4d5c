using System.Data.Common;
using System.Text.Json;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>A domain event read back from the outbox.</summary>
public sealed record StoredDomainEvent(long Id, string MatterId, string Kind, IDomainEvent Event, DateTimeOffset OccurredAt);

/// <summary>
/// The <c>domain_events</c> outbox: rows written in the transaction of the matter change that raised
/// them, read and marked processed by whoever acts on them (the alert dispatcher).
/// </summary>
public static class DomainEventOutbox
{
    /// <summary>Writes events inside the caller's transaction.</summary>
    public static async Task WriteAsync(IDatabase database, DbTransaction transaction, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(transaction);
        foreach (var domainEvent in events ?? [])
        {
            await using var command = transaction.CreateCommand(
                "INSERT INTO domain_events (matter_id, kind, payload, occurred_at) VALUES (@matter, @kind, @payload, @at)")
                .AddParameter("matter", domainEvent.MatterId.Value)
                .AddParameter("kind", KindOf(domainEvent))
                .AddParameter("payload", JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), BureauJson.Options));
            database.Dialect.AddTimestamp(command, "at", domainEvent.OccurredAt);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pending events, oldest first (within the caller's transaction; rows locked on PostgreSQL).</summary>
    public static async Task<IReadOnlyList<StoredDomainEvent>> ClaimPendingAsync(IDatabase database, DbTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = transaction.CreateCommand(
            "SELECT id, matter_id, kind, payload, occurred_at FROM domain_events WHERE processed_at IS NULL ORDER BY id LIMIT @limit" + database.Dialect.ForUpdateSkipLocked)
            .AddParameter("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredDomainEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = reader.GetString(2);
            events.Add(new StoredDomainEvent(reader.GetInt64(0), reader.GetString(1), kind, Parse(kind, reader.GetString(3)), database.Dialect.GetTimestamp(reader, 4)));
        }

        return events;
    }

    /// <summary>Marks an event processed (within the caller's transaction).</summary>
    public static async Task MarkProcessedAsync(IDatabase database, DbTransaction transaction, long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = transaction.CreateCommand("UPDATE domain_events SET processed_at = @at WHERE id = @id").AddParameter("id", id);
        database.Dialect.AddTimestamp(command, "at", at);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string KindOf(IDomainEvent domainEvent) => domainEvent switch
    {
        GoodOfficesInitiated => "goodOfficesInitiated",
        OralReportFiled => "oralReportFiled",
        _ => domainEvent?.GetType().Name ?? throw new ArgumentNullException(nameof(domainEvent)),
    };

    private static IDomainEvent Parse(string kind, string payload) => kind switch
    {
        "goodOfficesInitiated" => JsonSerializer.Deserialize<GoodOfficesInitiated>(payload, BureauJson.Options)!,
        "oralReportFiled" => JsonSerializer.Deserialize<OralReportFiled>(payload, BureauJson.Options)!,
        _ => throw new InvalidOperationException($"Unknown domain event kind '{kind}' in the outbox."),
    };
}
