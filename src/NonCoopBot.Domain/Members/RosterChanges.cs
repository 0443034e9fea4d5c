using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Members;

/// <summary>An appointment the roster records with since-when and by whom: a focal point (para 16) or the acting President.</summary>
/// <param name="Kind"><c>focal-point</c> or <c>acting-president</c>.</param>
public sealed record RosterAppointment(string MemberId, string Kind, DateTimeOffset Since, string By);

/// <summary>One entry of the roster's history: who loaded which roster when, and what changed.</summary>
public sealed record RosterHistoryEntry(long Id, DateTimeOffset At, string By, string Source, IReadOnlyList<string> Changes);

/// <summary>Pure rules for loading a new roster: what changed, and the para 16 warning.</summary>
public static class RosterChanges
{
    public const string FocalPointKind = "focal-point";
    public const string ActingPresidentKind = "acting-president";

    /// <summary>Who may see and load the roster: the Secretariat (which keeps it) and the President or acting President.</summary>
    public const string ManageDenied = "Only the Secretariat of the Assembly and the President (or a Vice-President designated to act for the President) can see or load the roster.";

    public static AuthorizationResult CanManage(Roster roster, Principal sender)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(sender);
        return sender switch
        {
            Principal.Secretariat s when roster.FindSecretariatByAadObjectId(s.Staff.AadObjectId) is not null => AuthorizationResult.Allow,
            Principal.Member m when roster.FindMemberByAadObjectId(m.BureauMember.AadObjectId) is { } current && roster.ActsAsPresident(current) => AuthorizationResult.Allow,
            _ => AuthorizationResult.Deny(ManageDenied),
        };
    }

    /// <summary>
    /// Para 16 (equitable geographic representation): a warning when a focal point shares the President's regional
    /// group while another group has no focal point. A warning, not a violation: the Bureau appoints them.
    /// </summary>
    public static IReadOnlyList<string> Para16Warnings(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return Para16Gaps(roster)
            .Select(g => $"{g.FocalPoint.DisplayName} is focal point for {g.FocalPoint.RegionalGroup.DisplayName()}, the President's regional group, while {string.Join(" and ", g.Missing.Select(m => m.DisplayName()))} {(g.Missing.Count == 1 ? "has" : "have")} no focal point (para 16: equitable geographic representation).")
            .ToList();
    }

    /// <summary>The facts behind each para 16 warning: the focal point from the President's group, and the groups with none (for the app to word).</summary>
    public static IReadOnlyList<(BureauMember FocalPoint, IReadOnlyList<RegionalGroup> Missing)> Para16Gaps(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        if (roster.President is not { } president)
        {
            return [];
        }

        var covered = roster.FocalPoints.Select(f => f.RegionalGroup).ToHashSet();
        var missing = Enum.GetValues<RegionalGroup>().Where(g => !covered.Contains(g)).ToList();
        return roster.FocalPoints
            .Where(f => f.RegionalGroup == president.RegionalGroup && missing.Count > 0)
            .Select(f => (f, (IReadOnlyList<RegionalGroup>)missing))
            .ToList();
    }

    /// <summary>What changed between two rosters, one sentence each, in roster order (empty when nothing did).</summary>
    public static IReadOnlyList<string> Describe(Roster? before, Roster after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        var old = (before?.Members ?? []).ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var member in after.Members)
        {
            if (!old.TryGetValue(member.Id, out var was))
            {
                changes.Add($"Added {member.DisplayName} ({Office(member)}, {member.StateCode}).");
                continue;
            }

            if (was.Role != member.Role)
            {
                changes.Add($"{member.DisplayName}: office {Office(was)} → {Office(member)}.");
            }

            if (was.IsFocalPoint != member.IsFocalPoint)
            {
                changes.Add(member.IsFocalPoint
                    ? $"{member.DisplayName} appointed focal point for {member.RegionalGroup.DisplayName()}."
                    : $"{member.DisplayName} is no longer a focal point.");
            }

            if (was with { Role = member.Role, IsFocalPoint = member.IsFocalPoint } != member)
            {
                changes.Add($"{member.DisplayName}: contact details changed.");
            }
        }

        var kept = after.Members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(old.Values.Where(m => !kept.Contains(m.Id)).Select(m => $"Removed {m.DisplayName}."));
        if (before?.ActingPresidentMemberId != after.ActingPresidentMemberId)
        {
            changes.Add(after.ActingPresident is { } acting
                ? $"{acting.DisplayName} designated to act for the President."
                : "No Vice-President is designated to act for the President.");
        }

        var staffBefore = (before?.Secretariat ?? []).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var staffAfter = after.Secretariat.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(after.Secretariat.Where(s => !staffBefore.Contains(s.Id)).Select(s => $"Secretariat: added {s.Name}."));
        changes.AddRange((before?.Secretariat ?? []).Where(s => !staffAfter.Contains(s.Id)).Select(s => $"Secretariat: removed {s.Name}."));
        return changes;
    }

    /// <summary>The appointments in <paramref name="after"/>: kept with their earlier since/by, new ones from now by <paramref name="by"/>.</summary>
    public static IReadOnlyList<RosterAppointment> Appointments(IReadOnlyList<RosterAppointment> current, Roster after, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(after);
        var wanted = after.FocalPoints.Select(f => (f.Id, FocalPointKind))
            .Concat(after.ActingPresident is { } a ? [(a.Id, ActingPresidentKind)] : []);
        return wanted
            .Select(w => current.FirstOrDefault(c => c.MemberId == w.Id && c.Kind == w.Item2) ?? new RosterAppointment(w.Id, w.Item2, now, by))
            .ToList();
    }

    private static string Office(BureauMember member) => member.Role switch
    {
        BureauRole.President => "President",
        BureauRole.VicePresident => "Vice-President",
        _ => "member",
    };
}
