using System.Text.Json.Nodes;

namespace NonCoopBot.App.Tests.Manifest;

/// <summary>
/// Validates manifest/manifest.json against the official Teams v1.25 JSON schema with
/// tools/js/validate-manifest.mjs (ajv-draft-04). Needs node and tools/js/node_modules.
/// </summary>
public sealed class SchemaValidationTests
{
    [Fact]
    public async Task Manifest_ValidatesAgainstTeamsSchema125()
    {
        var result = await ValidateAsync(RepoFiles.PathOf("manifest", "manifest.json"));

        Assert.True(result.ExitCode == 0, $"manifest/manifest.json does not validate:\n{result.Describe()}");
        Assert.Contains("valid against Teams manifest schema v1.25", result.StandardOutput, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "missing name", "must have required property 'name'" },
        { "unknown bot scope", "allowed values" },
        { "13 commands in a list", "must NOT have more than 12 items" },
        { "app id not a GUID", "/id: must match pattern" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Validator_RejectsABrokenManifest(string breakage, string expectedInErrors)
    {
        var manifest = ManifestTests.Load();
        Break(manifest, breakage);
        var file = Path.Combine(Path.GetTempPath(), $"noncoopbot-broken-manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, manifest.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            var result = await ValidateAsync(file);

            Assert.True(result.ExitCode == 1, $"the validator must reject a manifest with {breakage}:\n{result.Describe()}");
            Assert.Contains(expectedInErrors, result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void Break(JsonObject manifest, string breakage)
    {
        var bot = manifest["bots"]![0]!.AsObject();
        switch (breakage)
        {
            case "missing name":
                manifest.Remove("name");
                break;
            case "unknown bot scope":
                bot["scopes"]!.AsArray().Add("everyone");
                break;
            case "13 commands in a list":
                var commands = bot["commandLists"]![0]!["commands"]!.AsArray();
                for (var i = commands.Count; i < 13; i++)
                {
                    commands.Add(new JsonObject { ["title"] = $"extra {i}", ["description"] = "padding" });
                }

                break;
            case "app id not a GUID":
                manifest["id"] = "noncoopbot";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }

    internal static async Task<ProcessResult> ValidateAsync(string manifestPath)
    {
        var modules = RepoFiles.PathOf("tools", "js", "node_modules");
        Assert.True(
            Directory.Exists(Path.Combine(modules, "ajv-draft-04")) && Directory.Exists(Path.Combine(modules, "ajv-formats")),
            $"tools/js/node_modules is missing ({modules}): run npm ci --prefix tools/js");

        var result = await ExternalProcess.RunAsync(
            "node",
            [RepoFiles.PathOf("tools", "js", "validate-manifest.mjs"), manifestPath],
            TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode is 0 or 1, $"validate-manifest.mjs could not run:\n{result.Describe()}");
        return result;
    }
}
