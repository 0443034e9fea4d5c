namespace NonCoopBot.App.Tests.Manifest;

/// <summary>tools/test-summary.py (the totals of tests/run.sh and CI): a skipped test fails the run, as a failed one does.</summary>
public sealed class TestSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("noncoopbot-trx-").FullName;

    [Fact]
    public async Task AllPassed_ExitsZero()
    {
        WriteTrx("a.trx", ("One", "Passed"), ("Two", "Passed"));

        var result = await SummaryAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.EndsWith("2 passed, 0 failed, 0 skipped", result.StandardOutput.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASkippedTest_FailsTheRun_AndIsNamed()
    {
        WriteTrx("a.trx", ("One", "Passed"), ("Storage.Postgres_Claims", "NotExecuted"));

        var result = await SummaryAsync();

        Assert.True(result.ExitCode == 1, result.Describe());
        Assert.Contains("skipped: Storage.Postgres_Claims", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("1 passed, 0 failed, 1 skipped", result.StandardOutput.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASkippedNodeTest_FailsTheRun()
    {
        WriteTrx("a.trx", ("One", "Passed"));
        var tap = Path.Combine(_dir, "node.tap");
        File.WriteAllText(tap, "TAP version 13\n# pass 3\n# fail 0\n# skipped 1\n# todo 0\n# cancelled 0\n");

        var result = await SummaryAsync("--node-tap", tap, "--node-exit", "0");

        Assert.True(result.ExitCode == 1, result.Describe());
        Assert.EndsWith("4 passed, 0 failed, 1 skipped", result.StandardOutput.TrimEnd(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<ProcessResult> SummaryAsync(params string[] more) =>
        ExternalProcess.RunAsync("python3", [RepoFiles.PathOf("tools", "test-summary.py"), "--trx-dir", _dir, .. more], TestContext.Current.CancellationToken);

    private void WriteTrx(string name, params (string Test, string Outcome)[] results)
    {
        const string ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var rows = string.Concat(results.Select(r => $"""<UnitTestResult testName="{r.Test}" outcome="{r.Outcome}" />"""));
        File.WriteAllText(Path.Combine(_dir, name), $"""<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="{ns}"><Results>{rows}</Results></TestRun>""");
    }
}
