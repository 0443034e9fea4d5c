namespace NonCoopBot.Domain.NonCooperation;

/// <summary>An operation on a matter breaks a procedural rule. The message is a sentence fit to show the user.</summary>
public sealed class MatterRuleException(MatterId matterId, string message) : Exception(message)
{
    public MatterId MatterId { get; } = matterId;
}
