namespace NonCoopBot.Protocol.Schema;

/// <summary>What the bot needs to message a user or conversation later (proactively).</summary>
public sealed record ConversationReference
{
    public required string ServiceUrl { get; init; }
    public required string ConversationId { get; init; }
    public string? ChannelId { get; init; }
    public string? TenantId { get; init; }
    public string? UserId { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? BotId { get; init; }
    public string? ConversationType { get; init; }

    public static ConversationReference FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ConversationReference
        {
            ServiceUrl = activity.ServiceUrl ?? throw new ArgumentException("The activity has no serviceUrl.", nameof(activity)),
            ConversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity)),
            ChannelId = activity.ChannelId,
            TenantId = activity.TenantId,
            UserId = activity.From?.Id,
            UserAadObjectId = activity.From?.AadObjectId,
            BotId = activity.Recipient?.Id,
            ConversationType = activity.Conversation?.ConversationType,
        };
    }
}
