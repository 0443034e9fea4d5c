namespace NonCoopBot.Domain.Ports;

/// <summary>What to put in the organiser's calendar: no confidential detail, only the matter's reference.</summary>
/// <param name="IdempotencyKey">The same key books once (Graph's <c>transactionId</c>).</param>
public sealed record MeetingBooking(string IdempotencyKey, string Subject, string Body, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<MeetingAttendee> Attendees);

/// <summary>An invited member.</summary>
public sealed record MeetingAttendee(string Name, string Mailbox);

/// <summary>The created event.</summary>
public sealed record BookedMeeting(string EventId, string? JoinUrl);

/// <summary>Creates the online (Teams) meeting on the organiser's calendar.</summary>
public interface IMeetingBooker
{
    /// <summary>False when no calendar service is configured: the choice is then announced by card only.</summary>
    bool IsEnabled { get; }

    Task<BookedMeeting> BookAsync(MeetingBooking booking, CancellationToken cancellationToken);
}
