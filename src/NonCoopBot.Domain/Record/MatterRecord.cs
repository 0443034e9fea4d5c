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

/// <summary>One line of a matter's record, in the words of its reader's language.</summary>
public sealed record RecordItem(DateTimeOffset At, string Kind, string Text, bool BureauOnly);

/// <summary>
/// Writes a sentence of the record in its reader's language: <paramref name="key"/> names the text
/// (<c>record.kind.contact</c>, <c>record.text.contact</c>, …), <paramref name="args"/> fill its placeholders
/// (times are passed as <see cref="DateTimeOffset"/> and written by the wording). The Domain keeps no wording.
/// </summary>
public delegate string RecordWording(string key, IReadOnlyList<(string Name, object? Value)> args);

/// <summary>
/// The matter's record for one reader: timeline entries, alerts and acknowledgements in time order, Bureau-only
/// items left out for readers outside the Bureau, each line written by a <see cref="RecordWording"/>. Pure.
/// </summary>
public static class MatterRecord
{
    public const int PageSize = 8;

    /// <summary>The record as <paramref name="view"/> (from the one view policy) allows: Bureau-only items only in a full view.</summary>
    public static IReadOnlyList<RecordItem> Build(MatterView view, IReadOnlyList<AlertFacts> alerts, RecordWording wording)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(wording);
        var matter = view.Matter;
        var includeBureauOnly = view.Full;
        string W(string key, params (string Name, object? Value)[] args) => wording(key, args);
        var items = view.Entries
            .Select(e => (Item: new RecordItem(e.At, W("record.kind." + Kind(e)), Text(matter, e, W), e.IsBureauOnly || matter.Confidentiality == Confidentiality.BureauOnly), Acknowledgement: false))
            .ToList();
        foreach (var alert in alerts)
        {
            var first = alert.TimeToFirst is { } f ? W("record.alert.first", ("after", Duration(f))) : W("record.alert.noneYet");
            var all = alert.TimeToAll is { } a ? W("record.alert.all", ("after", Duration(a))) : W("record.alert.notAll", ("count", alert.Recipients - alert.Acknowledgements.Count));
            items.Add((new RecordItem(alert.SentAt, W("record.kind.alert"), W("record.text.alert", ("title", alert.Title), ("recipients", alert.Recipients), ("first", first), ("all", all)), alert.BureauOnly), false));
            items.AddRange(alert.Acknowledgements.Select(ack => (new RecordItem(ack.At, W("record.kind.acknowledgement"), W("record.text.acknowledgement", ("name", ack.Name), ("title", alert.Title)), alert.BureauOnly), true)));
        }

        return items.Where(i => includeBureauOnly || !i.Item.BureauOnly).OrderBy(i => i.Item.At).ThenBy(i => i.Acknowledgement).Select(i => i.Item).ToList();
    }
    /// <summary>Page <paramref name="page"/> (1-based, clamped) and the number of pages.</summary>
    public static (IReadOnlyList<RecordItem> Items, int Page, int Pages) Page(IReadOnlyList<RecordItem> items, int page, int size = PageSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pages = Math.Max(1, (items.Count + size - 1) / size);
        var p = Math.Clamp(page, 1, pages);
        return (items.Skip((p - 1) * size).Take(size).ToList(), p, pages);
    }

    /// <summary>
    /// A time in an IANA zone, e.g. "29 Nov 2026, 09:00 (America/New_York)"; UTC when the zone is unknown. English month
    /// abbreviations: no reader sees this any more (the record, its cards and the export write times through the App's
    /// <c>DateTexts</c> in the reader's language); the export tests use it to show the English export writes dates as before.
    /// </summary>
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

    /// <summary>
    /// A duration as the tracker writes it: "45 s", "12 min", "2 h 5 min". Readers see it in every language (tracker, record,
    /// export): "s", "min" and "h" are the SI unit symbols, written the same in English, French and Spanish, so it needs no
    /// catalogue text.
    /// </summary>
    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 90 ? $"{Math.Max(0, (int)span.TotalSeconds)} s"
        : span.TotalMinutes < 90 ? $"{(int)span.TotalMinutes} min"
        : $"{(int)span.TotalHours} h {span.Minutes} min";

    private static string Kind(MatterEvent entry) => entry switch
    {
        OralReportRecorded => "oralReport",
        FocalPointAssistanceRequested => "assistanceRequest",
        AssistanceAnswered => "answer",
        ContactRecorded c => c.CorrectsSequence is null ? "contact" : "contactCorrected",
        ContactLogged => "contact",
        EmergencyMeetingConvened => "meeting",
        MatterOpened => "opened",
        GoodOfficesTriggered => "goodOffices",
        ReferralRecorded => "referral",
        OpenLetterSent => "openLetter",
        InformationUpdated => "information",
        MatterClosed => "closed",
        _ => "entry",
    };

    private static string Text(Matter matter, MatterEvent entry, Func<string, (string Name, object? Value)[], string> w)
    {
        const string None = "—";
        return entry switch
        {
            OralReportRecorded r => w("record.text.oralReport", [("seq", r.Sequence), ("name", r.Actor.Name), ("withWhom", r.WithWhom), ("summary", r.Summary), ("outcome", r.Outcome ?? None), ("next", r.NextSteps ?? None)])
                + (r.InformationVerified is { } v ? " " + w(v ? "record.text.verifiedYes" : "record.text.verifiedNo", []) : string.Empty)
                + (r.BasisStillToVerify is { } b ? " " + w("record.text.toVerify", [("what", b)]) : string.Empty),
            FocalPointAssistanceRequested q => w("record.text.assistanceRequest", [("seq", q.Sequence), ("name", q.Actor.Name), ("member", q.MemberName), ("request", q.Request)]),
            AssistanceAnswered a => a.Accepted
                ? w("record.text.accepted", [("seq", a.Sequence), ("name", a.Actor.Name), ("request", a.RequestSequence)])
                : w(a.Reason is null ? "record.text.declined" : "record.text.declinedReason", [("seq", a.Sequence), ("name", a.Actor.Name), ("request", a.RequestSequence), ("reason", a.Reason)]),
            ContactRecorded c => w(c.CorrectsSequence is null ? "record.text.contact" : "record.text.contactCorrected",
                [("seq", c.Sequence), ("name", c.Actor.Name), ("corrects", c.CorrectsSequence), ("channel", w("focal.channel." + c.Details.Channel, [])),
                 ("officials", ContactRules.FormatOfficials(c.Details.Officials)), ("at", c.Details.ContactAt), ("summary", c.Details.Summary)]),
            ContactLogged l => w("record.text.contactLogged", [("seq", l.Sequence), ("name", l.Actor.Name), ("withWhom", l.WithWhom), ("summary", l.Summary)]),
            EmergencyMeetingConvened m => w(
                m.Purpose switch
                {
                    null => "record.text.meeting",
                    EmergencyMeetingConvened.Step14A => "record.text.meeting14a",
                    EmergencyMeetingConvened.Para20 => "record.text.meeting20",
                    _ => "record.text.meetingPurpose",
                },
                [("seq", m.Sequence), ("at", m.MeetingAt), ("purpose", m.Purpose)]),
            MatterOpened o => w("record.text.opened", [("seq", o.Sequence), ("name", o.Actor.Name), ("state", matter.RequestedState), ("request", o.Request), ("reference", o.CourtReference)]),
            GoodOfficesTriggered g => w("record.text.goodOffices", [("seq", g.Sequence), ("name", g.Actor.Name)]),
            ReferralRecorded f => w("record.text.referral", [("seq", f.Sequence), ("reference", f.DecisionReference), ("name", f.Actor.Name)]),
            InformationUpdated i => w("record.text.information", [("seq", i.Sequence), ("name", i.Actor.Name), ("known", i.WhatIsKnown ?? None), ("toVerify", i.StillToVerify ?? None)]),
            MatterClosed c => w("record.text.closed", [("seq", c.Sequence), ("name", c.Actor.Name), ("reason", c.Reason)]),
            _ => w("record.text.entry", [("seq", entry.Sequence), ("name", entry.Actor.Name)]),
        };
    }
}
