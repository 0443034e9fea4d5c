using PdfSharp.Fonts;

namespace NonCoopBot.App.Features.Export;

/// <summary>
/// The one font of the export (DejaVu Sans, vendored with its licence in Features/Export/Fonts, copied beside the app):
/// PDFsharp on Linux has no system font access, so it gets this resolver; ScottPlot gets the same file. Covers Latin
/// with French and Spanish accents.
/// </summary>
public sealed class ExportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Face = "DejaVuSans";

    private static readonly Lock Gate = new();
    private static bool _installed;

    private ExportFonts()
    {
    }

    /// <summary>The font file beside the app.</summary>
    public static string FontPath => Path.Combine(AppContext.BaseDirectory, "fonts", "DejaVuSans.ttf");

    private static readonly Lazy<byte[]> Bytes = new(() => File.ReadAllBytes(FontPath));

    /// <summary>Installs the font for PDFsharp and ScottPlot once per process (both keep it in static state).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            GlobalFontSettings.FontResolver ??= new ExportFonts();
            ScottPlot.Fonts.AddFontFile(Family, FontPath, bold: false, italic: false);
            ScottPlot.Fonts.Default = Family;
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, italic);

    public byte[]? GetFont(string faceName) => faceName == Face ? Bytes.Value : null;
}
