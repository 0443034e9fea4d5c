using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Tests.Schema;

public sealed class MentionTextTests
{
    private const string BotId = "28:bot";

    private static Activity Message(string? text, params Entity[] entities) => new()
    {
        Text = text,
        Recipient = new ChannelAccount { Id = BotId, Name = "NonCoopBot" },
        Entities = [.. entities],
    };

    private static Entity Mention(string id, string text) =>
        new() { Type = "mention", Mentioned = new ChannelAccount { Id = id }, Text = text };

    [Theory]
    [InlineData("<at>NonCoopBot</at> help", "help")]
    [InlineData("  <at>NonCoopBot</at>   help  \n", "help")]
    [InlineData("please <at>NonCoopBot</at> help", "please  help")]
    [InlineData("<at>NonCoopBot</at>", "")]
    [InlineData("help", "help")]
    public void RemoveBotMention_RemovesOnlyTheBotsMentionAndTrims(string text, string expected)
    {
        var activity = Message(text, Mention(BotId, "<at>NonCoopBot</at>"));

        Assert.Equal(expected, MentionText.RemoveBotMention(activity));
        Assert.Equal(text, activity.Text);
    }

    [Fact]
    public void RemoveBotMention_KeepsOtherUsersMentions()
    {
        var activity = Message("<at>NonCoopBot</at> ping <at>Member Two</at>",
            Mention(BotId, "<at>NonCoopBot</at>"), Mention("29:member-two", "<at>Member Two</at>"));

        Assert.Equal("ping <at>Member Two</at>", MentionText.RemoveBotMention(activity));
    }

    [Fact]
    public void RemoveBotMention_WithoutEntitiesOrRecipient_OnlyTrims()
    {
        Assert.Equal("<at>NonCoopBot</at> hi", MentionText.RemoveBotMention(new Activity { Text = " <at>NonCoopBot</at> hi " }));
        Assert.Null(MentionText.RemoveBotMention(new Activity { Text = null }));
    }

    [Fact]
    public void RemoveRecipientMention_UpdatesText()
    {
        var activity = Message("<at>NonCoopBot</at> status", Mention(BotId, "<at>NonCoopBot</at>"));

        var text = activity.RemoveRecipientMention();

        Assert.Equal("status", text);
        Assert.Equal("status", activity.Text);
    }
}
