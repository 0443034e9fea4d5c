using NonCoopBot.Domain.Meetings;

namespace NonCoopBot.Domain.Ports;

/// <summary>One mailbox's answer: its calendar, or why it could not be read (that member then votes).</summary>
public sealed record MailboxSchedule(string Mailbox, MemberCalendar? Calendar, string? Error);

/// <summary>Reads free/busy of many mailboxes at once (Microsoft Graph <c>getSchedule</c>).</summary>
public interface IFreeBusyProvider
{
    /// <summary>False when no calendar service is configured: availability then comes from votes alone.</summary>
    bool IsEnabled { get; }

    /// <summary>One answer per mailbox asked (same order); a mailbox that could not be read carries an error.</summary>
    Task<IReadOnlyList<MailboxSchedule>> GetSchedulesAsync(IReadOnlyList<string> mailboxes, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}
