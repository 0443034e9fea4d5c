using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Prompts;

/// <summary>The outcome of reading an answer: a value, or the reason it was not accepted.</summary>
public readonly record struct Recognized<T>(bool Succeeded, T? Value, string? Error)
{
    public static Recognized<T> Ok(T value) => new(true, value, null);

    public static Recognized<T> Fail(string error) => new(false, default, error);
}

/// <summary>A question the dialog asks and the rule for reading the answer.</summary>
public abstract class Prompt
{
    protected Prompt(string id, int maxAttempts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Id = id;
        MaxAttempts = maxAttempts;
    }

    public string Id { get; }

    /// <summary>How many invalid answers end the dialog. The default is 3.</summary>
    public int MaxAttempts { get; }

    /// <summary>Sends the question (again after an invalid answer, prefixed by <paramref name="error"/>).</summary>
    public virtual Task SendAsync(TurnContext turn, PromptRequest request, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Card is not null)
        {
            return SendCardAsync(turn, request.Card, error, cancellationToken);
        }

        var text = error is null ? request.Text : $"{error} {request.RetryText ?? request.Text}";
        return turn.SendTextAsync(text, cancellationToken);
    }

    private static async Task SendCardAsync(TurnContext turn, JsonNode card, string? error, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            await turn.SendTextAsync(error, cancellationToken).ConfigureAwait(false);
        }

        await turn.SendCardAsync(card.DeepClone(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the user's answer into JSON (so it survives a restart), or says why not.</summary>
    public abstract Recognized<JsonNode?> Recognize(TurnContext turn, PromptRequest request);
}

/// <summary>A prompt whose answer is a <typeparamref name="T"/>, with an optional validator.</summary>
/// <remarks><typeparamref name="T"/> must be a type of <see cref="DialogJsonContext"/>; its metadata is taken when the prompt is made (at start-up).</remarks>
public abstract class Prompt<T> : Prompt
{
    private readonly Func<TurnContext, T, string?>? _validator;
    private readonly JsonTypeInfo<T> _answerJson = DialogJson.TypeInfo<T>();

    /// <param name="id">The prompt id, unique within its dialog.</param>
    /// <param name="validator">Returns null when the value is acceptable, else the sentence saying why not.</param>
    /// <param name="maxAttempts">How many invalid answers end the dialog.</param>
    protected Prompt(string id, Func<T, string?>? validator, int maxAttempts)
        : base(id, maxAttempts) => _validator = validator is null ? null : (_, value) => validator(value);

    /// <param name="id">The prompt id, unique within its dialog.</param>
    /// <param name="validator">Returns null when the value is acceptable, else the sentence saying why not, in the turn's language.</param>
    /// <param name="maxAttempts">How many invalid answers end the dialog.</param>
    protected Prompt(string id, Func<TurnContext, T, string?>? validator, int maxAttempts)
        : base(id, maxAttempts) => _validator = validator;

    public sealed override Recognized<JsonNode?> Recognize(TurnContext turn, PromptRequest request)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var recognized = RecognizeValue(turn, request);
        if (!recognized.Succeeded)
        {
            return Recognized<JsonNode?>.Fail(recognized.Error ?? turn.T("prompt.unreadable"));
        }

        var error = _validator?.Invoke(turn, recognized.Value!);
        return error is null
            ? Recognized<JsonNode?>.Ok(JsonSerializer.SerializeToNode(recognized.Value!, _answerJson))
            : Recognized<JsonNode?>.Fail(error);
    }

    protected abstract Recognized<T> RecognizeValue(TurnContext turn, PromptRequest request);
}
