using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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

    public string ToJson() => JsonSerializer.Serialize(this, DialogJsonContext.Default.DialogStack);

    public static DialogStack FromJson(string json)
    {
        var stack = JsonSerializer.Deserialize(json, DialogJsonContext.Default.DialogStack) ?? new DialogStack();
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

/// <summary>
/// JSON settings for dialog state: web defaults (camelCase names, case-insensitive reading), nulls not written, enums
/// as their names. <see cref="Options"/> resolves only the types of <see cref="DialogJsonContext"/> (source-generated,
/// so trimming and native AOT keep them): the dialog stack and the answers prompts give. A dialog's own state type
/// brings its metadata itself (<see cref="IDialogState{TSelf}"/>).
/// </summary>
public static class DialogJson
{
    public static JsonSerializerOptions Options => DialogJsonContext.Default.Options;

    /// <summary>The metadata of <typeparamref name="T"/> from <see cref="Options"/>; throws when it is not a type of <see cref="DialogJsonContext"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>A dialog state (or options, or result) as JSON, through its own source-generated metadata.</summary>
    public static JsonNode? ToNode<TState>(TState? state)
        where TState : class, IDialogState<TState> =>
        state is null ? null : JsonSerializer.SerializeToNode(state, TState.JsonTypeInfo);

    /// <summary>
    /// A value as JSON by its run-time type: null, a <see cref="JsonNode"/> (copied), or a type of <see cref="DialogJsonContext"/>
    /// (a prompt answer: text, yes/no, number, date…). A state record goes through <see cref="ToNode{TState}"/>.
    /// </summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(value, Options.GetTypeInfo(value.GetType())),
    };

    /// <summary>
    /// Throws unless <paramref name="typeInfo"/> (a state type's, from another assembly's context) writes as <see cref="Options"/>
    /// does, so that a dialog registered with differently configured metadata fails at start-up, not in a stored stack.
    /// </summary>
    public static void EnsureSameSettings(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var theirs = typeInfo.Options;
        var ours = Options;
        if (theirs.PropertyNamingPolicy != ours.PropertyNamingPolicy || theirs.DefaultIgnoreCondition != ours.DefaultIgnoreCondition
            || theirs.PropertyNameCaseInsensitive != ours.PropertyNameCaseInsensitive || theirs.NumberHandling != ours.NumberHandling
            || theirs.DictionaryKeyPolicy != ours.DictionaryKeyPolicy || !ReferenceEquals(theirs.Encoder, ours.Encoder))
        {
            throw new InvalidOperationException(
                $"The JSON metadata of dialog state {typeInfo.Type.Name} is not generated with the dialog settings: use "
                + "[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)].");
        }
    }
}

/// <summary>
/// A dialog's typed state: it names its own source-generated JSON metadata, so a state type without it does not compile
/// (<c>public static JsonTypeInfo&lt;MyState&gt; JsonTypeInfo =&gt; MyJsonContext.Default.MyState;</c>, the context generated
/// with the settings of <see cref="DialogJson"/>).
/// </summary>
public interface IDialogState<TSelf>
    where TSelf : class, IDialogState<TSelf>
{
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }
}

/// <summary>The source-generated metadata of the dialog stack and of prompt answers (the settings of <see cref="DialogJson"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DialogStack))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateOnly))]
[JsonSerializable(typeof(TimeOnly))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Choice))]
public sealed partial class DialogJsonContext : JsonSerializerContext;

/// <summary>JSON with the serializer's plain defaults (block marks, the text catalogue for tooling).</summary>
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class PlainJsonContext : JsonSerializerContext;
