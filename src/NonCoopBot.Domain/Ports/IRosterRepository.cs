using NonCoopBot.Domain.Members;

namespace NonCoopBot.Domain.Ports;

/// <summary>Where the roster is kept (seeded from <c>roster/roster.json</c>, edited by the Secretariat).</summary>
public interface IRosterRepository
{
    /// <summary>The current roster, or null if none has been stored yet.</summary>
    Task<Roster?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Stores the roster, replacing the previous one. Callers validate it first.</summary>
    Task UpsertAsync(Roster roster, CancellationToken cancellationToken);

    /// <summary>Who this AAD object id is (Bureau member, Secretariat staff, or unknown).</summary>
    Task<Principal> FindByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken);
}
