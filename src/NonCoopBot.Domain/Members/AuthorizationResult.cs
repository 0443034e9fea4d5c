namespace NonCoopBot.Domain.Members;

/// <summary>Allow, or deny with the reason: a stable code (<see cref="Authorization"/>'s constants, shown from the catalogue as <c>domain.&lt;code&gt;</c>) or a sentence.</summary>
public sealed record AuthorizationResult(bool IsAllowed, string? DenialReason)
{
    public static AuthorizationResult Allow { get; } = new(true, null);

    public static AuthorizationResult Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}
