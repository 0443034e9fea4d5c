using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Ports;

/// <summary>A matter was saved by someone else since it was loaded (or added twice).</summary>
public sealed class MatterConcurrencyException(MatterId matterId, long expectedVersion)
    : Exception($"Matter {matterId} was changed by another update (expected version {expectedVersion}); reload it and try again.")
{
    public MatterId MatterId { get; } = matterId;

    public long ExpectedVersion { get; } = expectedVersion;
}
