using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Ports;

/// <summary>
/// Acts when an emergency Bureau meeting on a matter is booked (e.g. step 14(a) of the formal procedure becomes
/// planned for that day). Called at least once per booking: an implementation must be idempotent.
/// </summary>
public interface IMeetingBookedHandler
{
    Task MeetingBookedAsync(MatterId matterId, DateTimeOffset start, Actor convener, CancellationToken cancellationToken);
}
