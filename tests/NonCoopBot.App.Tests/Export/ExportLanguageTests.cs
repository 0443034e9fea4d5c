using NonCoopBot.App.Features.Export;
using UglyToad.PdfPig;

namespace NonCoopBot.App.Tests.Export;

/// <summary>
/// The export's PDF and plot in each language: the vendored font (DejaVu Sans) writes French and Spanish letters and
/// punctuation, read back as the same characters; the plot's title and axes are in the document's language.
/// </summary>
public sealed class ExportLanguageTests
{
    private static readonly IReadOnlyList<AlertInsight> Alerts =
        [new AlertInsight("Réunion d'urgence", "29 nov. 2026 14:00 (UTC)", 21, 2, "2 min", "todavía no (19 pendientes)", [(2, 1), (5, 2)])];

    private static ExportDocument Document(string language, string text) => new(
        language,
        "Expediente del asunto NC-2026-001",
        "Côte d'Ivoire · ICC-02/11-01/12 · 7(b)",
        Confidential: true,
        PublicOnly: false,
        "Exportado el 29 nov. 2026 14:00 (UTC) para la Presidencia.",
        [("29 nov. 2026 14:00 (UTC)", "Reunión", text)],
        Alerts,
        []);

    [Fact]
    public void ThePdf_WritesAccentsAndSpanishPunctuation_ReadBackAsTyped()
    {
        const string Text = "¿Señal de cooperación? Réunion à Genève avec le ministre ; accusé reçu ; année, œuvre, ¡sí!, niño, Ñandú, « guillemets ».";

        var pdf = ExportPdf.Write(Document("es", Text));

        using var document = PdfDocument.Open(pdf);
        var words = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(Text, words, StringComparison.Ordinal);
        Assert.Contains("Côte d'Ivoire", words, StringComparison.Ordinal);
        Assert.Contains("Confidencial — solo la Mesa", words, StringComparison.Ordinal);
        Assert.Contains("Acuses de recibo", words, StringComparison.Ordinal);
        Assert.All("éèàçœñÑ¿¡«»", c => Assert.Contains(c, words));
    }

    [Fact]
    public void ThePlot_IsLabelledInTheDocumentsLanguage()
    {
        var english = AcknowledgementPlot.Render(Alerts, "en")!;
        var french = AcknowledgementPlot.Render(Alerts, "fr")!;
        var spanish = AcknowledgementPlot.Render(Alerts, "es")!;

        Assert.Equal(english, AcknowledgementPlot.Render(Alerts)); // English unless told otherwise
        Assert.NotEqual(english, french);
        Assert.NotEqual(english, spanish);
        Assert.NotEqual(french, spanish);
    }
}
