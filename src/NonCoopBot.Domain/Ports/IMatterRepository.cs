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

    /// <summary>The matter, or null.</summary>
    Task<Matter?> GetAsync(MatterId id, CancellationToken cancellationToken);

    /// <summary>Matters that are not closed, oldest first.</summary>
    Task<IReadOnlyList<Matter>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Saves the matter if the stored version is <paramref name="expectedVersion"/>; returns the new version.</summary>
    /// <exception cref="MatterConcurrencyException">Someone else saved the matter first.</exception>
    Task<long> UpdateAsync(Matter matter, long expectedVersion, CancellationToken cancellationToken);
}
