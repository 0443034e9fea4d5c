using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Tests.Schema;

public sealed class TeamsPayloadTests
{
    private const string Tenant = "7e1c4f3a-2b9d-4e8f-a1c6-0000000a7e11";
    private const string Team = "19:anonymisedTeamId0123456789@thread.tacv2";
    private const string BotId = "28:0b0e5c2a-7d4f-4c1e-9a55-00000000b07a";

    private static string Load(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    private static Activity Parse(string name) =>
        JsonSerializer.Deserialize(Load(name), ProtocolJsonContext.Default.Activity)
        ?? throw new InvalidOperationException(name);

    [Theory]
    [InlineData("personal-message.json")]
    [InlineData("channel-message-mention.json")]
    [InlineData("conversation-update-bot-added-to-team.json")]
    [InlineData("installation-update-add.json")]
    [InlineData("invoke-adaptive-card-action.json")]
    public void Payload_RoundTrips_KeepingUnknownFields(string name)
    {
        var original = JsonNode.Parse(Load(name));

        var activity = Parse(name);
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity));

        Assert.True(JsonNode.DeepEquals(original, written), written?.ToJsonString());
    }

    [Fact]
    public void TeamsChannelData_IsReadOncePerChannelDataObject()
    {
        var activity = Parse("personal-message.json");

        Assert.Same(activity.TeamsChannelData, activity.TeamsChannelData);
        Assert.Equal(Tenant, activity.TenantId);
    }

    [Fact]
    public void TeamsChannelData_FollowsANewChannelDataObject()
    {
        var activity = Parse("personal-message.json");
        var before = activity.TeamsChannelData;

        activity.ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "another-tenant" } };

        Assert.NotSame(before, activity.TeamsChannelData);
        Assert.Equal("another-tenant", activity.TenantId);

        activity.ChannelData = null;

        Assert.Null(activity.TeamsChannelData);
        Assert.Equal(activity.Conversation?.TenantId, activity.TenantId);
    }

    [Fact]
    public void TeamsChannelData_Malformed_ThrowsEveryTime()
    {
        var activity = Parse("personal-message.json");
        activity.ChannelData = new JsonObject { ["tenant"] = 42 };

        Assert.Throws<JsonException>(() => activity.TeamsChannelData);
        Assert.Throws<JsonException>(() => activity.TeamsChannelData);
    }

    [Fact]
    public void PersonalMessage_ReadsTenantSenderAndConversation()
    {
        var activity = Parse("personal-message.json");

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("help", activity.Text);
        Assert.Equal(Channels.MsTeams, activity.ChannelId);
        Assert.Equal(ConversationTypes.Personal, activity.Conversation!.ConversationType);
        Assert.Equal(Tenant, activity.TenantId);
        Assert.Equal("11111111-2222-3333-4444-555555555555", activity.From!.AadObjectId);
        Assert.Equal(DateTimeOffset.Parse("2026-09-01T08:00:01.2345678Z", System.Globalization.CultureInfo.InvariantCulture), activity.Timestamp);
        Assert.Null(activity.TeamsChannelData!.Team);
        var reference = ConversationReference.FromActivity(activity);
        Assert.Equal(("a:1xYzPersonalConversationAnonymised0123456789", BotId), (reference.ConversationId, reference.BotId));
    }

    [Fact]
    public void ChannelMessage_ReadsTeamChannelAndMention()
    {
        var activity = Parse("channel-message-mention.json");

        var channelData = activity.TeamsChannelData!;
        Assert.Equal(Team, channelData.Team!.Id);
        Assert.Equal("19:anonymisedChannelId0123456789@thread.tacv2", channelData.Channel!.Id);
        Assert.Equal(Tenant, channelData.Tenant!.Id);
        Assert.Equal(ConversationTypes.Channel, activity.Conversation!.ConversationType);
        var mention = Assert.Single(activity.Entities!, e => e.Type == "mention");
        Assert.Equal(activity.Recipient!.Id, mention.Mentioned!.Id);
        Assert.Equal("<at>NonCoopBot</at>", mention.Text);
        Assert.Equal("emergency meeting", MentionText.RemoveBotMention(activity));
    }

    [Fact]
    public void ConversationUpdate_BotAddedToTeam()
    {
        var activity = Parse("conversation-update-bot-added-to-team.json");

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(BotId, Assert.Single(activity.MembersAdded!).Id);
        Assert.Equal(activity.Recipient!.Id, activity.MembersAdded![0].Id);
        Assert.Equal("teamMemberAdded", activity.TeamsChannelData!.EventType);
        Assert.Equal(("Bureau", "99999999-8888-7777-6666-555555555555"), (activity.TeamsChannelData.Team!.Name, activity.TeamsChannelData.Team.AadGroupId));
        Assert.Equal(Tenant, activity.TenantId);
    }

    [Fact]
    public void InstallationUpdate_Add()
    {
        var activity = Parse("installation-update-add.json");

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal("add", activity.Action);
        Assert.Equal(Team, activity.TeamsChannelData!.Team!.Id);
    }

    [Fact]
    public void Invoke_AdaptiveCardAction_ReadsVerbAndData()
    {
        var activity = Parse("invoke-adaptive-card-action.json");

        Assert.Equal(ActivityTypes.Invoke, activity.Type);
        Assert.Equal(InvokeNames.AdaptiveCardAction, activity.Name);
        var action = activity.Value!["action"]!;
        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal("noncoop.meeting.poll.respond", action["verb"]!.GetValue<string>());
        Assert.Equal("req-42", action["data"]!["requestId"]!.GetValue<string>());
        Assert.Equal("manual", activity.Value["trigger"]!.GetValue<string>());
        var typed = activity.GetValue(CardValueJsonContext.Default.CardActionValue)!;
        Assert.Equal(("noncoop.meeting.poll.respond", "yes"), (typed.Action.Verb, typed.Action.Data.Available));
        Assert.Equal("1788249601999", activity.ReplyToId);
    }

    [Fact]
    public void GetValue_without_a_value_is_default()
    {
        Assert.Null(new Activity().GetValue(CardValueJsonContext.Default.CardActionValue));
    }

    internal sealed record CardActionValue(CardAction Action, string Trigger);
    internal sealed record CardAction(string Type, string Id, string Verb, PollData Data);
    internal sealed record PollData(string RequestId, string Slot, string Available);
}

/// <summary>A caller's own metadata for its card values (web defaults: camelCase, any casing read).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TeamsPayloadTests.CardActionValue))]
internal sealed partial class CardValueJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
