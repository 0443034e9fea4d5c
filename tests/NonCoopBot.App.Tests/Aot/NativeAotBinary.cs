using System.Diagnostics;
using NonCoopBot.App.Tests.NonCooperation;

namespace NonCoopBot.App.Tests.Aot;

/// <summary>
/// The bot compiled with native AOT, as it is deployed (<c>bash tools/publish-aot.sh</c>). <c>tests/run.sh</c> publishes it
/// before the tests and names it in <c>NONCOOPBOT_AOT_APP</c>; without that variable the first test that needs it runs
/// the same script into <c>artifacts/aot</c> (about five minutes on two cores), once per test run.
/// </summary>
internal static class NativeAotBinary
{
    public const string EnvironmentVariable = "NONCOOPBOT_AOT_APP";

    private static readonly Lazy<Task<string>> Published = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The path of the native executable; fails the test with the publish output when it cannot be made.</summary>
    public static Task<string> PathAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return File.Exists(given)
                ? Path.GetFullPath(given)
                : throw new InvalidOperationException($"{EnvironmentVariable}={given}: no such file. Run `bash tools/publish-aot.sh` or unset the variable.");
        }

        var repo = BotTestHost.RepoRoot();
        var output = Path.Combine(repo, "artifacts", "aot");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(repo, "tools", "publish-aot.sh"));
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(25));
        var executable = Path.Combine(output, "NonCoopBot.App");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            var log = (await stdout) + "\n" + (await stderr);
            throw new InvalidOperationException($"tools/publish-aot.sh exited with {process.ExitCode}:\n{string.Join('\n', log.Split('\n').TakeLast(60))}");
        }

        return executable;
    }
}
