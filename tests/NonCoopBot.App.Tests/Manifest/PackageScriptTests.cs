using System.IO.Compression;
using System.Text.Json.Nodes;

namespace NonCoopBot.App.Tests.Manifest;

/// <summary>tools/package-teams-app.sh builds the zip uploaded to Teams.</summary>
public sealed class PackageScriptTests
{
    private const string BotId = "8f0e5d4c-1a2b-4c3d-9e8f-0a1b2c3d4e5f";

    [Fact]
    public async Task Package_HoldsExactlyManifestIconsAndLocalizationFiles_WithIdsFilled()
    {
        var output = Directory.CreateTempSubdirectory("noncoopbot-package-");
        try
        {
            var zipPath = Path.Combine(output.FullName, "sub", "app.zip");

            var result = await RunScriptAsync(BotId, zipPath);

            Assert.True(result.ExitCode == 0, result.Describe());
            using var zip = ZipFile.OpenRead(zipPath);
            Assert.Equal(["color.png", "es.json", "fr.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            foreach (var language in new[] { "fr.json", "es.json" })
            {
                Assert.Equal(await File.ReadAllBytesAsync(RepoFiles.PathOf("manifest", language), TestContext.Current.CancellationToken), await ReadEntryAsync(zip, language));
            }

            var text = await ReadEntryAsTextAsync(zip, "manifest.json");
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
            var manifest = JsonNode.Parse(text)!;
            Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(BotId, (string?)manifest["id"]);
            Assert.Equal(ManifestTests.SchemaUrl, (string?)manifest["$schema"]);

            foreach (var icon in new[] { "color.png", "outline.png" })
            {
                Assert.Equal(await File.ReadAllBytesAsync(RepoFiles.PathOf("manifest", icon), TestContext.Current.CancellationToken), await ReadEntryAsync(zip, icon));
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Package_WithDomainAndAppId_FillsThemAndStillValidates()
    {
        var output = Directory.CreateTempSubdirectory("noncoopbot-package-");
        try
        {
            var zipPath = Path.Combine(output.FullName, "app.zip");
            const string AppId = "0c8b7a6f-5e4d-4c3b-8a29-182736455463";

            var result = await RunScriptAsync("--app-id", AppId, "--domain", "noncoopbot.example.org", BotId, zipPath);

            Assert.True(result.ExitCode == 0, result.Describe());
            using var zip = ZipFile.OpenRead(zipPath);
            var manifest = JsonNode.Parse(await ReadEntryAsTextAsync(zip, "manifest.json"))!;
            Assert.Equal(AppId, (string?)manifest["id"]);
            Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(["noncoopbot.example.org"], manifest["validDomains"]!.AsArray().Select(d => (string)d!));

            var unpacked = Directory.CreateDirectory(Path.Combine(output.FullName, "unpacked")).FullName;
            zip.ExtractToDirectory(unpacked);
            var extracted = Path.Combine(unpacked, "manifest.json");
            var validation = await SchemaValidationTests.ValidateAsync(extracted);
            Assert.True(validation.ExitCode == 0, validation.Describe());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("8f0e5d4c1a2b4c3d9e8f0a1b2c3d4e5f")]
    [InlineData("{{BOT_ID}}")]
    public async Task Package_RefusesABotIdThatIsNotAGuid(string botId)
    {
        var output = Directory.CreateTempSubdirectory("noncoopbot-package-");
        try
        {
            var zipPath = Path.Combine(output.FullName, "app.zip");

            var result = await RunScriptAsync(botId, zipPath);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("is not a GUID", result.StandardError, StringComparison.Ordinal);
            Assert.False(File.Exists(zipPath));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static Task<ProcessResult> RunScriptAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("bash", [RepoFiles.PathOf("tools", "package-teams-app.sh"), .. arguments], TestContext.Current.CancellationToken);

    private static async Task<byte[]> ReadEntryAsync(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package");
        await using var stream = await entry.OpenAsync(TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    private static async Task<string> ReadEntryAsTextAsync(ZipArchive zip, string name) =>
        System.Text.Encoding.UTF8.GetString(await ReadEntryAsync(zip, name));
}
