using System.Runtime.CompilerServices;

namespace NonCoopBot.App.Tests.Manifest;

/// <summary>Locates the repository root (the folder holding NonCoopBot.sln) and files under it.</summary>
internal static class RepoFiles
{
    private const string SolutionFile = "NonCoopBot.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        // 1. Walk up from the test binaries (default artifacts layout: <repo>/tests/<project>/bin/... or <repo>/artifacts/...).
        // 2. Walk up from this source file (binaries built elsewhere, e.g. with --artifacts-path).
        // 3. NONCOOPBOT_REPO_ROOT.
        var candidates = new[] { AppContext.BaseDirectory, SourceDirectory(), Environment.GetEnvironmentVariable("NONCOOPBOT_REPO_ROOT") };
        foreach (var start in candidates)
        {
            if (string.IsNullOrEmpty(start))
            {
                continue;
            }

            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the repository root ({SolutionFile}) above {AppContext.BaseDirectory}; set NONCOOPBOT_REPO_ROOT.");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";
}
