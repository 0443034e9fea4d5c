namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The focal points' work on a matter (para 19): answers to requests for assistance, the contact log.</summary>
public sealed partial class Matter
{
    /// <summary>
    /// The person asked answers the request at <paramref name="requestSequence"/>: only that person, only once;
    /// a decline needs a reason.
    /// </summary>
    public AssistanceAnswered AnswerAssistance(Actor actor, int requestSequence, bool accepted, string? reason, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        if (_timeline.FirstOrDefault(e => e.Sequence == requestSequence) is not FocalPointAssistanceRequested request)
        {
            throw Rule("rule.noAssistanceRequest", ("number", requestSequence));
        }

        if (!string.Equals(request.MemberId, actor.Id, StringComparison.Ordinal))
        {
            throw Rule("rule.assistanceNotYours", ("name", request.MemberName));
        }

        if (AnswerTo(requestSequence) is { } earlier)
        {
            throw Rule(earlier.Accepted ? "rule.assistanceAccepted" : "rule.assistanceDeclined");
        }

        if (!accepted && string.IsNullOrWhiteSpace(reason))
        {
            throw Rule("rule.declineReason");
        }

        return Append(seq => new AssistanceAnswered(seq, Now(time), actor, requestSequence, accepted, Clean(reason)));
    }

    /// <summary>The answer to the request at <paramref name="requestSequence"/>, or null.</summary>
    public AssistanceAnswered? AnswerTo(int requestSequence) =>
        _timeline.OfType<AssistanceAnswered>().FirstOrDefault(a => a.RequestSequence == requestSequence);

    /// <summary>Records a contact with the requested State (checked with <see cref="ContactRules"/>).</summary>
    public ContactRecorded RecordContact(Actor actor, ContactDetails details, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        Check(details, time);
        return Append(seq => new ContactRecorded(seq, Now(time), actor, details, null));
    }

    /// <summary>
    /// Corrects the contact entry at <paramref name="sequence"/> (its latest version): only its author or the
    /// President (<paramref name="actsAsPresident"/>). The earlier version stays on the timeline.
    /// </summary>
    public ContactRecorded CorrectContact(Actor actor, bool actsAsPresident, int sequence, ContactDetails details, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        var original = ContactChainRoot(sequence) ?? throw Rule("rule.noContactEntry", ("number", sequence));
        if (!actsAsPresident && !string.Equals(original.Actor.Id, actor.Id, StringComparison.Ordinal))
        {
            throw Rule("rule.contactNotYours", ("number", original.Sequence), ("name", original.Actor.Name));
        }

        Check(details, time);
        return Append(seq => new ContactRecorded(seq, Now(time), actor, details, original.Sequence));
    }

    /// <summary>The current version of each contact entry (corrections applied), oldest contact first.</summary>
    public IReadOnlyList<ContactRecorded> CurrentContacts =>
        _timeline.OfType<ContactRecorded>()
            .GroupBy(c => c.CorrectsSequence ?? c.Sequence)
            .Select(g => g.Last())
            .OrderBy(c => c.Details.ContactAt)
            .ToList();

    /// <summary>Every version of the contact entry <paramref name="sequence"/> (the original first).</summary>
    public IReadOnlyList<ContactRecorded> ContactVersions(int sequence)
    {
        var root = ContactChainRoot(sequence)?.Sequence;
        return root is null ? [] : _timeline.OfType<ContactRecorded>().Where(c => (c.CorrectsSequence ?? c.Sequence) == root).ToList();
    }

    /// <summary>In 7(b): whether the latest oral report says the information was verified (null when none said).</summary>
    public bool? InformationVerified => _timeline.OfType<OralReportRecorded>().LastOrDefault(r => r.InformationVerified is not null)?.InformationVerified;

    private ContactRecorded? ContactChainRoot(int sequence)
    {
        var entry = _timeline.OfType<ContactRecorded>().FirstOrDefault(c => c.Sequence == sequence);
        return entry?.CorrectsSequence is { } root ? _timeline.OfType<ContactRecorded>().First(c => c.Sequence == root) : entry;
    }

    private void Check(ContactDetails details, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = ContactRules.Validate(details, Now(time));
        if (errors.Count > 0)
        {
            throw Rule("rule.contactInvalid", ("errors", errors.Select(e => e.Text).ToList()));
        }
    }
}
