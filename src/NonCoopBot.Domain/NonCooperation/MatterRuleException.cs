namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// An operation on a matter breaks a procedural rule. The message is an English sentence; where the rule has a stable
/// <see cref="Code"/>, the App shows the catalogue's <c>domain.rule.&lt;code&gt;</c> (with <c>{id}</c>) in the reader's language.
/// </summary>
public sealed class MatterRuleException(MatterId matterId, string message, string? code = null) : Exception(message)
{
    public MatterId MatterId { get; } = matterId;

    /// <summary>The rule's stable code ("alreadyUnderway", "closed", …), or null.</summary>
    public string? Code { get; } = code;
}
