using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>
/// An emergency Bureau meeting booked on a matter under the formal procedure is its step 14(a): the step becomes
/// planned for the meeting's day (UTC), and the procedure cards already posted are updated in place.
/// </summary>
public sealed class ProcedureMeetingLink(ProcedureService service, ProcedureCardUpdater updater, ProactiveMessenger messenger, IRosterRepository rosters) : IMeetingBookedHandler
{
    public async Task MeetingBookedAsync(MatterId matterId, DateTimeOffset start, Actor convener, CancellationToken cancellationToken)
    {
        var roster = await rosters.GetAsync(cancellationToken).ConfigureAwait(false);
        if (roster is not null && await service.LinkEmergencyMeetingAsync(matterId, start, convener, roster, cancellationToken).ConfigureAwait(false))
        {
            await updater.UpdatePostedAsync(matterId, messenger, cancellationToken).ConfigureAwait(false);
        }
    }
}
