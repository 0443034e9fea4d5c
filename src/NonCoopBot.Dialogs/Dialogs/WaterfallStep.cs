using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>What a waterfall step can see and do.</summary>
public sealed class WaterfallStep<TState>
    where TState : class, IDialogState<TState>, new()
{
    private readonly WaterfallDialog<TState> _dialog;
    private readonly DialogFrame _frame;

    internal WaterfallStep(WaterfallDialog<TState> dialog, DialogContext context, DialogFrame frame)
    {
        _dialog = dialog;
        Context = context;
        _frame = frame;
    }

    public DialogContext Context { get; }

    public TurnContext Turn => Context.Turn;

    /// <summary>The step's index (0-based).</summary>
    public int Index => _frame.Step;

    /// <summary>The dialog's typed state. Assign a new record to change it; it is stored when the step returns.</summary>
    public TState State
    {
        get => _frame.State?.Deserialize(TState.JsonTypeInfo) ?? new TState();
        set => _frame.State = JsonSerializer.SerializeToNode(value, TState.JsonTypeInfo);
    }

    /// <summary>The previous prompt's answer (or a child dialog's result): a type of <see cref="DialogJsonContext"/> (text, yes/no, number, date, list of ids…).</summary>
    public T Result<T>() => Result(DialogJson.TypeInfo<T>());

    /// <summary>The previous step's result, read with <paramref name="typeInfo"/> (e.g. a child dialog's state record).</summary>
    public T Result<T>(JsonTypeInfo<T> typeInfo) =>
        _frame.Result is null ? throw new InvalidOperationException($"Step {Index} of '{_dialog.Id}' has no result to read.") : _frame.Result.Deserialize(typeInfo)!;

    /// <summary>True when the previous step produced a result.</summary>
    public bool HasResult => _frame.Result is not null;

    /// <summary>Asks a question and waits for the answer.</summary>
    public async Task<DialogTurn> PromptAsync(string promptId, PromptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = _dialog.FindPrompt(promptId);
        _frame.Prompt = new PendingPrompt { PromptId = promptId, Request = request };
        _frame.Result = null;
        await prompt.SendAsync(Turn, request, null, cancellationToken).ConfigureAwait(false);
        return DialogTurn.Waiting;
    }

    /// <summary>Asks a question with plain text.</summary>
    public Task<DialogTurn> PromptAsync(string promptId, string text, CancellationToken cancellationToken) =>
        PromptAsync(promptId, new PromptRequest { Text = text }, cancellationToken);

    /// <summary>Goes straight to the next step, with <paramref name="result"/> as its result.</summary>
    public Task<DialogTurn> NextAsync(object? result, CancellationToken cancellationToken)
    {
        _frame.Result = ToNode(result);
        _frame.Step++;
        return _dialog.RunStepAsync(Context, cancellationToken);
    }

    /// <summary>Starts a child dialog; when it ends, the next step runs with its result.</summary>
    public Task<DialogTurn> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken) =>
        Context.BeginDialogAsync(dialogId, ToNode(options), cancellationToken);

    /// <summary>Starts a child dialog with its state record as options; when it ends, the next step runs with its result.</summary>
    public Task<DialogTurn> BeginDialogAsync<TOptions>(string dialogId, TOptions? options, CancellationToken cancellationToken)
        where TOptions : class, IDialogState<TOptions> =>
        Context.BeginDialogAsync(dialogId, DialogJson.ToNode(options), cancellationToken);

    /// <summary>Ends this dialog (with an optional reply) and returns <paramref name="result"/> to the parent.</summary>
    public Task<DialogTurn> EndAsync(object? result, string? reply, CancellationToken cancellationToken) =>
        EndWithAsync(ToNode(result), reply, cancellationToken);

    /// <summary>Ends this dialog (with an optional reply) and returns a state record to the parent.</summary>
    public Task<DialogTurn> EndAsync<TResult>(TResult? result, string? reply, CancellationToken cancellationToken)
        where TResult : class, IDialogState<TResult> =>
        EndWithAsync(DialogJson.ToNode(result), reply, cancellationToken);

    private async Task<DialogTurn> EndWithAsync(JsonNode? result, string? reply, CancellationToken cancellationToken)
    {
        if (reply is not null)
        {
            await Turn.SendTextAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        return await Context.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A value as JSON: this dialog's state through its own metadata, anything else as <see cref="DialogJson.ToNode(object?)"/>.</summary>
    private static JsonNode? ToNode(object? value) => value is TState state ? DialogJson.ToNode(state) : DialogJson.ToNode(value);

    /// <summary>Ends every dialog (with an optional reply).</summary>
    public async Task<DialogTurn> CancelAsync(string? reply, CancellationToken cancellationToken)
    {
        if (reply is not null)
        {
            await Turn.SendTextAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        return Context.CancelAll();
    }
}
