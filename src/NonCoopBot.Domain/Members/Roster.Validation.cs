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
        void Add(string code, string message) => violations.Add(new RosterViolation(code, message));

        if (Members.Count != BureauSize)
        {
            Add("member-count", $"The Bureau has {BureauSize} members; the roster lists {Members.Count}.");
        }

        var presidents = Members.Where(m => m.Role == BureauRole.President).ToList();
        if (presidents.Count != 1)
        {
            Add("president-count", $"The roster must name exactly one President; it names {presidents.Count}{NamesInParentheses(presidents)}.");
        }

        var vicePresidents = Members.Where(m => m.Role == BureauRole.VicePresident).ToList();
        if (vicePresidents.Count != VicePresidentCount)
        {
            Add("vice-president-count", $"The roster must name exactly {VicePresidentCount} Vice-Presidents; it names {vicePresidents.Count}{NamesInParentheses(vicePresidents)}.");
        }

        var ordinaryMembers = Members.Count(m => m.Role == BureauRole.Member);
        var expectedOrdinary = BureauSize - 1 - VicePresidentCount;
        if (ordinaryMembers != expectedOrdinary && Members.Count == BureauSize && presidents.Count == 1 && vicePresidents.Count == VicePresidentCount)
        {
            Add("member-role-count", $"The roster must list {expectedOrdinary} members besides the President and the Vice-Presidents; it lists {ordinaryMembers}.");
        }

        ValidateMembers(states, asOf, Add);
        ValidateFocalPoints(Add);
        ValidateActingPresident(Add);
        ValidateSecretariat(Add);
        return new RosterValidationResult(violations);
    }

    private void ValidateMembers(StateDirectory states, DateOnly asOf, Action<string, string> add)
    {
        foreach (var (member, index) in Members.Select((m, i) => (m, i)))
        {
            var label = string.IsNullOrWhiteSpace(member.DisplayName) ? $"Member #{index + 1}" : member.DisplayName;
            if (string.IsNullOrWhiteSpace(member.Id))
            {
                add("missing-field", $"{label} has no id.");
            }

            if (string.IsNullOrWhiteSpace(member.DisplayName))
            {
                add("missing-field", $"{label} has no display name.");
            }

            if (string.IsNullOrWhiteSpace(member.AadObjectId))
            {
                add("missing-field", $"{label} has no AAD object id, so the bot cannot recognise them.");
            }

            if (!LooksLikeMailbox(member.Mailbox))
            {
                add("mailbox-format", $"{label} has no valid mailbox (\"{member.Mailbox}\"); write it as name@domain.");
            }

            if (!IsKnownTimeZone(member.TimeZone))
            {
                add("time-zone", $"{label} has an unknown time zone \"{member.TimeZone}\"; use an IANA id such as \"Europe/Paris\".");
            }

            if (states.FindByCode(member.StateCode ?? string.Empty) is not { } state)
            {
                add("unknown-state", $"{label} has an unknown State code \"{member.StateCode}\"; use an ISO 3166-1 alpha-3 code such as \"KEN\".");
                continue;
            }

            if (!state.IsStatePartyOn(asOf))
            {
                add("not-state-party", $"{label} is listed for {state.Name}, which is not a State Party; Bureau members come from States Parties.");
            }

            if (state.RegionalGroup != member.RegionalGroup)
            {
                add("regional-group-mismatch", $"{label} is listed in {member.RegionalGroup.DisplayName()}, but {state.Name} belongs to {state.RegionalGroup.DisplayName()}.");
            }
        }

        foreach (var group in Members.Where(m => !string.IsNullOrWhiteSpace(m.Id)).GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            add("duplicate-member-id", $"The member id \"{group.Key}\" is used {group.Count()} times{NamesInParentheses(group)}; each member needs a different id.");
        }

        foreach (var group in Members.Where(m => !string.IsNullOrWhiteSpace(m.AadObjectId)).GroupBy(m => m.AadObjectId.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            add("duplicate-aad-object-id", $"The AAD object id {group.Key} is used by {group.Count()} members{NamesInParentheses(group)}; each person has a different one.");
        }

        foreach (var group in Members.Where(m => !string.IsNullOrWhiteSpace(m.StateCode)).GroupBy(m => m.StateCode.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            add("duplicate-state", $"{group.Count()} members are listed for the State {group.Key}{NamesInParentheses(group)}; each Bureau member represents a different State.");
        }
    }

    private void ValidateFocalPoints(Action<string, string> add)
    {
        var focalPoints = Members.Where(m => m.IsFocalPoint).ToList();
        if (focalPoints.Count != FocalPointCount)
        {
            add("focal-point-count", $"The Bureau appoints {FocalPointCount} regional focal points among its members (para 16); the roster marks {focalPoints.Count}{NamesInParentheses(focalPoints)}.");
        }

        foreach (var group in focalPoints.GroupBy(m => m.RegionalGroup).Where(g => g.Count() > 1))
        {
            add("focal-point-group", $"Focal points must each come from a different regional group (para 16), but {string.Join(" and ", group.Select(m => m.DisplayName))} are all from {group.Key.DisplayName()}.");
        }
    }

    private void ValidateActingPresident(Action<string, string> add)
    {
        if (ActingPresidentMemberId is not { } actingId)
        {
            return;
        }

        var acting = FindMemberById(actingId);
        if (acting is null)
        {
            add("acting-president-unknown", $"The Vice-President designated to act for the President (\"{actingId}\") is not on the roster.");
        }
        else if (acting.Role != BureauRole.VicePresident)
        {
            add("acting-president-not-vice-president", $"{acting.DisplayName} is designated to act for the President but is not a Vice-President; only a Vice-President can be designated.");
        }
    }

    private void ValidateSecretariat(Action<string, string> add)
    {
        var memberAadIds = Members.Select(m => m.AadObjectId?.Trim() ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (staff, index) in Secretariat.Select((s, i) => (s, i)))
        {
            var label = string.IsNullOrWhiteSpace(staff.Name) ? $"Secretariat staff #{index + 1}" : staff.Name;
            if (string.IsNullOrWhiteSpace(staff.Id) || string.IsNullOrWhiteSpace(staff.Name) || string.IsNullOrWhiteSpace(staff.AadObjectId))
            {
                add("missing-field", $"{label} needs an id, a name and an AAD object id.");
            }

            if (!LooksLikeMailbox(staff.Mailbox))
            {
                add("mailbox-format", $"{label} has no valid mailbox (\"{staff.Mailbox}\"); write it as name@domain.");
            }

            if (!string.IsNullOrWhiteSpace(staff.AadObjectId) && memberAadIds.Contains(staff.AadObjectId.Trim()))
            {
                add("duplicate-aad-object-id", $"{label} has the same AAD object id as a Bureau member; the Secretariat and the Bureau are different people.");
            }
        }

        foreach (var group in Secretariat.Where(s => !string.IsNullOrWhiteSpace(s.Id)).GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            add("duplicate-secretariat-id", $"The Secretariat id \"{group.Key}\" is used {group.Count()} times; each person needs a different id.");
        }

        foreach (var group in Secretariat.Where(s => !string.IsNullOrWhiteSpace(s.AadObjectId)).GroupBy(s => s.AadObjectId.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            add("duplicate-aad-object-id", $"The AAD object id {group.Key} is used by {group.Count()} Secretariat staff; each person has a different one.");
        }
    }

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
