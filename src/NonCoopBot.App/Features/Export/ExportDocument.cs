using System.Globalization;
using System.Text;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Record;

namespace NonCoopBot.App.Features.Export;

/// <summary>One alert's acknowledgement figures as the export writes them.</summary>
public sealed record AlertInsight(string Title, string SentAt, int Recipients, int Acknowledged, string TimeToFirst, string TimeToAll, IReadOnlyList<(double Minutes, int Count)> Points);

/// <summary>
/// The record as exported: exactly the lines of <see cref="MatterRecord.Build"/> for the reader (through <see cref="RecordReader"/>,
/// so the one view policy decides what is in it), in the reader's zone, with per-alert acknowledgement figures. Written as
/// Markdown here and as PDF by <see cref="ExportPdf"/>.
/// </summary>
public sealed record ExportDocument(
    string Title,
    string Matter,
    bool Confidential,
    bool PublicOnly,
    string ExportedLine,
    IReadOnlyList<(string When, string Kind, string Text)> Timeline,
    IReadOnlyList<AlertInsight> Alerts,
    IReadOnlyList<AlertFacts> AlertFacts)
{
    public static ExportDocument From(ReaderRecord record, string readerName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var m = record.Matter;
        return new ExportDocument(
            $"{ExportTexts.DocumentTitle} {m.Id}",
            $"{m.RequestedState.Name} · {m.CourtReference.Value} · {m.Scenario.Label()}",
            m.Confidentiality == Confidentiality.BureauOnly,
            !record.Full,
            ExportTexts.Format("exportedLine", ("at", MatterRecord.InZone(now, record.TimeZone)), ("reader", OneLine(readerName)), ("zone", record.TimeZone), ("entries", record.Items.Count)),
            record.Items.Select(i => (MatterRecord.InZone(i.At, record.TimeZone), i.Kind, OneLine(i.Text))).ToList(),
            record.Alerts.Select(a => Insight(a, record.TimeZone)).ToList(),
            record.Alerts);
    }

    /// <summary>The figures of one alert: the tracker's words for time to first and to all (see <see cref="MatterRecord.Duration"/>).</summary>
    public static AlertInsight Insight(AlertFacts alert, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var points = alert.Acknowledgements.OrderBy(a => a.At).Select((a, i) => ((a.At - alert.SentAt).TotalMinutes, i + 1)).ToList();
        return new AlertInsight(
            OneLine(alert.Title),
            MatterRecord.InZone(alert.SentAt, timeZone),
            alert.Recipients,
            alert.Acknowledgements.Count,
            alert.TimeToFirst is { } f ? MatterRecord.Duration(f) : ExportTexts.NotYet,
            alert.TimeToAll is { } a ? MatterRecord.Duration(a) : ExportTexts.Format("waiting", ("notYet", ExportTexts.NotYet), ("count", alert.Recipients - alert.Acknowledgements.Count)),
            points);
    }

    /// <summary>One line of an alert's figures, the same in both formats.</summary>
    public static string AlertLine(AlertInsight a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var first = a.Acknowledged == 0 ? ExportTexts.Format("noAckYet") : ExportTexts.Format("firstAckAfter", ("duration", a.TimeToFirst));
        var all = a.Acknowledged >= a.Recipients && a.Recipients > 0 ? ExportTexts.Format("allAfter", ("duration", a.TimeToAll)) : ExportTexts.Format("notYetAcknowledged", ("count", a.Recipients - a.Acknowledged));
        return ExportTexts.Format("alertLine", ("title", a.Title), ("sentAt", a.SentAt), ("recipients", a.Recipients), ("acknowledged", a.Acknowledged), ("first", first), ("all", all));
    }

    /// <summary>The points of an alert's plot line, as the Markdown lists them.</summary>
    public static string PointsLine(AlertInsight a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var points = a.Points.Count == 0 ? ExportTexts.Format("noAck") : string.Join(", ", a.Points.Select(p => $"{p.Minutes.ToString("0.#", CultureInfo.InvariantCulture)} min: {p.Count}"));
        return $"{a.Title}: {points}.";
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Md(Title)).Append("\n\n");
        md.Append(Md(Matter)).Append("\n\n");
        if (Confidential)
        {
            md.Append("**").Append(ExportTexts.ConfidentialBadge).Append("**\n\n");
        }

        if (PublicOnly)
        {
            md.Append(ExportTexts.PublicOnlyNote).Append("\n\n");
        }

        md.Append(Md(ExportedLine)).Append("\n\n");
        md.Append("## ").Append(ExportTexts.TimelineHeading).Append("\n\n");
        if (Timeline.Count == 0)
        {
            md.Append(ExportTexts.NoEntries).Append('\n');
        }

        foreach (var (when, kind, text) in Timeline)
        {
            md.Append("- ").Append(Md(when)).Append(" · **").Append(Md(kind)).Append("** · ").Append(Md(text)).Append('\n');
        }

        if (!PublicOnly)
        {
            md.Append("\n## ").Append(ExportTexts.AcknowledgementsHeading).Append("\n\n");
            if (Alerts.Count == 0)
            {
                md.Append(ExportTexts.NoAlerts).Append('\n');
            }
            else
            {
                foreach (var alert in Alerts)
                {
                    md.Append("- ").Append(Md(AlertLine(alert))).Append('\n');
                }

                md.Append('\n').Append(ExportTexts.PlotInMarkdown).Append("\n\n");
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
