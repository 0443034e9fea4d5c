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

    /// <summary>The denial code (<c>domain.denied.roster</c>): only the Secretariat (which keeps the roster) and the President or acting President may see and load it.</summary>
    public const string ManageDenied = "denied.roster";

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
    /// Para 16 (equitable geographic representation): the facts behind a warning, given when a focal point shares the President's
    /// regional group while another group has no focal point — that focal point and the groups with none (the App words it). A
    /// warning, not a violation: the Bureau appoints them.
    /// </summary>
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

    /// <summary>What changed between two rosters, one change each (<c>roster.change.*</c>, worded by the App), in roster order (empty when nothing did).</summary>
    public static IReadOnlyList<DomainText> Describe(Roster? before, Roster after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DomainText>();
        var old = (before?.Members ?? []).ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var member in after.Members)
        {
            if (!old.TryGetValue(member.Id, out var was))
            {
                changes.Add(DomainText.Of("roster.change.added", ("name", member.DisplayName), ("office", member.Role), ("state", member.StateCode)));
                continue;
            }

            if (was.Role != member.Role)
            {
                changes.Add(DomainText.Of("roster.change.office", ("name", member.DisplayName), ("from", was.Role), ("to", member.Role)));
            }

            if (was.IsFocalPoint != member.IsFocalPoint)
            {
                changes.Add(member.IsFocalPoint
                    ? DomainText.Of("roster.change.focalAppointed", ("name", member.DisplayName), ("group", member.RegionalGroup))
                    : DomainText.Of("roster.change.focalEnded", ("name", member.DisplayName)));
            }

            if (was with { Role = member.Role, IsFocalPoint = member.IsFocalPoint } != member)
            {
                changes.Add(DomainText.Of("roster.change.contact", ("name", member.DisplayName)));
            }
        }

        var kept = after.Members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(old.Values.Where(m => !kept.Contains(m.Id)).Select(m => DomainText.Of("roster.change.removed", ("name", m.DisplayName))));
        if (before?.ActingPresidentMemberId != after.ActingPresidentMemberId)
        {
            changes.Add(after.ActingPresident is { } acting
                ? DomainText.Of("roster.change.acting", ("name", acting.DisplayName))
                : DomainText.Of("roster.change.noActing"));
        }

        var staffBefore = (before?.Secretariat ?? []).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var staffAfter = after.Secretariat.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(after.Secretariat.Where(s => !staffBefore.Contains(s.Id)).Select(s => DomainText.Of("roster.change.staffAdded", ("name", s.Name))));
        changes.AddRange((before?.Secretariat ?? []).Where(s => !staffAfter.Contains(s.Id)).Select(s => DomainText.Of("roster.change.staffRemoved", ("name", s.Name))));
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
}
