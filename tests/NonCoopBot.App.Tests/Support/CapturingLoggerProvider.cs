using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using System.Globalization;

namespace NonCoopBot.App.Tests.Support;

/// <summary>One captured log entry: level, category, the formatted message, and every structured value (state and scopes).</summary>
internal sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, IReadOnlyList<string> Values, string? Exception)
{
    /// <summary>Everything a log sink could see of this entry, as one string.</summary>
    public string AllText => string.Join(" | ", new[] { Message }.Concat(Values).Append(Exception ?? string.Empty));
}

/// <summary>
/// Captures every log entry of a test host (with the values of its state and active scopes) and echoes it to the
/// test output, so a failing HTTP test comes with its log transcript.
/// </summary>
internal sealed class CapturingLoggerProvider(ITestOutputHelper? output) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(CapturedLog entry)
    {
        _entries.Enqueue(entry);
        try
        {
            output?.WriteLine($"[{entry.Level}] {entry.Category}: {entry.Message}{(entry.Exception is null ? string.Empty : " " + entry.Exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a late log from host shutdown).
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            AddValues(values, state);
            provider._scopes.ForEachScope((scope, list) => AddValues(list, scope), values);
            provider.Add(new CapturedLog(logLevel, category, eventId, formatter(state, exception), values, exception?.ToString()));
        }

        private static void AddValues(List<string> values, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values.Add(key + "=" + Convert.ToString(value, CultureInfo.InvariantCulture));
                }
            }
            else if (state is not null)
            {
                values.Add(Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }
    }
}
