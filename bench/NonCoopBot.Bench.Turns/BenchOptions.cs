using System.Globalization;

namespace NonCoopBot.Bench.Turns;

/// <summary>
/// Command-line options: <c>--turns N --concurrency C [--warmup W] [--timeout-seconds S] [--auth anonymous|signed]
/// [--only bot|floor] [--bot-env NAME=VALUE]... [--bot-folder DIR] [--floor-folder DIR] [--memory]</c>
/// (<c>--bot-folder</c>: run the bot's apphost from DIR, e.g. a ReadyToRun publish, instead of its build output;
/// <c>--floor-folder</c>: the same for the floor, e.g. a native AOT publish;
/// <c>--memory</c>: after the load, print where each process's resident memory is).
/// </summary>
internal sealed record BenchOptions(int Turns, int Concurrency, int Warmup, TimeSpan Timeout, bool Signed, string? Only, string? BotFolder, IReadOnlyDictionary<string, string> BotEnvironment, bool Memory = false, string? FloorFolder = null)
{
    private const string Usage = "Usage: --turns N --concurrency C [--warmup W] [--timeout-seconds S] [--auth anonymous|signed] [--only bot|floor] [--bot-env NAME=VALUE]... [--bot-folder DIR] [--floor-folder DIR] [--memory]";

    public static BenchOptions Parse(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new BenchOptions(Turns: 2000, Concurrency: 16, Warmup: 300, Timeout: TimeSpan.FromMinutes(5), Signed: false, Only: null, BotFolder: null, environment);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--memory")
            {
                options = options with { Memory = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--turns" => options with { Turns = Positive(args[i], value) },
                "--concurrency" => options with { Concurrency = Positive(args[i], value) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout-seconds" => options with { Timeout = TimeSpan.FromSeconds(Positive(args[i], value)) },
                "--auth" => options with
                {
                    Signed = value switch
                    {
                        "signed" => true,
                        "anonymous" => false,
                        _ => throw new ArgumentException($"--auth is anonymous or signed (was '{value}')."),
                    },
                },
                "--only" => options with { Only = value is "bot" or "floor" ? value : throw new ArgumentException($"--only is bot or floor (was '{value}').") },
                "--bot-env" => AddEnvironment(options, value),
                "--bot-folder" => options with { BotFolder = value },
                "--floor-folder" => options with { FloorFolder = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
            i++;
        }

        return options;
    }

    private static BenchOptions AddEnvironment(BenchOptions options, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--bot-env takes NAME=VALUE (was '{assignment}').");
        }

        ((Dictionary<string, string>)options.BotEnvironment)[assignment[..equals]] = assignment[(equals + 1)..];
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer (was '{value}').");
}
