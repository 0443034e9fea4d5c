namespace NonCoopBot.Bench.Turns;

/// <summary>
/// Where the two servers' apphosts are: their own build output in the same configuration and target framework as
/// this benchmark (the project references build them), run with their project folder as working directory (the
/// content root, as <c>dotnet run</c> does).
/// </summary>
internal sealed record BenchPaths(string Configuration, string BotExecutable, string BotDirectory, string FloorExecutable, string FloorDirectory)
{
    public static BenchPaths Find()
    {
        // .../bench/NonCoopBot.Bench.Turns/bin/{Configuration}/{tfm}/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NonCoopBot.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Run the benchmark from its build output inside the NonCoopBot repository.");
        }

        var bot = Path.Combine(root.FullName, "src", "NonCoopBot.App");
        var floor = Path.Combine(root.FullName, "bench", "NonCoopBot.Bench.Floor");
        return new BenchPaths(
            configuration,
            Path.Combine(bot, "bin", configuration, tfm, "NonCoopBot.App"),
            bot,
            Path.Combine(floor, "bin", configuration, tfm, "NonCoopBot.Bench.Floor"),
            floor);
    }
}
