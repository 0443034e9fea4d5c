using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Rosters;

/// <summary>
/// The outcome of loading a roster file: applied (with changes and warnings) or not (with each problem: the rule's code when a
/// roster rule is broken, and what is wrong, naming the member or the line). Worded only when answered, in the reader's language.
/// </summary>
public sealed record RosterLoadResult(bool Applied, IReadOnlyList<DomainText> Changes, Roster? Roster, IReadOnlyList<(string? Rule, DomainText Text)> Problems)
{
    /// <summary>The answer for the person who loaded it, in <paramref name="language"/>.</summary>
    public string Text(TextCatalogue texts, string language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!Applied)
        {
            return texts.Get(language, "roster.load.notChanged") + "\n\n"
                + string.Join("\n", Problems.Select(p => "- " + (p.Rule is null ? string.Empty : p.Rule + ": ") + texts.Say(language, p.Text)));
        }

        var changes = Changes.Count == 0 ? texts.Get(language, "roster.load.nothingChanged") : string.Join("\n", Changes.Select(c => "- " + texts.Say(language, c)));
        var warnings = Roster is null ? [] : RosterWording.Para16Warnings(texts, language, Roster);
        var warning = warnings.Count == 0 ? string.Empty : "\n\n" + texts.Get(language, "roster.warning") + "\n" + string.Join("\n", warnings.Select(w => "- " + w));
        return texts.Get(language, "roster.load.applied") + "\n\n" + changes + warning;
    }
}

/// <summary>The roster's words in a reader's language: regional groups, offices, the para 16 warning.</summary>
public static class RosterWording
{
    public static string Group(TextCatalogue texts, string language, RegionalGroup group) => texts.GroupLabel(language, group);

    public static string Office(TextCatalogue texts, string language, BureauRole role) => texts.Get(language, "roster.office." + role);

    /// <summary>Para 16 (equitable geographic representation), as <see cref="RosterChanges.Para16Gaps"/> finds it.</summary>
    public static IReadOnlyList<string> Para16Warnings(TextCatalogue texts, string language, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return RosterChanges.Para16Gaps(roster)
            .Select(g => texts.Format(language, g.Missing.Count == 1 ? "roster.para16.one" : "roster.para16.many",
                ("name", g.FocalPoint.DisplayName), ("group", Group(texts, language, g.FocalPoint.RegionalGroup)),
                ("missing", string.Join(texts.Get(language, "roster.and"), g.Missing.Select(m => Group(texts, language, m))))))
            .ToList();
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
            return new RosterLoadResult(false, [], null, ex.Problems.Select(p => ((string?)null, p)).ToList());
        }

        var result = next.Validate(states, DateOnly.FromDateTime(now.UtcDateTime));
        if (!result.IsValid)
        {
            return new RosterLoadResult(false, [], null, result.Violations.Select(v => ((string?)v.Code, v.Text)).ToList());
        }

        var before = await rosters.GetAsync(cancellationToken).ConfigureAwait(false);
        var changes = RosterChanges.Describe(before, next);
        var appointments = RosterChanges.Appointments(await history.AppointmentsAsync(cancellationToken).ConfigureAwait(false), next, now, by);
        await history.ApplyAsync(next, new RosterHistoryEntry(0, now, by, source, changes.Select(c => c.ToString()).ToList()), appointments, cancellationToken).ConfigureAwait(false);
        return new RosterLoadResult(true, changes, next, []);
    }
}
