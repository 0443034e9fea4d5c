using NonCoopBot.Domain.Members;

namespace NonCoopBot.Domain.Ports;

/// <summary>Loading a new roster: applied with its history entry and appointments in one transaction.</summary>
public interface IRosterHistory
{
    /// <summary>Replaces the stored roster, appends <paramref name="entry"/> and stores <paramref name="appointments"/>, atomically.</summary>
    Task ApplyAsync(Roster roster, RosterHistoryEntry entry, IReadOnlyList<RosterAppointment> appointments, CancellationToken cancellationToken);

    /// <summary>The history, newest first.</summary>
    Task<IReadOnlyList<RosterHistoryEntry>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>The current appointments (focal points, acting President) with since-when and by whom.</summary>
    Task<IReadOnlyList<RosterAppointment>> AppointmentsAsync(CancellationToken cancellationToken);
}
