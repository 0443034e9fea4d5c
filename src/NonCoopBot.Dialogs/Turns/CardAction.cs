using System.Text.Json.Nodes;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>
/// Reads card actions in both shapes Teams delivers: Action.Execute (invoke <c>adaptiveCard/action</c>,
/// <c>value.action.verb</c> and <c>value.action.data</c>) and Action.Submit (a message whose <c>value</c>
/// holds the data merged with inputs, with our convention <c>verb</c> inside it).
/// </summary>
public static class CardAction
{
    /// <summary>The key under which Action.Submit data carries the verb.</summary>
    public const string SubmitVerbKey = "verb";

    public static bool IsExecute(Activity activity) =>
        activity.Type == ActivityTypes.Invoke && activity.Name == InvokeNames.AdaptiveCardAction;

    public static bool IsSubmit(Activity activity) =>
        activity.Type == ActivityTypes.Message && activity.Value is JsonObject;

    public static string? VerbOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (IsExecute(activity))
        {
            return StringOf(ActionOf(activity)?["verb"]);
        }

        return IsSubmit(activity) ? StringOf(activity.Value?[SubmitVerbKey]) : null;
    }

    public static JsonObject? DataOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (IsExecute(activity))
        {
            return ActionOf(activity)?["data"] as JsonObject;
        }

        return IsSubmit(activity) ? activity.Value as JsonObject : null;
    }

    /// <summary><c>value.action</c> when both are objects (a client may send any JSON there).</summary>
    private static JsonObject? ActionOf(Activity activity) =>
        (activity.Value as JsonObject)?["action"] as JsonObject;

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
