using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Dialogs;

/// <summary>
/// The JSON the dialog engine stores (dialog stacks, typed state, prompt answers, block marks) pinned to the exact
/// text written by the reflection-based serializer before the engine moved to source generation: stored stacks
/// of running dialogs must still be read, and new ones written byte for byte as before.
/// </summary>
public sealed class DialogJsonPinTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-29T10:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>A stack written by the reflection-based code in the middle of TripDialog: a child dialog waiting on its prompt.</summary>
    internal const string StoredTripStack =
        """
        {"schemaVersion":1,"frames":[{"dialogId":"TripDialog","step":3,"state":{"name":"Ana","colour":"blue","when":"2026-11-29T08:30:00\u002B00:00"},"result":"2026-11-29T08:30:00\u002B00:00"},{"dialogId":"EchoDialog","step":0,"state":{},"prompt":{"promptId":"echo","attempts":0,"request":{"text":"Say something."}}}]}
        """;

    internal const string FullStackJson =
        """
        {"schemaVersion":1,"frames":[{"dialogId":"TripDialog","step":3,"state":{"name":"Ana","colour":"blue","when":"2026-11-29T08:30:00\u002B00:00"},"result":"r\u00E9sum\u00E9 \u0022quoted\u0022 \u003Cb\u003E"},{"dialogId":"EchoDialog","step":1,"state":{},"prompt":{"promptId":"confirm","attempts":2,"request":{"text":"Which one?","retryText":"Again: which one?","choices":[{"value":"red","title":"Red","description":"warm"},{"value":"blue","title":"Blue","synonyms":["azure","sky"]},{"value":"green","title":"Green"}],"timeZone":"Europe/Paris","card":{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Sure?"}]},"actionToken":"d1"}}}],"leaseUntil":"2026-11-29T10:00:30+00:00"}
        """;

    private static DialogStack FullStack() => new()
    {
        LeaseUntil = Start.AddSeconds(30),
        Frames =
        [
            new DialogFrame
            {
                DialogId = TripDialog.DialogId,
                Step = 3,
                State = JsonNode.Parse("""{"name":"Ana","colour":"blue","when":"2026-11-29T08:30:00+00:00"}"""),
                Result = JsonValue.Create("résumé \"quoted\" <b>"),
            },
            new DialogFrame
            {
                DialogId = EchoDialog.DialogId,
                Step = 1,
                State = new JsonObject(),
                Prompt = new PendingPrompt
                {
                    PromptId = "confirm",
                    Attempts = 2,
                    Request = new PromptRequest
                    {
                        Text = "Which one?",
                        RetryText = "Again: which one?",
                        Choices = [new("red", "Red", "warm"), new("blue", "Blue", null, ["azure", "sky"]), new("green", "Green")],
                        TimeZone = "Europe/Paris",
                        Card = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Sure?"}]}"""),
                        ActionToken = "d1",
                    },
                },
            },
        ],
    };

    private static (DialogRunner Runner, InMemoryStorage Storage, RecordingTransport Transport, Func<string, TurnContext> Turn) TripRunner()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(time);
        var transport = new RecordingTransport();
        var services = new ServiceCollection().BuildServiceProvider();
        var runner = new DialogRunner(new DialogSet([new TripDialog(time), new EchoDialog()]), storage, time, Options.Create(new DialogOptions()));
        return (runner, storage, transport, text => new TurnContext(ActivityBuilder.Message(text).Build(), transport, services));
    }

    [Fact]
    public void FullyPopulatedStack_IsWrittenAsBefore()
    {
        Assert.Equal(FullStackJson, FullStack().ToJson());
    }

    [Fact]
    public void StackWrittenBefore_ReadsBackToTheSameJson()
    {
        var stack = DialogStack.FromJson(FullStackJson);

        Assert.Equal(2, stack.Frames.Count);
        Assert.Equal(["azure", "sky"], stack.Frames[1].Prompt!.Request.Choices![1].Synonyms!);
        Assert.Equal(Start.AddSeconds(30), stack.LeaseUntil);
        Assert.Equal(FullStackJson, stack.ToJson());
    }

    [Fact]
    public async Task StackStoredBefore_ContinuesToTheEnd()
    {
        var (runner, storage, transport, Turn) = TripRunner();
        var ct = TestContext.Current.CancellationToken;
        await storage.WriteAsync(DialogRunner.KeyOf(Turn("x")), StoredTripStack, null, Start.AddDays(1), ct);

        await runner.ContinueAsync(Turn("hello"), ct);
        Assert.Equal("[card] Save Ana? | Yes | No", Transcript.TextOf(transport.Sent[^1]));
        var done = await runner.ContinueAsync(Turn("yes"), ct);

        Assert.Equal(DialogStatus.Complete, done!.Status);
        Assert.Equal("Saved.", transport.Sent[^1].Text);
        Assert.Equal("""{"name":"Ana","colour":"blue","when":"2026-11-29T08:30:00\u002B00:00","nested":"HELLO"}""", done.Result!.ToJsonString());
    }

    [Fact]
    public async Task StackOfARunningDialog_IsStoredAsBefore()
    {
        var (runner, storage, transport, Turn) = TripRunner();
        var ct = TestContext.Current.CancellationToken;

        await runner.BeginAsync(Turn("start"), TripDialog.DialogId, null, ct);
        foreach (var answer in new[] { "Ana", "azure", "today 09:30" })
        {
            await runner.ContinueAsync(Turn(answer), ct);
        }

        var stored = await storage.ReadAsync(DialogRunner.KeyOf(Turn("x")), ct);
        Assert.Equal(StoredTripStack, stored!.Json);
    }

    [Theory]
    [InlineData("text", "  Ana Lopez  ", "\"Ana Lopez\"")]
    [InlineData("choice", "azure", "\"blue\"")]
    [InlineData("confirm", "yes", "true")]
    [InlineData("confirm", "no", "false")]
    [InlineData("when", "28/11/2026 14:30", "\"2026-11-28T13:30:00\\u002B00:00\"")]
    [InlineData("when", "now", "\"2026-11-29T10:00:00\\u002B00:00\"")]
    public void PromptAnswers_AreStoredAsBefore(string kind, string text, string json)
    {
        var time = new FakeTimeProvider(Start);
        Prompt prompt = kind switch
        {
            "text" => new TextPrompt("p"),
            "choice" => new ChoicePrompt("p"),
            "confirm" => new ConfirmPrompt("p"),
            _ => new DateTimePrompt("p", time),
        };
        var request = new PromptRequest { Text = "?", Choices = [new("red", "Red"), new("blue", "Blue", null, ["azure"])], TimeZone = "Europe/Paris" };
        var turn = new TurnContext(ActivityBuilder.Message(text).Build(), new RecordingTransport(), new ServiceCollection().BuildServiceProvider());

        var recognized = prompt.Recognize(turn, request);

        Assert.True(recognized.Succeeded);
        Assert.Equal(json, recognized.Value!.ToJsonString());
    }

    [Fact]
    public async Task BlockMark_IsStoredAsBefore_AndReadBack()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(time);
        var store = new StorageConversationReferenceStore(storage, time);
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 11, 29, 9, 15, 30, 123, TimeSpan.Zero);

        await store.MarkBlockedAsync("user-1", at, ct);

        Assert.Equal("\"2026-11-29T09:15:30.123+00:00\"", (await storage.ReadAsync("blocked:user-1", ct))!.Json);
        await storage.WriteAsync("blocked:user-2", "\"2026-11-28T07:00:00+02:00\"", StoreItem.AnyVersion, Start.AddDays(1), ct);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.FromHours(2)), await store.GetBlockedAtAsync("user-2", ct));
    }

    [Fact]
    public void TextCatalogueJson_IsWrittenAsBefore()
    {
        var json = TextCatalogue.Library.ToJson(TextCatalogue.Languages[1]);

        Assert.Equal("BE709E039C251F16727F778270BCEA77CAAA5E2748F3D38F96FA95A607A0FB96", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))));
        Assert.StartsWith("{\"", json, StringComparison.Ordinal);
        Assert.Contains("\\u00E9", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ADialog_WhoseStateMetadataHasOtherSettings_IsRefusedWhenMade()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new PlainSettingsDialog());

        Assert.Contains(nameof(PlainSettingsState), refused.Message, StringComparison.Ordinal);
        Assert.Equal("""{"name":"Ana"}""", DialogJson.ToNode(new TripState { Name = "Ana" })!.ToJsonString());
    }

    [Fact]
    public void APrompt_WhoseAnswerTypeHasNoMetadata_IsRefusedWhenMade()
    {
        Assert.Throws<NotSupportedException>(() => new UriPrompt());
    }

    [Fact]
    public async Task ChoiceCard_IsSentAsBefore()
    {
        var transport = new RecordingTransport();
        var turn = new TurnContext(ActivityBuilder.Message("x").Build(), transport, new ServiceCollection().BuildServiceProvider());
        var request = new PromptRequest { Text = "Which one?", Choices = [new("red", "Red", "warm <b>"), new("blue", "Blue"), new("green", "Grün", "cool")] };

        await ChoiceCard.SendAsync(turn, request, "Not one of them.", TestContext.Current.CancellationToken);

        Assert.Equal(ChoiceCardJson, transport.Sent[0].Attachments![0].Content!.ToJsonString());
    }

    internal const string ChoiceCardJson =
        """
        {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5","body":[{"type":"TextBlock","text":"Not one of them.","wrap":true,"color":"Attention"},{"type":"TextBlock","text":"Which one?","wrap":true,"weight":"Bolder"},{"type":"TextBlock","text":"1. **Red**: warm \u003Cb\u003E\n\n3. **Gr\u00FCn**: cool","wrap":true,"size":"Small","spacing":"Small"},{"type":"ActionSet","actions":[{"type":"Action.Submit","title":"Red","data":{"msteams":{"type":"imBack","value":"Red"}}},{"type":"Action.Submit","title":"Blue","data":{"msteams":{"type":"imBack","value":"Blue"}}},{"type":"Action.Submit","title":"Gr\u00FCn","data":{"msteams":{"type":"imBack","value":"Gr\u00FCn"}}}]}]}
        """;
}
