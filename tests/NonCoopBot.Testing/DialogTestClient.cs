using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;
using Xunit;

namespace NonCoopBot.Testing;

/// <summary>
/// Drives one dialog a turn at a time (the Bot Framework DialogTestClient idea, with explicit awaits).
/// The stack is stored as JSON in an in-memory store between turns, so a state type that does not
/// round-trip fails here. Every exchange is written to the test output as a transcript.
/// </summary>
public sealed class DialogTestClient
{
    private readonly string _dialogId;
    private readonly object? _initialOptions;
    private readonly ITestOutputHelper? _output;
    private readonly RecordingTransport _transport = new();
    private readonly IServiceProvider _services;
    private readonly Func<ActivityBuilder, ActivityBuilder> _shape;
    private bool _started;

    private DialogTestClient(IEnumerable<Dialog> dialogs, string dialogId, object? initialOptions, ITestOutputHelper? output, TimeProvider time, Func<ActivityBuilder, ActivityBuilder>? shape)
    {
        _dialogId = dialogId;
        _initialOptions = initialOptions;
        _output = output;
        _shape = shape ?? (b => b);
        Storage = new InMemoryStorage(time);
        Runner = new DialogRunner(new DialogSet(dialogs), Storage, time, Options.Create(new DialogOptions()));
        _services = new ServiceCollection().BuildServiceProvider();
    }

    /// <summary>A client around <paramref name="dialog"/> (and any child dialogs it starts).</summary>
    public static DialogTestClient For(Dialog dialog, object? initialOptions = null, ITestOutputHelper? output = null, TimeProvider? time = null, IEnumerable<Dialog>? children = null, Func<ActivityBuilder, ActivityBuilder>? shape = null)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return new DialogTestClient([dialog, .. children ?? []], dialog.Id, initialOptions, output, time ?? new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), shape);
    }

    public IStorage Storage { get; }

    public DialogRunner Runner { get; }

    /// <summary>Everything the bot sent so far.</summary>
    public IReadOnlyList<Activity> Replies => _transport.Sent;

    /// <summary>Where the dialog stands after the last turn.</summary>
    public DialogStatus Status { get; private set; } = DialogStatus.Empty;

    /// <summary>The dialog's result once complete.</summary>
    public JsonNode? Result { get; private set; }

    /// <summary>
    /// Sends one message and runs the turn to completion; returns the first reply of the turn. The first
    /// call starts the dialog. Throws if the bot sent nothing while the dialog is still waiting.
    /// </summary>
    public async Task<Activity> SendAsync(string text)
    {
        var replies = await SendAllAsync(text).ConfigureAwait(false);
        return replies.Count > 0 ? replies[0] : throw new InvalidOperationException($"The bot sent nothing in reply to \"{text}\" (status {Status}).");
    }

    /// <summary>Sends one message and returns every reply of the turn (possibly none, when the dialog ended silently).</summary>
    public async Task<IReadOnlyList<Activity>> SendAllAsync(string text)
    {
        var before = _transport.Sent.Count;
        _output?.WriteLine($"User: {text}");
        var turn = new TurnContext(_shape(ActivityBuilder.Message(text)).Build(), _transport, _services);
        DialogTurn outcome;
        if (!_started)
        {
            _started = true;
            outcome = await Runner.BeginAsync(turn, _dialogId, _initialOptions, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = await Runner.ContinueAsync(turn, TestContext.Current.CancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The dialog is no longer active; nothing took this message.");
        }

        Status = outcome.Status;
        Result = outcome.Result;
        var replies = _transport.Sent.Skip(before).ToList();
        foreach (var reply in replies)
        {
            _output?.WriteLine($"Bot:  {Transcript.TextOf(reply)}");
        }

        _output?.WriteLine($"      ({Status})");
        if (replies.Count == 0 && Status == DialogStatus.Waiting)
        {
            throw new InvalidOperationException($"The dialog is waiting but sent nothing in reply to \"{text}\".");
        }

        return replies;
    }

    /// <summary>The typed state of the dialog now on top of the stack (read from the stored JSON).</summary>
    public async Task<TState?> StateAsync<TState>()
        where TState : class, IDialogState<TState>
    {
        var turn = new TurnContext(_shape(ActivityBuilder.Message(string.Empty)).Build(), _transport, _services);
        var stack = await Runner.LoadAsync(turn, TestContext.Current.CancellationToken).ConfigureAwait(false);
        var state = stack?.Top?.State;
        return state is null ? default : state.Deserialize(TState.JsonTypeInfo);
    }
}
