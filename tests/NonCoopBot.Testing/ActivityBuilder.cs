using System.Text.Json.Nodes;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Testing;

/// <summary>Builds Teams-shaped activities for tests.</summary>
public sealed class ActivityBuilder
{
    /// <summary>A public-cloud Teams serviceUrl (on the default Bot:TrustedServiceUrlHosts); in-process tests never call it.</summary>
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string BotId = "28:00000000-0000-0000-0000-0000000000b0";
    /// <summary>The tenant of every built activity: the bot's own tenant (<see cref="TestTokens.TenantId"/>).</summary>
    public const string TenantId = TestTokens.TenantId;

    private readonly Activity _activity;
    private static int _sequence;

    private ActivityBuilder(string type)
    {
        var n = Interlocked.Increment(ref _sequence);
        _activity = new Activity
        {
            Type = type,
            Id = $"act-{n}",
            Timestamp = DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ChannelId = Channels.MsTeams,
            ServiceUrl = DefaultServiceUrl,
            From = new ChannelAccount { Id = "29:user-default", Name = "Test User", AadObjectId = "00000000-0000-0000-0000-0000000000u1" },
            Recipient = new ChannelAccount { Id = BotId, Name = "NonCoopBot" },
            Conversation = new ConversationAccount { Id = "a:personal-default", ConversationType = ConversationTypes.Personal, TenantId = TenantId },
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            Locale = "en-GB",
        };
    }

    public static ActivityBuilder Message(string text)
    {
        var builder = new ActivityBuilder(ActivityTypes.Message);
        builder._activity.Text = text;
        builder._activity.TextFormat = "plain";
        return builder;
    }

    /// <summary>An Action.Execute invoke with a verb and data.</summary>
    public static ActivityBuilder CardAction(string verb, JsonObject? data = null)
    {
        var builder = new ActivityBuilder(ActivityTypes.Invoke);
        builder._activity.Name = InvokeNames.AdaptiveCardAction;
        builder._activity.Value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "action-1", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return builder;
    }

    /// <summary>An Action.Submit as Teams delivers it: a message with value = data (verb inside).</summary>
    public static ActivityBuilder CardSubmit(string verb, JsonObject? data = null)
    {
        var builder = new ActivityBuilder(ActivityTypes.Message);
        var value = data?.DeepClone().AsObject() ?? new JsonObject();
        value["verb"] = verb;
        builder._activity.Value = value;
        builder._activity.ReplyToId = "card-msg-1";
        return builder;
    }

    public static ActivityBuilder Of(string type) => new(type);

    public ActivityBuilder WithId(string id)
    {
        _activity.Id = id;
        return this;
    }

    public ActivityBuilder From(string id, string? aadObjectId, string? name = null)
    {
        _activity.From = new ChannelAccount { Id = id, AadObjectId = aadObjectId, Name = name ?? "Member" };
        return this;
    }

    public ActivityBuilder InPersonalChat(string conversationId)
    {
        _activity.Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Personal, TenantId = TenantId };
        return this;
    }

    /// <summary>A team channel conversation, with the bot @mentioned at the start of the text.</summary>
    public ActivityBuilder InChannel(string conversationId, string teamId = "19:team@thread.tacv2", bool mentionBot = true)
    {
        _activity.Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Channel, TenantId = TenantId, IsGroup = true };
        _activity.ChannelData = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = TenantId },
            ["team"] = new JsonObject { ["id"] = teamId },
            ["channel"] = new JsonObject { ["id"] = conversationId.Split(';')[0] },
        };
        if (mentionBot && _activity.Type == ActivityTypes.Message && _activity.Text is not null)
        {
            const string mention = "<at>NonCoopBot</at>";
            _activity.Text = mention + " " + _activity.Text;
            _activity.Entities = [new Entity { Type = "mention", Text = mention, Mentioned = new ChannelAccount { Id = BotId, Name = "NonCoopBot" } }];
        }

        return this;
    }

    public ActivityBuilder WithServiceUrl(string serviceUrl)
    {
        _activity.ServiceUrl = serviceUrl;
        return this;
    }

    public ActivityBuilder With(Action<Activity> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change(_activity);
        return this;
    }

    public Activity Build() => _activity;
}
