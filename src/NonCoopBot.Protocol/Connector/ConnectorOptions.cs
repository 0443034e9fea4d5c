using Microsoft.Extensions.Options;

namespace NonCoopBot.Protocol.Connector;

/// <summary>Retry and timeout settings of <see cref="ConnectorClient"/>. Bound from <c>Bot:Connector</c>.</summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Bot:Connector";

    /// <summary>How many times a request may be retried after the first attempt.</summary>
    /// <value>The default is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay when the connector gives no Retry-After; doubled per retry, with jitter.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest single wait. When the connector's Retry-After asks for longer, the call is not retried
    /// and the 429/503 surfaces as a <see cref="ConnectorException"/>.
    /// </summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of one attempt (10 ms to 1 day). A POST that times out is not re-sent (it may have been delivered).</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Startup validation for <see cref="ConnectorOptions"/>.</summary>
internal sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    /// <summary>The range the per-attempt timeout strategy of the resilience pipeline accepts.</summary>
    internal static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(10), MaxAttemptTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRetries is < 0 or > 10)
            failures.Add($"{ConnectorOptions.SectionName}:MaxRetries must be between 0 and 10.");
        if (options.BaseDelay <= TimeSpan.Zero)
            failures.Add($"{ConnectorOptions.SectionName}:BaseDelay must be positive.");
        if (options.MaxRetryDelay < options.BaseDelay)
            failures.Add($"{ConnectorOptions.SectionName}:MaxRetryDelay must be at least BaseDelay.");
        if (options.AttemptTimeout < MinAttemptTimeout || options.AttemptTimeout > MaxAttemptTimeout)
            failures.Add($"{ConnectorOptions.SectionName}:AttemptTimeout must be between 10 ms and 1 day.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
