using System.Data.Common;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Infrastructure.Alerts;

/// <summary>
/// Acts on a matter's domain events inside the transaction that stores the matter change (the outbox
/// seam): whatever it writes commits or rolls back with the matter. It must only write rows (no network).
/// </summary>
public interface ITransactionalEventHandler
{
    /// <summary>Handles the dequeued events of one save, inside its transaction.</summary>
    Task HandleAsync(DbTransaction transaction, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
