namespace NonCoopBot.Domain.Ports;

/// <summary>
/// The storage transaction in which a matter change is being saved. Handed to <see cref="IMatterEventHandler"/>s
/// so that what they queue (through their own port, e.g. <see cref="IAlertStore.EnqueueAsync"/>) commits or rolls
/// back with the matter. Opaque outside the storage adapter that created it.
/// </summary>
public interface IMatterTransaction;
