using System.Globalization;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Record;

/// <summary>One alert on a matter as the record shows it: when sent, to how many, each acknowledgement.</summary>
public sealed record AlertFacts(string Title, bool BureauOnly, DateTimeOffset SentAt, int Recipients, IReadOnlyList<(string Name, DateTimeOffset At)> Acknowledgements)
{
    /// <summary>Time from sending to the first acknowledgement, or null.</summary>
    public TimeSpan? TimeToFirst => Acknowledgements.Count == 0 ? null : Acknowledgements.Min(a => a.At) - SentAt;

    /// <summary>Time from sending until every recipient had acknowledged, or null while some have not.</summary>
    public TimeSpan? TimeToAll => Recipients > 0 && Acknowledgements.Count >= Recipients ? Acknowledgements.Max(a => a.At) - SentAt : null;
}

/// <summary>One line of a matter's record.</summary>
public sealed record RecordItem(DateTimeOffset At, string Kind, string Text, bool BureauOnly);

/// <summary>
/// The matter's record for one reader: timeline entries, alerts and acknowledgements in time order, Bureau-only
/// items left out for readers outside the Bureau, times written in the reader's zone. Pure.
/// </summary>
public static class MatterRecord
{
    public const int PageSize = 8;

    /// <summary>The record as <paramref name="view"/> (from the one view policy) allows: Bureau-only items only in a full view.</summary>
    public static IReadOnlyList<RecordItem> Build(MatterView view, IReadOnlyList<AlertFacts> alerts)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(alerts);
        var matter = view.Matter;
        var includeBureauOnly = view.Full;
        var items = view.Entries.Select(e => new RecordItem(e.At, Kind(e), Text(matter, e), e.IsBureauOnly || matter.Confidentiality == Confidentiality.BureauOnly)).ToList();
        foreach (var alert in alerts)
        {
            var first = alert.TimeToFirst is { } f ? $"first acknowledgement after {Duration(f)}" : "no acknowledgement yet";
            var all = alert.TimeToAll is { } a ? $"all after {Duration(a)}" : $"{alert.Recipients - alert.Acknowledgements.Count} not yet acknowledged";
            items.Add(new RecordItem(alert.SentAt, "Alert", $"{alert.Title}: sent to {alert.Recipients} Bureau members; {first}; {all}.", alert.BureauOnly));
            items.AddRange(alert.Acknowledgements.Select(a => new RecordItem(a.At, "Acknowledgement", $"{a.Name} acknowledged \"{alert.Title}\".", alert.BureauOnly)));
        }

        return items.Where(i => includeBureauOnly || !i.BureauOnly).OrderBy(i => i.At).ThenBy(i => i.Kind == "Acknowledgement").ToList();
    }

    /// <summary>Page <paramref name="page"/> (1-based, clamped) and the number of pages.</summary>
    public static (IReadOnlyList<RecordItem> Items, int Page, int Pages) Page(IReadOnlyList<RecordItem> items, int page, int size = PageSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pages = Math.Max(1, (items.Count + size - 1) / size);
        var p = Math.Clamp(page, 1, pages);
        return (items.Skip((p - 1) * size).Take(size).ToList(), p, pages);
    }

    /// <summary>A time in an IANA zone, e.g. "29 Nov 2026, 09:00 (America/New_York)"; UTC when the zone is unknown.</summary>
    public static string InZone(DateTimeOffset at, string timeZone)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({timeZone})";
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return at.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (UTC)";
        }
    }

    /// <summary>A duration as the tracker writes it: "45 s", "12 min", "2 h 5 min".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 90 ? $"{Math.Max(0, (int)span.TotalSeconds)} s"
        : span.TotalMinutes < 90 ? $"{(int)span.TotalMinutes} min"
        : $"{(int)span.TotalHours} h {span.Minutes} min";

    private static string Kind(MatterEvent entry) => entry switch
    {
        OralReportRecorded => "Oral report",
        FocalPointAssistanceRequested => "Request for assistance",
        AssistanceAnswered => "Answer",
        ContactRecorded c => c.CorrectsSequence is null ? "Contact" : "Contact corrected",
        ContactLogged => "Contact",
        EmergencyMeetingConvened => "Meeting",
        MatterOpened => "Opened",
        GoodOfficesTriggered => "Good offices",
        ReferralRecorded => "Court referral",
        OpenLetterSent => "Open letter",
        InformationUpdated => "Information",
        MatterClosed => "Closed",
        _ => "Entry",
    };

    private static string Text(Matter matter, MatterEvent entry) => entry switch
    {
        OralReportRecorded r => $"#{r.Sequence} {r.Actor.Name}, with {r.WithWhom}: {r.Summary} Outcome: {r.Outcome ?? "—"}. Next steps: {r.NextSteps ?? "—"}."
            + (r.InformationVerified is { } v ? $" Information verified: {(v ? "yes" : "not yet")}." : string.Empty)
            + (r.BasisStillToVerify is { } b ? $" To verify at the time: {b}." : string.Empty),
        FocalPointAssistanceRequested q => $"#{q.Sequence} {q.Actor.Name} asked {q.MemberName}: {q.Request}",
        AssistanceAnswered a => $"#{a.Sequence} {a.Actor.Name} {(a.Accepted ? "accepted" : "declined")} request #{a.RequestSequence}{(a.Reason is null ? "" : $" (reason: {a.Reason})")}.",
        ContactRecorded c => $"#{c.Sequence} {c.Actor.Name}{(c.CorrectsSequence is { } s ? $" corrected #{s}" : string.Empty)}: {c.Details.Channel.Label()} with {ContactRules.FormatOfficials(c.Details.Officials)} on {c.Details.ContactAt.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)}. {c.Details.Summary}",
        ContactLogged l => $"#{l.Sequence} {l.Actor.Name}: contact with {l.WithWhom}. {l.Summary}",
        EmergencyMeetingConvened m => $"#{m.Sequence} Bureau meeting for {m.MeetingAt.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)}{(m.Purpose is null ? "" : $": {m.Purpose}")}.",
        MatterOpened o => $"#{o.Sequence} Opened by {o.Actor.Name}: {matter.RequestedState.Name}, {o.Request.Label()}, {o.CourtReference}.",
        GoodOfficesTriggered g => $"#{g.Sequence} Good offices initiated by {g.Actor.Name}.",
        ReferralRecorded f => $"#{f.Sequence} Court decision {f.DecisionReference} recorded by {f.Actor.Name}.",
        InformationUpdated i => $"#{i.Sequence} {i.Actor.Name}: known — {i.WhatIsKnown ?? "—"}; to verify — {i.StillToVerify ?? "—"}.",
        MatterClosed c => $"#{c.Sequence} Closed by {c.Actor.Name}: {c.Reason}",
        _ => $"#{entry.Sequence} Entry recorded by {entry.Actor.Name}.",
    };
}
