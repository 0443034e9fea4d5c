using NonCoopBot.Dialogs.Texts;
using ScottPlot;

namespace NonCoopBot.App.Features.Export;

/// <summary>The export's plot (ScottPlot on SkiaSharp): cumulative acknowledgements over minutes since sending, one line per alert.</summary>
public static class AcknowledgementPlot
{
    public const int Width = 720;
    public const int Height = 360;

    /// <summary>The plot as a PNG of <see cref="Width"/> × <see cref="Height"/> pixels, its title and axes in <paramref name="language"/>, or null when there is no alert.</summary>
    public static byte[]? Render(IReadOnlyList<AlertInsight> alerts, string language = TextCatalogue.English)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return null;
        }

        ExportFonts.Install();
        var plot = new Plot();
        foreach (var alert in alerts)
        {
            double[] xs = [0, .. alert.Points.Select(p => p.Minutes)];
            double[] ys = [0, .. alert.Points.Select(p => (double)p.Count)];
            var line = plot.Add.Scatter(xs, ys);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = Shorten(alert.Title);
        }

        plot.Title(ExportTexts.Get(language, "plotTitle"));
        plot.XLabel(ExportTexts.Get(language, "plotXLabel"));
        plot.YLabel(ExportTexts.Get(language, "plotYLabel"));
        plot.Axes.SetLimitsY(0, Math.Max(1, alerts.Max(a => a.Recipients)) * 1.05);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Shorten(string title) => title.Length <= 48 ? title : title[..47] + "…";
}
