using NonCoopBot.Domain.Meetings;

namespace NonCoopBot.Domain.Ports;

/// <summary>Where emergency meetings and their votes are kept (durable; shared by every instance).</summary>
public interface IMeetingRepository
{
    Task CreateAsync(EmergencyMeeting meeting, DateTimeOffset firstPollAt, DateTimeOffset now, CancellationToken cancellationToken);

    Task<StoredMeeting?> GetAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>
    /// Leases due meetings (not closed, next poll due, no live lease) to <paramref name="owner"/>: two instances
    /// never hold the same meeting at once.
    /// </summary>
    Task<IReadOnlyList<StoredMeeting>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the document and releases the lease (only while <paramref name="owner"/> holds it); moves the state
    /// from <paramref name="from"/> to <paramref name="to"/> only if it is still <paramref name="from"/>.
    /// </summary>
    Task<bool> SaveAsync(EmergencyMeeting meeting, string owner, DateTimeOffset? nextPollAt, MeetingState from, MeetingState to, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Polling → booking with the slot, once: a second tap (or another instance) gets false.</summary>
    Task<bool> RequestBookingAsync(string meetingId, DateTimeOffset slotStart, string memberId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the member's votes on the given slots while the meeting is still polling; false otherwise.</summary>
    Task<bool> SaveVotesAsync(string meetingId, string memberId, IReadOnlyList<MeetingVote> votes, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<MeetingVote>> GetVotesAsync(string meetingId, CancellationToken cancellationToken);
}
