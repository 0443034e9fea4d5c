using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.Infrastructure.Graph;

/// <summary>
/// The Graph adapter: free/busy by <c>POST /users/{organizer}/calendar/getSchedule</c> (at most
/// <see cref="MaxSchedulesPerRequest"/> mailboxes per request) and the Teams meeting by
/// <c>POST /users/{organizer}/events</c>. 429 and Retry-After are handled by the SDK's own retry handler
/// (in the client's default middleware); nothing here retries.
/// </summary>
public sealed class GraphCalendarService(GraphServiceClient client, string organizerMailbox) : IFreeBusyProvider, IMeetingBooker
{
    /// <summary>Graph's documented limit of schedules per getSchedule request.</summary>
    public const int MaxSchedulesPerRequest = 20;

    /// <summary>availabilityViewInterval asked for (minutes); the ranking's grid.</summary>
    public const int IntervalMinutes = 15;

    public bool IsEnabled => true;

    public async Task<IReadOnlyList<MailboxSchedule>> GetSchedulesAsync(IReadOnlyList<string> mailboxes, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailboxes);
        var answers = new Dictionary<string, MailboxSchedule>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in mailboxes.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(MaxSchedulesPerRequest))
        {
            // Microsoft.Graph 6.10 writes this action body's typed properties in PascalCase ("Schedules", "StartTime"),
            // not Graph's documented names; the documented camelCase names go through AdditionalData instead.
            var body = new GetSchedulePostRequestBody
            {
                AdditionalData = new Dictionary<string, object>
                {
                    ["schedules"] = chunk.ToList(),
                    ["startTime"] = new DateTimeTimeZone { DateTime = Wire(start), TimeZone = "UTC" },
                    ["endTime"] = new DateTimeTimeZone { DateTime = Wire(end), TimeZone = "UTC" },
                    ["availabilityViewInterval"] = IntervalMinutes,
                },
            };
            var response = await client.Users[organizerMailbox].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var info in response?.Value ?? [])
            {
                if (info.ScheduleId is { } id)
                {
                    answers[id] = Read(info, start);
                }
            }
        }

        return mailboxes.Select(m => answers.TryGetValue(m, out var a) ? a with { Mailbox = m } : new MailboxSchedule(m, null, "NotReturned")).ToList();
    }

    public async Task<BookedMeeting> BookAsync(MeetingBooking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var created = await client.Users[organizerMailbox].Events.PostAsync(new Event
        {
            Subject = booking.Subject,
            Body = new ItemBody { ContentType = BodyType.Text, Content = booking.Body },
            Start = new DateTimeTimeZone { DateTime = Wire(booking.Start), TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = Wire(booking.End), TimeZone = "UTC" },
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            TransactionId = booking.IdempotencyKey,
            Attendees = [.. booking.Attendees.Select(a => new Attendee
            {
                Type = AttendeeType.Required,
                EmailAddress = new EmailAddress { Address = a.Mailbox, Name = a.Name },
            })],
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new BookedMeeting(created?.Id ?? string.Empty, created?.OnlineMeeting?.JoinUrl);
    }

    private static MailboxSchedule Read(ScheduleInformation info, DateTimeOffset start)
    {
        if (info.Error is { } error)
        {
            return new MailboxSchedule(info.ScheduleId!, null, error.ResponseCode ?? "Error");
        }

        var items = info.ScheduleItems is { } scheduleItems
            ? scheduleItems.Select(ToInterval).OfType<BusyInterval>().ToList()
            : FromAvailabilityView(info.AvailabilityView, start);
        return new MailboxSchedule(info.ScheduleId!, new MemberCalendar(items, ToWorkingHours(info.WorkingHours)), null);
    }

    private static BusyInterval? ToInterval(ScheduleItem item)
    {
        var status = item.Status switch
        {
            FreeBusyStatus.Tentative => FreeBusy.Tentative,
            FreeBusyStatus.Busy => FreeBusy.Busy,
            FreeBusyStatus.Oof => FreeBusy.OutOfOffice,
            FreeBusyStatus.WorkingElsewhere => FreeBusy.WorkingElsewhere,
            FreeBusyStatus.Unknown => FreeBusy.Busy, // an item Graph cannot classify still blocks the time
            _ => FreeBusy.Free,
        };
        var s = Parse(item.Start);
        var e = Parse(item.End);
        return s is null || e is null ? null : new BusyInterval(s.Value, e.Value, status);
    }

    /// <summary>When no items are returned: one digit per interval (0 free or working elsewhere, 1 tentative, 2 busy, 3 out of office).</summary>
    private static List<BusyInterval> FromAvailabilityView(string? view, DateTimeOffset start)
    {
        var list = new List<BusyInterval>();
        for (var i = 0; i < (view?.Length ?? 0); i++)
        {
            var status = view![i] switch { '1' => FreeBusy.Tentative, '2' => FreeBusy.Busy, '3' => FreeBusy.OutOfOffice, _ => FreeBusy.Free };
            if (status != FreeBusy.Free)
            {
                var at = start.AddMinutes(i * IntervalMinutes);
                list.Add(new BusyInterval(at, at.AddMinutes(IntervalMinutes), status));
            }
        }

        return list;
    }

    private static Domain.Meetings.WorkingHours? ToWorkingHours(Microsoft.Graph.Models.WorkingHours? hours)
    {
        if (hours?.StartTime is not { } start || hours.EndTime is not { } end || hours.TimeZone?.Name is not { } zone)
        {
            return null;
        }

        var days = (hours.DaysOfWeek ?? []).OfType<DayOfWeekObject>().Select(d => Enum.Parse<DayOfWeek>(d.ToString(), ignoreCase: true)).ToList();
        return new Domain.Meetings.WorkingHours(days, new TimeOnly(start.Hour, start.Minute), new TimeOnly(end.Hour, end.Minute), zone);
    }

    /// <summary>A Graph dateTimeTimeZone (the zone may be UTC, IANA or Windows) as UTC.</summary>
    private static DateTimeOffset? Parse(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = TimeZones.FindOrUtc(value.TimeZone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone), TimeSpan.Zero);
    }

    private static string Wire(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
