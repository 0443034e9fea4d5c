using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>Where a dialog stands after a turn.</summary>
public enum DialogStatus
{
    /// <summary>No dialog ran.</summary>
    Empty,

    /// <summary>The dialog asked something and waits for the user's answer.</summary>
    Waiting,

    /// <summary>The dialog finished.</summary>
    Complete,

    /// <summary>The dialog was cancelled (by the user, or after too many invalid answers).</summary>
    Cancelled,
}

/// <summary>The result of running a dialog for one turn.</summary>
public sealed record DialogTurn(DialogStatus Status, JsonNode? Result = null)
{
    public static DialogTurn Waiting { get; } = new(DialogStatus.Waiting);
}

/// <summary>
/// The persisted dialog stack of one user in one conversation. Stored as JSON with a schema version;
/// each frame holds a dialog id, its step, its typed state (as JSON) and the pending prompt.
/// </summary>
public sealed class DialogStack
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public List<DialogFrame> Frames { get; set; } = [];

    /// <summary>While a turn is running this dialog, until when (so a racing turn is refused, and a crashed one does not block for long).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    [JsonIgnore]
    public DialogFrame? Top => Frames.Count == 0 ? null : Frames[^1];

    public string ToJson() => JsonSerializer.Serialize(this, DialogJson.Options);

    public static DialogStack FromJson(string json)
    {
        var stack = JsonSerializer.Deserialize<DialogStack>(json, DialogJson.Options) ?? new DialogStack();
        if (stack.SchemaVersion > CurrentSchemaVersion)
        {
            throw new InvalidOperationException($"Dialog state schema {stack.SchemaVersion} is newer than this build understands ({CurrentSchemaVersion}).");
        }

        return stack;
    }
}

/// <summary>One dialog on the stack.</summary>
public sealed class DialogFrame
{
    public required string DialogId { get; set; }

    public int Step { get; set; }

    public JsonNode? State { get; set; }

    /// <summary>The answer to the last prompt (or a child dialog's result), read by the next step.</summary>
    public JsonNode? Result { get; set; }

    public PendingPrompt? Prompt { get; set; }
}

/// <summary>The prompt a dialog is waiting on.</summary>
public sealed class PendingPrompt
{
    public required string PromptId { get; set; }

    public int Attempts { get; set; }

    public required PromptRequest Request { get; set; }
}

/// <summary>What a prompt asks, with its per-call options.</summary>
public sealed record PromptRequest
{
    public required string Text { get; init; }

    /// <summary>Said after an invalid answer, before the question again (the validator's reason comes first).</summary>
    public string? RetryText { get; init; }

    /// <summary>For choice prompts.</summary>
    public IReadOnlyList<Choice>? Choices { get; init; }

    /// <summary>For date/time prompts: the IANA time zone in which the user's answer is read.</summary>
    public string? TimeZone { get; init; }

    /// <summary>An Adaptive Card sent as the question instead of <see cref="Text"/> (e.g. a summary with Confirm/Cancel buttons).</summary>
    public System.Text.Json.Nodes.JsonNode? Card { get; init; }

    /// <summary>
    /// For a card's buttons: the id of what the card was shown for (e.g. a draft). A card action is taken
    /// as the answer only when its data carries the same <c>draftId</c>, so a button on an older card
    /// cannot confirm a newer draft.
    /// </summary>
    public string? ActionToken { get; init; }
}

/// <summary>A choice offered by a <see cref="Prompts.ChoicePrompt"/>.</summary>
/// <param name="Value">What the dialog receives.</param>
/// <param name="Title">The button text (also accepted typed).</param>
/// <param name="Description">One line shown under the button text, or null.</param>
/// <param name="Synonyms">Other typed answers that select it.</param>
public sealed record Choice(string Value, string Title, string? Description = null, IReadOnlyList<string>? Synonyms = null);

/// <summary>JSON settings for dialog state: web defaults, enums as strings.</summary>
public static class DialogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
