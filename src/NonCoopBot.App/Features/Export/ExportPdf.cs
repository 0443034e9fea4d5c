using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace NonCoopBot.App.Features.Export;

/// <summary>Writes an <see cref="ExportDocument"/> as PDF (PDFsharp, A4, DejaVu Sans), with the acknowledgement plot embedded as an image.</summary>
public static class ExportPdf
{
    private const double Margin = 50;
    private const double PageWidth = 595; // A4 in points
    private const double PageHeight = 842;
    private const double ContentWidth = PageWidth - (2 * Margin);

    public static byte[] Write(ExportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ExportFonts.Install();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "NonCoopBot";
        using (var writer = new PageWriter(pdf))
        {
            writer.Paragraph(document.Title, 16, bold: true);
            writer.Paragraph(document.Matter, 10);
            if (document.Confidential)
            {
                writer.Paragraph(document.T("confidentialBadge"), 10, bold: true, XBrushes.DarkRed);
            }

            if (document.PublicOnly)
            {
                writer.Paragraph(document.T("publicOnlyNote"), 10);
            }

            writer.Paragraph(document.ExportedLine, 9, color: XBrushes.DimGray);
            writer.Gap(8);
            writer.Paragraph(document.T("timelineHeading"), 13, bold: true);
            if (document.Timeline.Count == 0)
            {
                writer.Paragraph(document.T("noEntries"), 10);
            }

            foreach (var (when, kind, text) in document.Timeline)
            {
                writer.Gap(3);
                writer.Paragraph($"{when} · {kind}", 8.5, color: XBrushes.DimGray);
                writer.Paragraph(text, 10);
            }

            if (!document.PublicOnly)
            {
                writer.Gap(8);
                writer.Paragraph(document.T("acknowledgementsHeading"), 13, bold: true);
                if (document.Alerts.Count == 0)
                {
                    writer.Paragraph(document.T("noAlerts"), 10);
                }

                foreach (var alert in document.Alerts)
                {
                    writer.Gap(3);
                    writer.Paragraph(document.AlertLine(alert), 10);
                }

                if (AcknowledgementPlot.Render(document.Alerts, document.Language) is { } png)
                {
                    writer.Gap(6);
                    writer.Image(png, AcknowledgementPlot.Width, AcknowledgementPlot.Height);
                }
            }
        }

        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Top-to-bottom layout with word wrapping and page breaks.</summary>
    private sealed class PageWriter(PdfDocument pdf) : IDisposable
    {
        private XGraphics? _graphics;
        private double _y;

        public void Gap(double points) => _y += points;

        public void Paragraph(string text, double size, bool bold = false, XBrush? color = null)
        {
            var font = new XFont(ExportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            var lineHeight = size * 1.3;
            foreach (var line in Wrap(Graphics, text, font))
            {
                Ensure(lineHeight);
                Graphics.DrawString(line, font, color ?? XBrushes.Black, new XRect(Margin, _y, ContentWidth, lineHeight), XStringFormats.TopLeft);
                _y += lineHeight;
            }
        }

        public void Image(byte[] png, int pixelWidth, int pixelHeight)
        {
            var height = ContentWidth * pixelHeight / pixelWidth;
            Ensure(height);
            using var stream = new MemoryStream(png);
            using var image = XImage.FromStream(stream);
            Graphics.DrawImage(image, Margin, _y, ContentWidth, height);
            _y += height;
        }

        public void Dispose() => _graphics?.Dispose();

        private XGraphics Graphics => _graphics ?? NewPage();

        private void Ensure(double height)
        {
            if (_graphics is null || _y + height > PageHeight - Margin)
            {
                NewPage();
            }
        }

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _graphics = XGraphics.FromPdfPage(page);
            _y = Margin;
            return _graphics;
        }

        private static List<string> Wrap(XGraphics graphics, string text, XFont font)
        {
            var lines = new List<string>();
            var current = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= ContentWidth)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (graphics.MeasureString(current, font).Width > ContentWidth && current.Length > 1)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && graphics.MeasureString(current[..fit], font).Width > ContentWidth)
                    {
                        fit--;
                    }

                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }

            if (current.Length > 0 || lines.Count == 0)
            {
                lines.Add(current);
            }

            return lines;
        }
    }
}
