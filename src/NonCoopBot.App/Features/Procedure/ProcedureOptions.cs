using Microsoft.Extensions.Options;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>Settings of the formal procedure's deadline reminders (section <c>Procedure</c>).</summary>
public sealed class ProcedureOptions
{
    public const string SectionName = "Procedure";

    /// <summary>How long before the open letter's time limit the first reminder is sent (default 2 days).</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the reminder worker looks for due reminders (default 1 minute).</summary>
    public TimeSpan WorkerPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reminders claimed per look (default 50).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Whether this instance runs the reminder worker (default true; any number of instances may).</summary>
    public bool RunWorker { get; set; } = true;
}

/// <summary>Start-up validation of <see cref="ProcedureOptions"/>.</summary>
public sealed class ProcedureOptionsValidator : IValidateOptions<ProcedureOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcedureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ReminderLeadTime <= TimeSpan.Zero || options.ReminderLeadTime > TimeSpan.FromDays(13))
        {
            failures.Add("Procedure:ReminderLeadTime must be more than zero and at most 13 days (the letter's time limit is at most two weeks).");
        }

        if (options.WorkerPeriod < TimeSpan.FromSeconds(1) || options.WorkerPeriod > TimeSpan.FromHours(1))
        {
            failures.Add("Procedure:WorkerPeriod must be between 1 second and 1 hour.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Procedure:BatchSize must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
