using Microsoft.Extensions.Options;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>Start-up validation of <see cref="RosterOptions"/>: the arrangement list holds ISO 3166-1 alpha-3 codes.</summary>
public sealed class RosterOptionsValidator : IValidateOptions<RosterOptions>
{
    public ValidateOptionsResult Validate(string? name, RosterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bad = (options.StatesWithArrangement ?? [])
            .Where(code => code is null || code.Trim().Length != 3 || !code.Trim().All(char.IsAsciiLetter))
            .ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RosterOptions.SectionName}:StatesWithArrangement must hold three-letter State codes (ISO 3166-1 alpha-3, e.g. \"UKR\"); not: {string.Join(", ", bad.Select(b => $"\"{b}\""))}.");
    }
}
