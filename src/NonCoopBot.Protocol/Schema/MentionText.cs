namespace NonCoopBot.Protocol.Schema;

/// <summary>Removes the bot's own @mention from a message's text.</summary>
public static class MentionText
{
    private const string MentionType = "mention";

    /// <summary>
    /// The activity's text without the bot's <c>&lt;at&gt;…&lt;/at&gt;</c> mention (entities of type
    /// <c>mention</c> whose <c>mentioned.id</c> is the recipient's id), trimmed. Other mentions are kept.
    /// Does not change the activity.
    /// </summary>
    public static string? RemoveBotMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        var botId = activity.Recipient?.Id;
        if (text is null || string.IsNullOrEmpty(botId) || activity.Entities is null)
            return text?.Trim();

        foreach (var entity in activity.Entities)
        {
            if (string.Equals(entity.Type, MentionType, StringComparison.OrdinalIgnoreCase)
                && string.Equals(entity.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrEmpty(entity.Text))
            {
                text = text.Replace(entity.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Trim();
    }

    /// <summary>Replaces <see cref="Activity.Text"/> with <see cref="RemoveBotMention"/>'s result and returns it.</summary>
    public static string? RemoveRecipientMention(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Text = RemoveBotMention(activity);
        return activity.Text;
    }
}
