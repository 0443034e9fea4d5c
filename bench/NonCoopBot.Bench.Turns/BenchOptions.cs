using System.Globalization;

namespace NonCoopBot.Bench.Turns;

/// <summary>Command-line options: <c>--turns N --concurrency C [--warmup W] [--timeout-seconds S]</c>.</summary>
internal sealed record BenchOptions(int Turns, int Concurrency, int Warmup, TimeSpan Timeout)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(Turns: 2000, Concurrency: 16, Warmup: 100, Timeout: TimeSpan.FromMinutes(5));
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--turns" => options with { Turns = Positive(args[i], value) },
                "--concurrency" => options with { Concurrency = Positive(args[i], value) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout-seconds" => options with { Timeout = TimeSpan.FromSeconds(Positive(args[i], value)) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Usage: --turns N --concurrency C [--warmup W] [--timeout-seconds S]"),
            };
            i++;
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer (was '{value}').");
}
