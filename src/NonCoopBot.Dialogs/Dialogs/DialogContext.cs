using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>The dialog stack of the current user during one turn.</summary>
public sealed class DialogContext
{
    private readonly DialogSet _dialogs;

    public DialogContext(TurnContext turn, DialogStack stack, DialogSet dialogs)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(dialogs);
        Turn = turn;
        Stack = stack;
        _dialogs = dialogs;
    }

    public TurnContext Turn { get; }

    public DialogStack Stack { get; }

    /// <summary>The frame of the dialog now running.</summary>
    public DialogFrame ActiveFrame => Stack.Top ?? throw new InvalidOperationException("No dialog is active.");

    /// <summary>The status of the last change (what the turn reports).</summary>
    public DialogTurn Outcome { get; internal set; } = new(DialogStatus.Empty);

    /// <summary>Pushes a dialog and starts it.</summary>
    public async Task<DialogTurn> BeginDialogAsync(string dialogId, JsonNode? options, CancellationToken cancellationToken)
    {
        var dialog = _dialogs.Find(dialogId);
        Stack.Frames.Add(new DialogFrame { DialogId = dialog.Id });
        return Outcome = await dialog.BeginAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues the top dialog with this turn.</summary>
    public async Task<DialogTurn> ContinueDialogAsync(CancellationToken cancellationToken)
    {
        var frame = Stack.Top;
        if (frame is null)
        {
            return Outcome = new DialogTurn(DialogStatus.Empty);
        }

        return Outcome = await _dialogs.Find(frame.DialogId).ContinueAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pops the top dialog and resumes its parent with <paramref name="result"/>.</summary>
    public async Task<DialogTurn> EndDialogAsync(JsonNode? result, CancellationToken cancellationToken)
    {
        if (Stack.Frames.Count > 0)
        {
            Stack.Frames.RemoveAt(Stack.Frames.Count - 1);
        }

        var parent = Stack.Top;
        if (parent is null)
        {
            return Outcome = new DialogTurn(DialogStatus.Complete, result);
        }

        return Outcome = await _dialogs.Find(parent.DialogId).ResumeAsync(this, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Empties the stack.</summary>
    public DialogTurn CancelAll()
    {
        Stack.Frames.Clear();
        return Outcome = new DialogTurn(DialogStatus.Cancelled);
    }
}

/// <summary>The dialogs the bot knows, by id.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        foreach (var dialog in dialogs)
        {
            if (!_dialogs.TryAdd(dialog.Id, dialog))
            {
                throw new InvalidOperationException($"Two dialogs share the id '{dialog.Id}'; dialog ids must be unique.");
            }
        }
    }

    public Dialog Find(string id) =>
        _dialogs.TryGetValue(id, out var dialog)
            ? dialog
            : throw new InvalidOperationException($"No dialog with id '{id}' is registered. Register it with AddDialog<T>() at start-up.");

    public bool Contains(string id) => _dialogs.ContainsKey(id);
}
