namespace NonCoopBot.App.Tests.Manifest;

/// <summary>Teams' icon rules (only described in prose, not in the schema): see shared TEAMS-AND-GRAPH-FACTS B7.</summary>
public sealed class IconTests
{
    [Fact]
    public void ColorIcon_Is192Square_OpaqueSolidBackground_SymbolWithinCentral96()
    {
        var icon = PngImage.Load(RepoFiles.PathOf("manifest", "color.png"));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        var background = icon[0, 0];
        Assert.Equal(255, background.A);
        var outside = new List<string>();
        var symbolPixels = 0;
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var inSymbolBox = x is >= 48 and < 144 && y is >= 48 and < 144;
                var pixel = icon[x, y];
                if (!inSymbolBox && pixel != background)
                {
                    outside.Add($"({x},{y})");
                }
                else if (inSymbolBox && pixel != background)
                {
                    symbolPixels++;
                }
            }
        }

        Assert.True(outside.Count == 0, $"pixels outside the central 96x96 symbol area differ from the background (square corners, 48 px padding): {string.Join(' ', outside.Take(10))}");
        Assert.True(symbolPixels > 96 * 96 / 10, "the colour icon shows a symbol");
    }

    [Fact]
    public void OutlineIcon_Is32Square_OnlyWhiteOnTransparent()
    {
        var icon = PngImage.Load(RepoFiles.PathOf("manifest", "outline.png"));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.True(icon.ColourType is 4 or 6 or 3, $"the outline icon needs transparency; colour type is {icon.ColourType}");
        var offending = new List<string>();
        int transparent = 0, opaqueWhite = 0;
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var (r, g, b, a) = icon[x, y];
                if (a == 0)
                {
                    transparent++;
                }
                else if ((r, g, b) != (255, 255, 255))
                {
                    offending.Add($"({x},{y})=rgba({r},{g},{b},{a})");
                }
                else if (a == 255)
                {
                    opaqueWhite++;
                }
            }
        }

        Assert.True(offending.Count == 0, $"outline pixels must be white (255,255,255) or fully transparent: {string.Join(' ', offending.Take(10))}");
        Assert.True(transparent > 0, "the outline icon has a transparent background");
        Assert.True(opaqueWhite > 32, "the outline icon shows a white symbol");
    }

    [Fact]
    public async Task CommittedIcons_AreWhatTheGeneratorWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Directory.CreateTempSubdirectory("noncoopbot-icons-");
        try
        {
            var result = await ExternalProcess.RunAsync("python3", [RepoFiles.PathOf("tools", "teams", "make-icons.py"), output.FullName], ct);

            Assert.True(result.ExitCode == 0, result.Describe());
            foreach (var name in new[] { "color.png", "outline.png" })
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(output.FullName, name)).AsSpan().SequenceEqual(File.ReadAllBytes(RepoFiles.PathOf("manifest", name))),
                    $"manifest/{name} differs from what tools/teams/make-icons.py writes: run python3 tools/teams/make-icons.py and commit the result");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
