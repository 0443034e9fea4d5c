using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>
/// Start-up validation of <see cref="DialogOptions"/>. The turn lease must outlast a turn
/// (<see cref="TurnOptions.Budget"/>), else a racing message could take a dialog from a turn still running.
/// </summary>
public sealed class DialogOptionsValidator(IOptions<TurnOptions> turns) : IValidateOptions<DialogOptions>
{
    public ValidateOptionsResult Validate(string? name, DialogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = DialogOptions.SectionName;
        var failures = new List<string>();
        if (options.IdleTimeout < TimeSpan.FromMinutes(1) || options.IdleTimeout > TimeSpan.FromDays(30))
            failures.Add($"{section}:IdleTimeout must be between 1 minute and 30 days; it is {options.IdleTimeout}.");
        if (options.TurnLease <= TimeSpan.Zero || options.TurnLease > TimeSpan.FromMinutes(10))
            failures.Add($"{section}:TurnLease must be more than 0 and at most 10 minutes; it is {options.TurnLease}.");
        else if (BudgetOrNull() is { } budget && options.TurnLease <= budget)
            failures.Add($"{section}:TurnLease must be longer than {TurnOptions.SectionName}:Budget ({budget}); it is {options.TurnLease}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // An invalid Turns section is reported by its own validator; the cross-check then has nothing to compare with.
    private TimeSpan? BudgetOrNull()
    {
        try
        {
            return turns.Value.Budget;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
