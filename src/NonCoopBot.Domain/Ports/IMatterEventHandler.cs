using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Ports;

/// <summary>
/// Acts on the domain events of one matter save, inside the transaction that stores the change (the outbox
/// seam: whatever it queues commits or rolls back with the matter). It must only write rows, never call the
/// network; the rows are then worked off by the feature's background service.
/// </summary>
public interface IMatterEventHandler
{
    /// <summary>Handles the events raised by <paramref name="matter"/>'s save, inside <paramref name="transaction"/>.</summary>
    Task HandleAsync(IMatterTransaction transaction, MatterSnapshot matter, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
