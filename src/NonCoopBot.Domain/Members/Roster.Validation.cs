using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Members;

public sealed partial class Roster
{
    /// <summary>
    /// Checks every rule and reports every violation: 21 members (1 President, 2 Vice-Presidents,
    /// 18 members), each from a different State Party whose regional group matches; 4 focal points,
    /// each from a different regional group (para 16); the acting President, if any, is a
    /// Vice-President; ids and AAD object ids unique; mailboxes, time zones present and well formed.
    /// </summary>
    /// <param name="states">The State directory, to check States and regional groups.</param>
    /// <param name="asOf">Date for State Party status (a Bureau member's State must be a State Party).</param>
    public RosterValidationResult Validate(StateDirectory states, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(states);
        var violations = new List<RosterViolation>();
        void Add(string code, string text, params (string Name, object? Value)[] arguments) => violations.Add(new RosterViolation(code, DomainText.Of(text, arguments)));

        if (Members.Count != BureauSize)
        {
            Add("member-count", "roster.memberCount", ("expected", BureauSize), ("count", Members.Count));
        }

        var presidents = Members.Where(m => m.Role == BureauRole.President).ToList();
        if (presidents.Count != 1)
        {
            Add("president-count", "roster.presidentCount", ("count", presidents.Count), ("names", NamesInParentheses(presidents)));
        }

        var vicePresidents = Members.Where(m => m.Role == BureauRole.VicePresident).ToList();
        if (vicePresidents.Count != VicePresidentCount)
        {
            Add("vice-president-count", "roster.vicePresidentCount", ("expected", VicePresidentCount), ("count", vicePresidents.Count), ("names", NamesInParentheses(vicePresidents)));
        }

        var ordinaryMembers = Members.Count(m => m.Role == BureauRole.Member);
        var expectedOrdinary = BureauSize - 1 - VicePresidentCount;
        if (ordinaryMembers != expectedOrdinary && Members.Count == BureauSize && presidents.Count == 1 && vicePresidents.Count == VicePresidentCount)
        {
            Add("member-role-count", "roster.memberRoleCount", ("expected", expectedOrdinary), ("count", ordinaryMembers));
        }

        ValidateMembers(states, asOf, Add);
        ValidateFocalPoints(Add);
        ValidateActingPresident(Add);
        ValidateSecretariat(Add);
        return new RosterValidationResult(violations);
    }

    private void ValidateMembers(StateDirectory states, DateOnly asOf, AddViolation add)
    {
        foreach (var (member, index) in Members.Select((m, i) => (m, i)))
        {
            object label = string.IsNullOrWhiteSpace(member.DisplayName) ? DomainText.Of("roster.memberNumber", ("number", index + 1)) : member.DisplayName;
            if (string.IsNullOrWhiteSpace(member.Id))
            {
                add("missing-field", "roster.noId", ("member", label));
            }

            if (string.IsNullOrWhiteSpace(member.DisplayName))
            {
                add("missing-field", "roster.noName", ("member", label));
            }

            if (string.IsNullOrWhiteSpace(member.AadObjectId))
            {
                add("missing-field", "roster.noAad", ("member", label));
            }

            if (!LooksLikeMailbox(member.Mailbox))
            {
                add("mailbox-format", "roster.mailbox", ("member", label), ("mailbox", member.Mailbox));
            }

            if (!IsKnownTimeZone(member.TimeZone))
            {
                add("time-zone", "roster.timeZone", ("member", label), ("zone", member.TimeZone));
            }

            if (states.FindByCode(member.StateCode ?? string.Empty) is not { } state)
            {
                add("unknown-state", "roster.unknownState", ("member", label), ("code", member.StateCode));
                continue;
            }

            if (!state.IsStatePartyOn(asOf))
            {
                add("not-state-party", "roster.notStateParty", ("member", label), ("state", state));
            }

            if (state.RegionalGroup != member.RegionalGroup)
            {
                add("regional-group-mismatch", "roster.groupMismatch", ("member", label), ("group", member.RegionalGroup), ("state", state), ("stateGroup", state.RegionalGroup));
            }
        }

        foreach (var group in Members.Where(m => !string.IsNullOrWhiteSpace(m.Id)).GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            add("duplicate-member-id", "roster.duplicateId", ("id", group.Key), ("count", group.Count()), ("names", NamesInParentheses(group)));
        }

        foreach (var group in Members.Where(m => !string.IsNullOrWhiteSpace(m.AadObjectId)).GroupBy(m => m.AadObjectId.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            add("duplicate-aad-object-id", "roster.duplicateAad", ("aad", group.Key), ("count", group.Count()), ("names", NamesInParentheses(group)));
        }

        foreach (var group in Members.Where(m => !string.IsNullOrWhiteSpace(m.StateCode)).GroupBy(m => m.StateCode.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            add("duplicate-state", "roster.duplicateState", ("count", group.Count()), ("state", group.Key), ("names", NamesInParentheses(group)));
        }
    }

    private void ValidateFocalPoints(AddViolation add)
    {
        var focalPoints = Members.Where(m => m.IsFocalPoint).ToList();
        if (focalPoints.Count != FocalPointCount)
        {
            add("focal-point-count", "roster.focalPointCount", ("expected", FocalPointCount), ("count", focalPoints.Count), ("names", NamesInParentheses(focalPoints)));
        }

        foreach (var group in focalPoints.GroupBy(m => m.RegionalGroup).Where(g => g.Count() > 1))
        {
            add("focal-point-group", "roster.focalPointGroup", ("members", group.Select(m => m.DisplayName).ToList()), ("group", group.Key));
        }
    }

    private void ValidateActingPresident(AddViolation add)
    {
        if (ActingPresidentMemberId is not { } actingId)
        {
            return;
        }

        var acting = FindMemberById(actingId);
        if (acting is null)
        {
            add("acting-president-unknown", "roster.actingUnknown", ("id", actingId));
        }
        else if (acting.Role != BureauRole.VicePresident)
        {
            add("acting-president-not-vice-president", "roster.actingNotVicePresident", ("member", acting.DisplayName));
        }
    }

    private void ValidateSecretariat(AddViolation add)
    {
        var memberAadIds = Members.Select(m => m.AadObjectId?.Trim() ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (staff, index) in Secretariat.Select((s, i) => (s, i)))
        {
            object label = string.IsNullOrWhiteSpace(staff.Name) ? DomainText.Of("roster.staffNumber", ("number", index + 1)) : staff.Name;
            if (string.IsNullOrWhiteSpace(staff.Id) || string.IsNullOrWhiteSpace(staff.Name) || string.IsNullOrWhiteSpace(staff.AadObjectId))
            {
                add("missing-field", "roster.staffIncomplete", ("member", label));
            }

            if (!LooksLikeMailbox(staff.Mailbox))
            {
                add("mailbox-format", "roster.mailbox", ("member", label), ("mailbox", staff.Mailbox));
            }

            if (!string.IsNullOrWhiteSpace(staff.AadObjectId) && memberAadIds.Contains(staff.AadObjectId.Trim()))
            {
                add("duplicate-aad-object-id", "roster.staffIsMember", ("member", label));
            }
        }

        foreach (var group in Secretariat.Where(s => !string.IsNullOrWhiteSpace(s.Id)).GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            add("duplicate-secretariat-id", "roster.duplicateStaffId", ("id", group.Key), ("count", group.Count()));
        }

        foreach (var group in Secretariat.Where(s => !string.IsNullOrWhiteSpace(s.AadObjectId)).GroupBy(s => s.AadObjectId.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            add("duplicate-aad-object-id", "roster.duplicateStaffAad", ("aad", group.Key), ("count", group.Count()));
        }
    }

    /// <summary>Records one violation: the rule's code, the text's code and its arguments.</summary>
    private delegate void AddViolation(string code, string text, params (string Name, object? Value)[] arguments);

    private static string NamesInParentheses(IEnumerable<BureauMember> members)
    {
        var names = members.Select(m => m.DisplayName).ToList();
        return names.Count == 0 ? string.Empty : $" ({string.Join(", ", names)})";
    }

    private static bool LooksLikeMailbox(string? mailbox)
    {
        if (string.IsNullOrWhiteSpace(mailbox))
        {
            return false;
        }

        var at = mailbox.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == mailbox.LastIndexOf('@') && at < mailbox.Length - 3
            && mailbox.IndexOf('.', at) > at + 1 && !mailbox.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// True if the system knows the IANA id. Where the system cannot resolve IANA ids at all (some
    /// Windows hosts in invariant-globalization mode), a well-formed "Area/Location" id is accepted.
    /// </summary>
    private static bool IsKnownTimeZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return true;
        }

        var systemResolvesIana = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out _);
        return !systemResolvesIana
            && timeZone.Contains('/', StringComparison.Ordinal)
            && timeZone.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '_' or '-' or '+');
    }
}
