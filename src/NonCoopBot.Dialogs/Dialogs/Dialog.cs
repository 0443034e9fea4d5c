using System.Text.Json.Nodes;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>A conversation flow that can span several turns. Its progress lives in a <see cref="DialogFrame"/>.</summary>
public abstract class Dialog
{
    protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }

    /// <summary>Starts the dialog in a fresh frame (already on the stack).</summary>
    public abstract Task<DialogTurn> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken);

    /// <summary>Continues with the user's new activity.</summary>
    public abstract Task<DialogTurn> ContinueAsync(DialogContext dc, CancellationToken cancellationToken);

    /// <summary>Resumes after a child dialog ended with <paramref name="result"/>.</summary>
    public abstract Task<DialogTurn> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken);
}
