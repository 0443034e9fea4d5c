namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// An operation on a matter breaks a procedural rule. The rule is named by <see cref="Text"/> (a stable code such as
/// <c>rule.closed</c> and its arguments, always with <c>id</c>, the matter): the App says it from the catalogue
/// (<c>domain.rule.*</c>) in the reader's language. The exception's message is that code, for logs.
/// </summary>
public sealed class MatterRuleException(MatterId matterId, DomainText text) : Exception(text?.ToString())
{
    public MatterId MatterId { get; } = matterId;

    /// <summary>The rule broken, as a code with its arguments.</summary>
    public DomainText Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>The rule's stable code ("rule.alreadyUnderway", "rule.closed", …).</summary>
    public string Code => Text.Code;

    /// <summary>A rule of <paramref name="matterId"/>, with <c>id</c> added to <paramref name="arguments"/>.</summary>
    public static MatterRuleException Of(MatterId matterId, string code, params (string Name, object? Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(matterId);
        return new(matterId, DomainText.Of(code, [("id", matterId.Value), .. arguments]));
    }
}
