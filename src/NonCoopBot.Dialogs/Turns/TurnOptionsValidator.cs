using Microsoft.Extensions.Options;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>Start-up validation of <see cref="TurnOptions"/>: every value in range, the error names the setting.</summary>
public sealed class TurnOptionsValidator : IValidateOptions<TurnOptions>
{
    /// <summary>Teams waits 15 seconds for the bot's answer; a turn must be cancelled before that.</summary>
    public static readonly TimeSpan TeamsWait = TimeSpan.FromSeconds(15);

    public ValidateOptionsResult Validate(string? name, TurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = TurnOptions.SectionName;
        var failures = new List<string>();
        if (options.Budget <= TimeSpan.Zero || options.Budget >= TeamsWait)
            failures.Add($"{section}:Budget must be more than 0 and less than 15 seconds (Teams waits 15 s); it is {options.Budget}.");
        if (options.DeduplicationWindow < TimeSpan.FromMinutes(1) || options.DeduplicationWindow > TimeSpan.FromDays(30))
            failures.Add($"{section}:DeduplicationWindow must be between 1 minute and 30 days; it is {options.DeduplicationWindow}.");
        if (options.Apology is not null && string.IsNullOrWhiteSpace(options.Apology))
            failures.Add($"{section}:Apology must not be blank when set (it is what a user sees when a turn fails); leave it out to use the catalogue's text in the reader's language.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
