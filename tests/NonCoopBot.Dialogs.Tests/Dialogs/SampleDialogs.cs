using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;

namespace NonCoopBot.Dialogs.Tests.Dialogs;

public sealed record TripState : IDialogState<TripState>
{
    public static JsonTypeInfo<TripState> JsonTypeInfo => SampleDialogJson.Default.TripState;

    public string? Name { get; init; }
    public string? Colour { get; init; }
    public DateTimeOffset? When { get; init; }
    public string? Nested { get; init; }
}

/// <summary>A dialog that uses every prompt kind and a child dialog.</summary>
public sealed class TripDialog : WaterfallDialog<TripState>
{
    public const string DialogId = nameof(TripDialog);

    public TripDialog(TimeProvider time, Func<CancellationToken, Task>? gate = null)
        : base(DialogId)
    {
        AddPrompt(new TextPrompt("name", maxLength: 20));
        AddPrompt(new ChoicePrompt("colour"));
        AddPrompt(new DateTimePrompt("when", time, when => when > time.GetUtcNow() ? "That is in the future; please give a past time." : null));
        AddPrompt(new ConfirmPrompt("confirm"));
        Steps(
            (step, ct) => step.PromptAsync("name", "What is your name?", ct),
            (step, ct) =>
            {
                step.State = step.State with { Name = step.Result<string>() };
                return step.PromptAsync("colour", new PromptRequest
                {
                    Text = "Which colour?",
                    Choices = [new("red", "Red", "warm"), new("blue", "Blue", "cool", ["azure"])],
                }, ct);
            },
            (step, ct) =>
            {
                step.State = step.State with { Colour = step.Result<string>() };
                return step.PromptAsync("when", new PromptRequest { Text = "When?", TimeZone = "Europe/Paris" }, ct);
            },
            async (step, ct) =>
            {
                step.State = step.State with { When = step.Result<DateTimeOffset>() };
                if (gate is not null)
                {
                    await gate(ct);
                }

                return await step.BeginDialogAsync(EchoDialog.DialogId, null, ct);
            },
            (step, ct) =>
            {
                step.State = step.State with { Nested = step.Result<string>() };
                return step.PromptAsync("confirm", $"Save {step.State.Name}?", ct);
            },
            (step, ct) => step.Result<bool>()
                ? step.EndAsync(step.State, "Saved.", ct)
                : step.CancelAsync("Cancelled. Nothing was saved.", ct));
    }
}

public sealed record EchoState : IDialogState<EchoState>
{
    public static JsonTypeInfo<EchoState> JsonTypeInfo => SampleDialogJson.Default.EchoState;
}

/// <summary>The sample dialogs' state metadata, generated with the dialog settings (<see cref="DialogJson"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TripState))]
[JsonSerializable(typeof(EchoState))]
public sealed partial class SampleDialogJson : JsonSerializerContext;

/// <summary>A child dialog that asks one thing and returns it.</summary>
public sealed class EchoDialog : WaterfallDialog<EchoState>
{
    public const string DialogId = nameof(EchoDialog);

    public EchoDialog()
        : base(DialogId)
    {
        AddPrompt(new TextPrompt("echo"));
        Steps(
            (step, ct) => step.PromptAsync("echo", "Say something.", ct),
            (step, ct) => step.EndAsync(step.Result<string>().ToUpperInvariant(), null, ct));
    }
}

/// <summary>A state whose metadata was generated with the serializer's plain defaults (PascalCase names, nulls written): refused.</summary>
public sealed record PlainSettingsState : IDialogState<PlainSettingsState>
{
    public static JsonTypeInfo<PlainSettingsState> JsonTypeInfo => PlainSettingsJson.Default.PlainSettingsState;

    public string? Name { get; init; }
}

[JsonSerializable(typeof(PlainSettingsState))]
public sealed partial class PlainSettingsJson : JsonSerializerContext;

public sealed class PlainSettingsDialog() : WaterfallDialog<PlainSettingsState>("plain");

/// <summary>A prompt whose answer type has no metadata in the dialog context: refused when made.</summary>
public sealed class UriPrompt() : Prompt<Uri>("uri", (Func<Uri, string?>?)null, 3)
{
    protected override Recognized<Uri> RecognizeValue(NonCoopBot.Dialogs.Turns.TurnContext turn, PromptRequest request) => Recognized<Uri>.Ok(new Uri("https://example.org/"));
}
