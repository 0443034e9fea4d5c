using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>Where the repository, the cards and the node tooling are, and how to run the node referee scripts.</summary>
internal static class CardTestEnvironment
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    public static string RepoRoot => Root.Value;

    public static string CardsDir => Path.Combine(RepoRoot, "cards");

    public static string ToolsDir => Path.Combine(RepoRoot, "tools", "js");

    /// <summary>Card names: every cards/*.json except *.data.json.</summary>
    public static IReadOnlyList<string> CardNames() =>
        [.. Directory.EnumerateFiles(CardsDir, "*.json")
            .Select(Path.GetFileName)
            .Where(f => !f!.EndsWith(".data.json", StringComparison.Ordinal))
            .Select(f => f![..^".json".Length])
            .Order(StringComparer.Ordinal)];

    public static JsonNode LoadTemplate(string name) => ParseFile(Path.Combine(CardsDir, name + ".json"));

    /// <summary>The card's sample data with its texts (<c>t</c>) in <paramref name="language"/>, as the bot binds it.</summary>
    public static JsonNode LoadSample(string name, string language = "en") =>
        new NonCoopBot.Testing.CardDataSet(name, "sample", Path.Combine(CardsDir, name + ".data.json"), language).Load();

    private static JsonNode ParseFile(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} is JSON null.");

    /// <summary>Fails (never skips) when the node tooling is not installed.</summary>
    public static void RequireNodeModules()
    {
        foreach (var package in new[] { "adaptivecards-templating", "adaptive-expressions", "adaptivecards", "ajv", "ajv-formats", "playwright-core" })
        {
            if (!Directory.Exists(Path.Combine(ToolsDir, "node_modules", package)))
            {
                Assert.Fail($"tools/js/node_modules/{package} is missing: run npm ci --prefix tools/js");
            }
        }
    }

    /// <summary>Runs <c>node script args</c> in the repository root.</summary>
    public static async Task<NodeResult> RunNodeAsync(string script, IEnumerable<string> args, string? stdin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        RequireNodeModules();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(RepoRoot, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"cannot start node ({ex.Message}): install Node.js 20+ and run npm ci --prefix tools/js");
            throw;
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}.");
        }

        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), SourceDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NonCoopBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (no NonCoopBot.sln above the tests).");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "/";
}

/// <summary>What a node script did.</summary>
internal sealed record NodeResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
