using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Ports;

/// <summary>
/// Where matters are kept. Versions: a new matter has <see cref="Matter.Version"/> 0 and is stored at
/// version 1; each update stores <c>expectedVersion + 1</c> only if the stored version equals
/// <c>expectedVersion</c>, else throws <see cref="MatterConcurrencyException"/> and writes nothing.
/// </summary>
public interface IMatterRepository
{
    /// <summary>The next number for <see cref="Matter.Open"/> (1, 2, 3…; never reused).</summary>
    Task<long> NextSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new matter at version 1.</summary>
    /// <exception cref="MatterConcurrencyException">A matter with this id already exists.</exception>
    Task AddAsync(Matter matter, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new matter at version 1 and records <paramref name="commandId"/> (e.g. a confirmed draft's id)
    /// in the same transaction, so the same command can never open a second matter.
    /// </summary>
    /// <exception cref="CommandAlreadyCompletedException">The command was completed before; nothing was written.</exception>
    Task AddAsync(Matter matter, string commandId, CancellationToken cancellationToken);

    /// <summary>As <see cref="UpdateAsync(Matter, long, CancellationToken)"/>, recording <paramref name="commandId"/> in the same transaction.</summary>
    /// <exception cref="CommandAlreadyCompletedException">The command was completed before; nothing was written.</exception>
    Task<long> UpdateAsync(Matter matter, long expectedVersion, string commandId, CancellationToken cancellationToken);

    /// <summary>The id of the matter a completed command changed, or null when the command has not completed.</summary>
    Task<MatterId?> FindCompletedCommandAsync(string commandId, CancellationToken cancellationToken);

    /// <summary>The matter, or null.</summary>
    Task<Matter?> GetAsync(MatterId id, CancellationToken cancellationToken);

    /// <summary>Matters that are not closed, oldest first.</summary>
    Task<IReadOnlyList<Matter>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Saves the matter if the stored version is <paramref name="expectedVersion"/>; returns the new version.</summary>
    /// <exception cref="MatterConcurrencyException">Someone else saved the matter first.</exception>
    Task<long> UpdateAsync(Matter matter, long expectedVersion, CancellationToken cancellationToken);
}
