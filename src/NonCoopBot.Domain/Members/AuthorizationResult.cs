namespace NonCoopBot.Domain.Members;

/// <summary>Allow, or deny with a sentence saying who may do it.</summary>
public sealed record AuthorizationResult(bool IsAllowed, string? DenialReason)
{
    public static AuthorizationResult Allow { get; } = new(true, null);

    public static AuthorizationResult Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}
