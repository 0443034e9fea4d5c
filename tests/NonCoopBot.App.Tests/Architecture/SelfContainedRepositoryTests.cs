using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NonCoopBot.App.Tests.Manifest;

namespace NonCoopBot.App.Tests.Architecture;

/// <summary>
/// The repository stands on its own: the schemas the checks use are vendored (tools/js/schemas, hashes listed
/// in its README), and no source, test, tool or script points outside the repository for them.
/// </summary>
public sealed partial class SelfContainedRepositoryTests
{
    private static readonly string[] Scanned = ["src", "tests", "tools", ".ci", "bench"];
    private static readonly string[] ScannedExtensions = [".cs", ".csproj", ".props", ".mjs", ".js", ".cjs", ".sh", ".py", ".json"];

    [Fact]
    public void The_vendored_schemas_are_the_listed_unmodified_copies()
    {
        var readme = File.ReadAllText(RepoFiles.PathOf("tools", "js", "schemas", "README.md"));
        var listed = HashLine().Matches(readme).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);

        Assert.Equal(6, listed.Count);
        var onDisk = Directory.EnumerateFiles(RepoFiles.PathOf("tools", "js", "schemas"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoFiles.PathOf("tools", "js", "schemas"), f).Replace('\\', '/'));
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal)); // every vendored schema is listed
        foreach (var (file, sha) in listed)
        {
            var path = RepoFiles.PathOf(["tools", "js", "schemas", .. file.Split('/')]);
            Assert.True(File.Exists(path), $"{file} is listed but missing");
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        }

        Assert.True(File.Exists(RepoFiles.PathOf("tools", "js", "schemas", "LICENSE-MIT.txt")));
    }

    [Fact]
    public void Nothing_reads_the_shared_folder_beside_the_repository()
    {
        // Built from parts so that this file does not match itself.
        var outside = new Regex(string.Join("|", [Regex.Escape("../" + "shared"), Regex.Escape("'..', '" + "shared'"), Regex.Escape("\"..\", \"" + "shared\"")]));
        var offenders = Scanned
            .Select(folder => RepoFiles.PathOf(folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(path => ScannedExtensions.Contains(Path.GetExtension(path)) && !IsGenerated(path))
            .Where(path => outside.IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(RepoFiles.Root, path))
            .ToList();

        Assert.True(offenders.Count == 0, "These files point outside the repository: " + string.Join(", ", offenders));
    }

    private static bool IsGenerated(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts.Contains("node_modules") || parts.Contains("bin") || parts.Contains("obj") || parts.Contains("schemas");
    }

    [GeneratedRegex(@"^([0-9a-f]{64})\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex HashLine();
}
