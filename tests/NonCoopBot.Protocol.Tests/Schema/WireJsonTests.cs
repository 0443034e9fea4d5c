using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Tests.Schema;

/// <summary>
/// The bytes the connector client sends to Teams (<see cref="ProtocolJsonContext"/>), pinned: names, casing, nulls left out,
/// timestamps as Teams writes them, JSON nodes and unknown fields as given.
/// </summary>
public sealed class WireJsonTests
{
    private static string Wire<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    internal static Activity FullReply() => new()
    {
        Type = ActivityTypes.Message,
        Id = "1:abc",
        Timestamp = new DateTimeOffset(2026, 9, 1, 8, 0, 0, 120, TimeSpan.Zero),
        LocalTimestamp = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(2)),
        LocalTimezone = "Europe/Paris",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "28:bot", Name = "NonCoopBot" },
        Conversation = new ConversationAccount { Id = "a:conv", ConversationType = "personal", TenantId = "t-1", IsGroup = false },
        Recipient = new ChannelAccount { Id = "29:user", Name = "Ké <b> & \"q\"", AadObjectId = "aad-1", Role = "user" },
        TextFormat = "xml",
        Text = "<at>Ké</at> hello & 'bye'",
        Summary = "summary",
        Locale = "fr-FR",
        InputHint = "acceptingInput",
        AttachmentLayout = "list",
        Attachments = [Attachment.AdaptiveCard(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "é <x>" }) })],
        Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "29:user", Name = "Ké" }, Text = "<at>Ké</at>" }],
        ChannelData = new JsonObject { ["notification"] = new JsonObject { ["alert"] = true } },
        ReplyToId = "1:prev",
        Name = null,
        Value = null,
    };

    // Written by the code before this change; do not regenerate.
    private const string ReplyJson =
        """
        {"type":"message","id":"1:abc","timestamp":"2026-09-01T08:00:00.12Z","localTimestamp":"2026-09-01T10:00:00\u002B02:00","localTimezone":"Europe/Paris","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams","from":{"id":"28:bot","name":"NonCoopBot"},"conversation":{"id":"a:conv","conversationType":"personal","tenantId":"t-1","isGroup":false},"recipient":{"id":"29:user","name":"K\u00E9 \u003Cb\u003E \u0026 \u0022q\u0022","aadObjectId":"aad-1","role":"user"},"textFormat":"xml","text":"\u003Cat\u003EK\u00E9\u003C/at\u003E hello \u0026 \u0027bye\u0027","summary":"summary","locale":"fr-FR","inputHint":"acceptingInput","attachmentLayout":"list","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"\u00E9 \u003Cx\u003E"}]}}],"entities":[{"type":"mention","mentioned":{"id":"29:user","name":"K\u00E9"},"text":"\u003Cat\u003EK\u00E9\u003C/at\u003E"}],"channelData":{"notification":{"alert":true}},"replyToId":"1:prev"}
        """;

    private const string ConversationParametersJson =
        """
        {"bot":{"id":"28:bot"},"isGroup":false,"tenantId":"t-1","members":[{"id":"29:user"}],"channelData":{"tenant":{"id":"t-1"}}}
        """;

    [Fact]
    public void An_outgoing_activity_is_sent_as_the_pinned_bytes()
    {
        Assert.Equal(ReplyJson, Wire(FullReply(), ProtocolJsonContext.Default.Activity));
    }

    [Fact]
    public void The_pinned_activity_reads_back_and_writes_the_same_bytes()
    {
        var activity = JsonSerializer.Deserialize(ReplyJson, ProtocolJsonContext.Default.Activity)!;

        Assert.Equal(ReplyJson, Wire(activity, ProtocolJsonContext.Default.Activity));
    }

    [Fact]
    public void Conversation_parameters_are_sent_as_the_pinned_bytes()
    {
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:bot" },
            IsGroup = false,
            TenantId = "t-1",
            Members = [new ChannelAccount { Id = "29:user" }],
            ChannelData = JsonDocument.Parse("""{ "tenant": { "id": "t-1" } }""").RootElement.Clone(),
        };

        Assert.Equal(ConversationParametersJson, Wire(parameters, ProtocolJsonContext.Default.ConversationParameters));
    }
}
