using Microsoft.Extensions.Options;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>Alert delivery, acknowledgement reminders and escalation. Bound from <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Alerts";

    /// <summary>How long a recipient may stay silent before a reminder (and between reminders). Default 10 minutes.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many reminders a silent recipient gets; one interval after the last, the President is told who is silent. Default 2.</summary>
    public int ReminderCount { get; set; } = 2;

    /// <summary>Attempts per delivery for retryable answers (5xx other than "maybe delivered"). Default 4.</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>First back-off after a retryable answer; doubled per attempt. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the worker looks for due work even without a wake-up. Default 2 seconds.</summary>
    public TimeSpan WorkerPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a claim on a row lasts. A row left <c>sending</c> past it (its instance died mid-send) is
    /// reconciled as <c>uncertain</c>, never re-posted. Must exceed the longest send. Default 2 minutes.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rows claimed per tick. Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Sends in flight at once (further bounded by the rate limits). Default 25.</summary>
    public int MaxParallelSends { get; set; } = 25;

    /// <summary>Teams' global limit per app per tenant: requests per second. Default 50.</summary>
    public double AppRequestsPerSecond { get; set; } = 50;

    /// <summary>Teams' limit per bot per conversation: sends per second. Default 7.</summary>
    public double ConversationRequestsPerSecond { get; set; } = 7;

    /// <summary>
    /// The bot id used to create a 1:1 conversation with a member the bot has never heard from
    /// (<c>28:{appId}</c>). Empty: taken from any stored conversation reference.
    /// </summary>
    public string? BotId { get; set; }

    /// <summary>The Bureau's tenant id for creating 1:1 conversations. Empty: from any stored reference.</summary>
    public string? TenantId { get; set; }

    /// <summary>The Teams serviceUrl for creating 1:1 conversations (e.g. the tenant's regional one). Empty: from any stored reference.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// The longest pause a 429 / 503 <c>Retry-After</c> can impose on all sends (a larger or far-future value is
    /// cut to this). Default 5 minutes; between 1 second and 1 hour.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>False stops the background worker (tests drive <see cref="AlertDispatcher.RunOnceAsync"/> themselves).</summary>
    public bool RunWorker { get; set; } = true;
}

/// <summary>Startup validation of <see cref="AlertOptions"/>.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ReminderInterval <= TimeSpan.Zero) failures.Add("Alerts:ReminderInterval must be positive.");
        if (options.ReminderCount is < 0 or > 20) failures.Add("Alerts:ReminderCount must be between 0 and 20.");
        if (options.MaxSendAttempts is < 1 or > 20) failures.Add("Alerts:MaxSendAttempts must be between 1 and 20.");
        if (options.RetryBaseDelay <= TimeSpan.Zero) failures.Add("Alerts:RetryBaseDelay must be positive.");
        if (options.WorkerPeriod <= TimeSpan.Zero) failures.Add("Alerts:WorkerPeriod must be positive.");
        if (options.ClaimLease < TimeSpan.FromSeconds(5)) failures.Add("Alerts:ClaimLease must be at least 5 seconds.");
        if (options.MaxRetryAfter < TimeSpan.FromSeconds(1) || options.MaxRetryAfter > TimeSpan.FromHours(1)) failures.Add("Alerts:MaxRetryAfter must be between 00:00:01 and 01:00:00.");
        if (options.BatchSize < 1) failures.Add("Alerts:BatchSize must be positive.");
        if (options.MaxParallelSends < 1) failures.Add("Alerts:MaxParallelSends must be positive.");
        if (options.AppRequestsPerSecond <= 0) failures.Add("Alerts:AppRequestsPerSecond must be positive.");
        if (options.ConversationRequestsPerSecond <= 0) failures.Add("Alerts:ConversationRequestsPerSecond must be positive.");
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && !Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out _)) failures.Add("Alerts:ServiceUrl must be an absolute URL.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
