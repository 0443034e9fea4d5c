using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Rosters;

/// <summary>The outcome of loading a roster file: applied (with changes and warnings) or not (with the rules named).</summary>
public sealed record RosterLoadResult(bool Applied, IReadOnlyList<string> Changes, IReadOnlyList<string> Warnings, IReadOnlyList<string> Problems)
{
    /// <summary>The answer for the person who loaded it.</summary>
    public string Text()
    {
        if (!Applied)
        {
            return "The roster was not changed. Fix these points and send the file again:\n\n" + string.Join("\n", Problems.Select(p => "- " + p));
        }

        var changes = Changes.Count == 0 ? "Nothing changed." : string.Join("\n", Changes.Select(c => "- " + c));
        var warnings = Warnings.Count == 0 ? string.Empty : "\n\nWarning:\n" + string.Join("\n", Warnings.Select(w => "- " + w));
        return $"New roster applied; every instance of the bot uses it from now on.\n\n{changes}{warnings}";
    }
}

/// <summary>Validates a roster file (the existing rules, plus the para 16 warning) and applies it atomically with its history.</summary>
public sealed class RosterLoader(IRosterRepository rosters, IRosterHistory history, StateDirectory states, TimeProvider time)
{
    public const int MaxFileBytes = 512 * 1024;

    public async Task<RosterLoadResult> LoadAsync(string json, string source, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var now = time.GetUtcNow();
        Domain.Members.Roster next;
        try
        {
            next = RosterFile.Parse(json, states, source);
        }
        catch (RosterFileException ex)
        {
            return new RosterLoadResult(false, [], [], [ex.Message]);
        }

        var result = next.Validate(states, DateOnly.FromDateTime(now.UtcDateTime));
        if (!result.IsValid)
        {
            return new RosterLoadResult(false, [], [], result.Violations.Select(v => $"{v.Code}: {v.Message}").ToList());
        }

        var before = await rosters.GetAsync(cancellationToken).ConfigureAwait(false);
        var changes = RosterChanges.Describe(before, next);
        var appointments = RosterChanges.Appointments(await history.AppointmentsAsync(cancellationToken).ConfigureAwait(false), next, now, by);
        await history.ApplyAsync(next, new RosterHistoryEntry(0, now, by, source, changes), appointments, cancellationToken).ConfigureAwait(false);
        return new RosterLoadResult(true, changes, RosterChanges.Para16Warnings(next), []);
    }
}
