using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Dialogs;

public sealed class WaterfallDialogTests(ITestOutputHelper output)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private DialogTestClient NewClient() =>
        DialogTestClient.For(new TripDialog(_time), output: output, time: _time, children: [new EchoDialog()]);

    [Fact]
    public async Task Trip_HappyPath_CompletesWithTypedState()
    {
        var client = NewClient();

        Assert.Equal("What is your name?", (await client.SendAsync("start")).Text);
        var colour = await client.SendAsync("Ana");
        Assert.Contains("Which colour?", Transcript.TextOf(colour));
        Assert.Contains("Red", Transcript.TextOf(colour));
        Assert.Equal("When?", (await client.SendAsync("azure")).Text);
        Assert.Equal("Say something.", (await client.SendAsync("today 09:30")).Text);
        Assert.Contains("Save Ana?", Transcript.TextOf(await client.SendAsync("hello")));
        var done = await client.SendAsync("yes");

        Assert.Equal("Saved.", done.Text);
        Assert.Equal(DialogStatus.Complete, client.Status);
        var state = client.Result.Deserialize(TripState.JsonTypeInfo)!;
        Assert.Equal("Ana", state.Name);
        Assert.Equal("blue", state.Colour);
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T08:30:00Z", System.Globalization.CultureInfo.InvariantCulture), state.When);
        Assert.Equal("HELLO", state.Nested);
    }

    [Fact]
    public async Task Trip_InvalidAnswer_IsAskedAgainThenAccepted()
    {
        var client = NewClient();
        await client.SendAsync("start");
        await client.SendAsync("Ana");

        var retry = await client.SendAsync("green");
        Assert.Contains("Please pick one of: Red, Blue.", Transcript.TextOf(retry));
        Assert.Equal(DialogStatus.Waiting, client.Status);

        Assert.Equal("When?", (await client.SendAsync("2")).Text);
        Assert.Equal("blue", (await client.StateAsync<TripState>())!.Colour);
    }

    [Fact]
    public async Task Trip_TooManyInvalidAnswers_EndsPolitelyAndKeepsNothing()
    {
        var client = NewClient();
        await client.SendAsync("start");
        await client.SendAsync("Ana");
        await client.SendAsync("green");
        await client.SendAsync("purple");

        var last = await client.SendAsync("orange");

        Assert.Equal(DialogStatus.Cancelled, client.Status);
        Assert.Contains("Nothing was saved", last.Text);
        Assert.Null(await client.StateAsync<TripState>());
    }

    [Fact]
    public async Task Trip_DateInTheFuture_IsRefusedByTheValidator()
    {
        var client = NewClient();
        await client.SendAsync("start");
        await client.SendAsync("Ana");
        await client.SendAsync("red");

        var retry = await client.SendAsync("tomorrow 10:00");

        Assert.StartsWith("That is in the future", retry.Text);
        Assert.Equal(DialogStatus.Waiting, client.Status);
    }

    [Fact]
    public async Task Trip_AfterRestart_ResumesAtTheSameStep()
    {
        var storage = new InMemoryStorage(_time);
        var transport = new RecordingTransport();
        var services = new ServiceCollection().BuildServiceProvider();
        DialogRunner NewRunner() => new(new DialogSet([new TripDialog(_time), new EchoDialog()]), storage, _time, Options.Create(new DialogOptions()));
        TurnContext Turn(string text) => new(ActivityBuilder.Message(text).Build(), transport, services);
        var ct = TestContext.Current.CancellationToken;

        await NewRunner().BeginAsync(Turn("start"), TripDialog.DialogId, null, ct);
        await NewRunner().ContinueAsync(Turn("Ana"), ct);
        var afterRestart = await NewRunner().ContinueAsync(Turn("red"), ct);

        Assert.Equal(DialogStatus.Waiting, afterRestart!.Status);
        Assert.Equal("When?", transport.Sent[^1].Text);
    }

    [Fact]
    public async Task Trip_TwoRacingMessages_OneWinsTheOtherIsToldToRetry()
    {
        var storage = new InMemoryStorage(_time);
        var transport = new RecordingTransport();
        var services = new ServiceCollection().BuildServiceProvider();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var gated = new TripDialog(_time, async ct => { entered.TrySetResult(); await release.Task.WaitAsync(ct); });
        var runner = new DialogRunner(new DialogSet([gated, new EchoDialog()]), storage, _time, Options.Create(new DialogOptions()));
        TurnContext Turn(string text) => new(ActivityBuilder.Message(text).Build(), transport, services);
        var ct = TestContext.Current.CancellationToken;
        await runner.BeginAsync(Turn("start"), TripDialog.DialogId, null, ct);
        await runner.ContinueAsync(Turn("Ana"), ct);
        await runner.ContinueAsync(Turn("red"), ct);

        var first = runner.ContinueAsync(Turn("today 09:00"), ct);
        await entered.Task.WaitAsync(ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => runner.ContinueAsync(Turn("today 09:05"), ct));
        release.SetResult();
        var outcome = await first;

        Assert.Equal(DialogStatus.Waiting, outcome!.Status);
        Assert.Equal("Say something.", transport.Sent[^1].Text);
        var stack = await runner.LoadAsync(Turn(""), ct);
        Assert.Equal(EchoDialog.DialogId, stack!.Top!.DialogId);
    }

    [Fact]
    public async Task Trip_StateIsStoredAsVersionedJson()
    {
        var client = NewClient();
        await client.SendAsync("start");
        await client.SendAsync("Ana");

        var item = await client.Storage.ReadAsync("dialog:a:personal-default:00000000-0000-0000-0000-0000000000u1", TestContext.Current.CancellationToken);

        Assert.NotNull(item);
        Assert.Contains("\"schemaVersion\":1", item.Json);
        Assert.Contains("\"name\":\"Ana\"", item.Json);
    }

    [Fact]
    public async Task Trip_ChannelDialog_BelongsToItsStarter()
    {
        var storage = new InMemoryStorage(_time);
        var transport = new RecordingTransport();
        var services = new ServiceCollection().BuildServiceProvider();
        var runner = new DialogRunner(new DialogSet([new TripDialog(_time), new EchoDialog()]), storage, _time, Options.Create(new DialogOptions()));
        TurnContext Turn(string text, string user) => new(ActivityBuilder.Message(text).From("29:" + user, user).InChannel("19:chan@thread.tacv2;messageid=1").Build(), transport, services);
        var ct = TestContext.Current.CancellationToken;
        await runner.BeginAsync(Turn("start", "alice"), TripDialog.DialogId, null, ct);

        var other = await runner.ContinueAsync(Turn("Bob", "bob"), ct);
        var own = await runner.ContinueAsync(Turn("Alice", "alice"), ct);

        Assert.Null(other);
        Assert.Equal(DialogStatus.Waiting, own!.Status);
        Assert.Equal("Alice", (await runner.LoadAsync(Turn("", "alice"), ct))!.Top!.State!["name"]!.GetValue<string>());
    }
}
