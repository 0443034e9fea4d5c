using System.Globalization;
using System.Text;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Record;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Features.Export;

/// <summary>One alert's acknowledgement figures as the export writes them.</summary>
public sealed record AlertInsight(string Title, string SentAt, int Recipients, int Acknowledged, string TimeToFirst, string TimeToAll, IReadOnlyList<(double Minutes, int Count)> Points);

/// <summary>
/// The record as exported: exactly the lines of <see cref="MatterRecord.Build"/> for the reader (through <see cref="RecordReader"/>,
/// so the one view policy decides what is in it), in the reader's zone and language (<see cref="Language"/>: headings, labels,
/// dates and figures; the record read in the same language), with per-alert acknowledgement figures. Written as Markdown here
/// and as PDF by <see cref="ExportPdf"/>.
/// </summary>
public sealed record ExportDocument(
    string Language,
    string Title,
    string Matter,
    bool Confidential,
    bool PublicOnly,
    string ExportedLine,
    IReadOnlyList<(string When, string Kind, string Text)> Timeline,
    IReadOnlyList<AlertInsight> Alerts,
    IReadOnlyList<AlertFacts> AlertFacts)
{
    /// <summary>The document for <paramref name="record"/>, which was read in <paramref name="language"/> (its lines are in it).</summary>
    public static ExportDocument From(ReaderRecord record, string readerName, DateTimeOffset now, string language = TextCatalogue.English)
    {
        ArgumentNullException.ThrowIfNull(record);
        var m = record.Matter;
        return new ExportDocument(
            language,
            TitleOf(m, language),
            record.MatterLine(language),
            m.Confidentiality == Confidentiality.BureauOnly,
            !record.Full,
            ExportTexts.Format(language, "exportedLine", ("at", ExportTexts.When(language, now, record.TimeZone)), ("reader", OneLine(readerName)), ("zone", record.TimeZone), ("entries", record.Items.Count)),
            record.Items.Select(i => (ExportTexts.When(language, i.At, record.TimeZone), i.Kind, OneLine(i.Text))).ToList(),
            record.Alerts.Select(a => Insight(a, record.TimeZone, language)).ToList(),
            record.Alerts);
    }

    /// <summary>"Record of matter NC-2026-001", in <paramref name="language"/>: the document's and the card's title.</summary>
    public static string TitleOf(Matter matter, string language)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return ExportTexts.Format(language, "documentTitle", ("matter", matter.Id.Value));
    }

    /// <summary>The figures of one alert: the tracker's words for time to first and to all (see <see cref="MatterRecord.Duration"/>).</summary>
    public static AlertInsight Insight(AlertFacts alert, string timeZone, string language = TextCatalogue.English)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var points = alert.Acknowledgements.OrderBy(a => a.At).Select((a, i) => ((a.At - alert.SentAt).TotalMinutes, i + 1)).ToList();
        var notYet = ExportTexts.Get(language, "notYet");
        return new AlertInsight(
            OneLine(alert.Title),
            ExportTexts.When(language, alert.SentAt, timeZone),
            alert.Recipients,
            alert.Acknowledgements.Count,
            alert.TimeToFirst is { } f ? MatterRecord.Duration(f) : notYet,
            alert.TimeToAll is { } a ? MatterRecord.Duration(a) : ExportTexts.Format(language, "waiting", ("notYet", notYet), ("count", alert.Recipients - alert.Acknowledgements.Count)),
            points);
    }

    /// <summary>One line of an alert's figures, the same in both formats.</summary>
    public string AlertLine(AlertInsight a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var first = a.Acknowledged == 0 ? T("noAckYet") : T("firstAckAfter", ("duration", a.TimeToFirst));
        var all = a.Acknowledged >= a.Recipients && a.Recipients > 0 ? T("allAfter", ("duration", a.TimeToAll)) : T("notYetAcknowledged", ("count", a.Recipients - a.Acknowledged));
        return T("alertLine", ("title", a.Title), ("sentAt", a.SentAt), ("recipients", a.Recipients), ("acknowledged", a.Acknowledged), ("first", first), ("all", all));
    }

    /// <summary>The points of an alert's plot line, as the Markdown lists them.</summary>
    public string PointsLine(AlertInsight a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var points = a.Points.Count == 0 ? T("noAck") : string.Join(", ", a.Points.Select(p => T("point", ("minutes", p.Minutes.ToString("0.#", CultureInfo.InvariantCulture)), ("count", p.Count))));
        return $"{a.Title}: {points}.";
    }

    /// <summary>A text of the export in this document's language.</summary>
    public string T(string key, params ReadOnlySpan<(string Name, object? Value)> args) => ExportTexts.Format(Language, key, args);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Md(Title)).Append("\n\n");
        md.Append(Md(Matter)).Append("\n\n");
        if (Confidential)
        {
            md.Append("**").Append(T("confidentialBadge")).Append("**\n\n");
        }

        if (PublicOnly)
        {
            md.Append(T("publicOnlyNote")).Append("\n\n");
        }

        md.Append(Md(ExportedLine)).Append("\n\n");
        md.Append("## ").Append(T("timelineHeading")).Append("\n\n");
        if (Timeline.Count == 0)
        {
            md.Append(T("noEntries")).Append('\n');
        }

        foreach (var (when, kind, text) in Timeline)
        {
            md.Append("- ").Append(Md(when)).Append(" · **").Append(Md(kind)).Append("** · ").Append(Md(text)).Append('\n');
        }

        if (!PublicOnly)
        {
            md.Append("\n## ").Append(T("acknowledgementsHeading")).Append("\n\n");
            if (Alerts.Count == 0)
            {
                md.Append(T("noAlerts")).Append('\n');
            }
            else
            {
                foreach (var alert in Alerts)
                {
                    md.Append("- ").Append(Md(AlertLine(alert))).Append('\n');
                }

                md.Append('\n').Append(T("plotInMarkdown")).Append("\n\n");
                foreach (var alert in Alerts)
                {
                    md.Append("- ").Append(Md(PointsLine(alert))).Append('\n');
                }
            }
        }

        return md.ToString();
    }

    /// <summary>Text as Markdown shows it literally: the characters Markdown and HTML act on are escaped.</summary>
    public static string Md(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Line breaks a person typed become spaces, so that one entry stays one line.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
