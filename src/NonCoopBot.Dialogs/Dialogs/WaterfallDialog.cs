using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>One waterfall step.</summary>
public delegate Task<DialogTurn> WaterfallStepHandler<TState>(WaterfallStep<TState> step, CancellationToken cancellationToken)
    where TState : class, IDialogState<TState>, new();

/// <summary>
/// A dialog made of steps run in order, with a typed state record that is stored as JSON between turns.
/// A step asks with <see cref="WaterfallStep{TState}.PromptAsync"/>; the answer, once valid, is the next
/// step's <see cref="WaterfallStep{TState}.Result{T}"/>. An invalid answer is asked again, up to the
/// prompt's attempt limit, after which the dialog ends politely and nothing is kept. The state type names its own
/// source-generated JSON metadata (<see cref="IDialogState{TSelf}"/>): a state without it does not compile.
/// </summary>
public abstract class WaterfallDialog<TState> : Dialog
    where TState : class, IDialogState<TState>, new()
{
    private readonly List<WaterfallStepHandler<TState>> _steps = [];
    private readonly Dictionary<string, Prompt> _prompts = new(StringComparer.Ordinal);

    protected WaterfallDialog(string id)
        : base(id) => DialogJson.EnsureSameSettings(TState.JsonTypeInfo);

    /// <summary>A fixed sentence sent when a user gives too many invalid answers (English only; prefer <see cref="TooManyAttemptsText"/>).</summary>
    protected virtual string? TooManyAttemptsMessage => null;

    /// <summary>The sentence sent when a user gives too many invalid answers, in the turn's language (catalogue <c>dialog.tooManyAttempts</c>).</summary>
    protected virtual string TooManyAttemptsText(TurnContext turn) => TooManyAttemptsMessage ?? turn.T("dialog.tooManyAttempts");

    protected void AddPrompt(Prompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!_prompts.TryAdd(prompt.Id, prompt))
        {
            throw new InvalidOperationException($"Dialog '{Id}' already has a prompt '{prompt.Id}'.");
        }
    }

    protected void Steps(params WaterfallStepHandler<TState>[] steps) => _steps.AddRange(steps);

    internal Prompt FindPrompt(string id) =>
        _prompts.TryGetValue(id, out var prompt) ? prompt : throw new InvalidOperationException($"Dialog '{Id}' has no prompt '{id}'.");

    public override Task<DialogTurn> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var frame = dc.ActiveFrame;
        var state = options is null ? new TState() : options.Deserialize(TState.JsonTypeInfo) ?? new TState();
        frame.State = JsonSerializer.SerializeToNode(state, TState.JsonTypeInfo);
        frame.Step = 0;
        return RunStepAsync(dc, cancellationToken);
    }

    public override async Task<DialogTurn> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var frame = dc.ActiveFrame;
        if (frame.Prompt is not { } pending)
        {
            return DialogTurn.Waiting;
        }

        var prompt = FindPrompt(pending.PromptId);
        var recognized = prompt.Recognize(dc.Turn, pending.Request);
        if (!recognized.Succeeded)
        {
            pending.Attempts++;
            if (pending.Attempts >= prompt.MaxAttempts)
            {
                await dc.Turn.SendTextAsync(TooManyAttemptsText(dc.Turn), cancellationToken).ConfigureAwait(false);
                return dc.CancelAll();
            }

            await prompt.SendAsync(dc.Turn, pending.Request, recognized.Error, cancellationToken).ConfigureAwait(false);
            return DialogTurn.Waiting;
        }

        frame.Prompt = null;
        frame.Result = recognized.Value;
        frame.Step++;
        return await RunStepAsync(dc, cancellationToken).ConfigureAwait(false);
    }

    public override Task<DialogTurn> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var frame = dc.ActiveFrame;
        frame.Result = result;
        frame.Step++;
        return RunStepAsync(dc, cancellationToken);
    }

    internal async Task<DialogTurn> RunStepAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var frame = dc.ActiveFrame;
        if (frame.Step >= _steps.Count)
        {
            return await dc.EndDialogAsync(frame.Result, cancellationToken).ConfigureAwait(false);
        }

        var step = new WaterfallStep<TState>(this, dc, frame);
        var turn = await _steps[frame.Step](step, cancellationToken).ConfigureAwait(false);
        return turn;
    }
}
