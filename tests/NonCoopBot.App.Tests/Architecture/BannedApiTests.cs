using System.Text.RegularExpressions;
using System.Xml.Linq;
using NonCoopBot.App.Tests.Manifest;

namespace NonCoopBot.App.Tests.Architecture;

/// <summary>
/// The system clock is banned in product code (build/BannedClock.props, imported for src/ by Directory.Build.props).
/// A throwaway project in a temp folder imports the same props file: it builds while it reads time through a
/// TimeProvider, and fails with RS0030 once it reads <c>DateTime.UtcNow</c>.
/// </summary>
public sealed class BannedApiTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "noncoopbot-banned-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_build_that_reads_the_system_clock_fails_and_one_that_uses_TimeProvider_builds()
    {
        WriteProject();

        WriteProgram("TimeProvider.System.GetUtcNow().UtcDateTime");
        var clean = await BuildAsync();
        Assert.True(clean.ExitCode == 0, "the control project must build:\n" + clean.Describe());

        WriteProgram("System.DateTime.UtcNow");
        var banned = await BuildAsync();
        Assert.NotEqual(0, banned.ExitCode);
        Assert.Contains("error RS0030", banned.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("DateTime.UtcNow", banned.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.DateTime.Now")]
    [InlineData("System.DateTime.UtcNow")]
    [InlineData("System.DateTimeOffset.Now")]
    [InlineData("System.DateTimeOffset.UtcNow")]
    public void The_banned_list_names_every_system_clock(string symbol)
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("build", "BannedSymbols.txt"));

        Assert.Contains(lines, line => line.StartsWith("P:" + symbol + ";", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_src_project_gets_the_ban()
    {
        var props = File.ReadAllText(RepoFiles.PathOf("Directory.Build.props"));

        Assert.Matches(new Regex(@"<Import Project=""build/BannedClock\.props"" Condition=""[^""]*'/src/'"), props);
        Assert.All(Directory.GetFiles(RepoFiles.PathOf("src"), "*.csproj", SearchOption.AllDirectories),
            csproj => Assert.Contains("/src/", csproj.Replace('\\', '/'), StringComparison.Ordinal));
    }

    private void WriteProject()
    {
        Directory.CreateDirectory(_folder);
        // The analyzer version comes from the repository's central package versions.
        var version = XDocument.Load(RepoFiles.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => p.Attribute("Include")?.Value == "Microsoft.CodeAnalysis.BannedApiAnalyzers").Attribute("Version")!.Value;
        File.WriteAllText(Path.Combine(_folder, "Directory.Packages.props"), $"""
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_folder, "Clock.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Library</OutputType>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <Import Project="{RepoFiles.PathOf("build", "BannedClock.props")}" />
            </Project>
            """);
    }

    private void WriteProgram(string clock) =>
        File.WriteAllText(Path.Combine(_folder, "Clock.cs"), $"public static class Clock {{ public static System.DateTime Read() => {clock}; }}\n");

    private Task<ProcessResult> BuildAsync() =>
        ExternalProcess.RunAsync("dotnet", ["build", Path.Combine(_folder, "Clock.csproj"), "-nologo", "-v:q", "-p:UseSharedCompilation=false"], Ct);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
