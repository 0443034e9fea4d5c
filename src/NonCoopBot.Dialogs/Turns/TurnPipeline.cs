using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>Settings of the turn pipeline.</summary>
public sealed class TurnOptions
{
    public const string SectionName = "Turns";

    /// <summary>How long a turn may run before it is cancelled. The default is 10 seconds (Teams waits 15).</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a processed activity id is remembered to drop re-deliveries. The default is 2 days.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// The short apology a user sees when a turn fails, when set: it then replaces the catalogue's <c>turn.apology</c>
    /// (in the turn's language) in every language. It says nothing about the cause. Not set by default.
    /// </summary>
    public string? Apology { get; set; }
}

/// <summary>The outcome of one processed activity.</summary>
/// <param name="Duplicate">True when the activity had been processed before (nothing was done again).</param>
/// <param name="InvokeResponse">The answer to an invoke, to return in the HTTP response.</param>
public sealed record TurnResult(bool Duplicate, InvokeResponse? InvokeResponse);

/// <summary>A handler that gets the turn before the routes when a dialog is active for the sender.</summary>
public interface IActiveDialogHandler
{
    /// <summary>Continues the sender's active dialog with this turn; false when there is none (or it does not take this turn).</summary>
    Task<bool> TryContinueAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>
    /// The storage key of the state this handler reads for <paramref name="turn"/>, or null. The pipeline reads it in
    /// the round trip that claims the activity and hands it to the turn (<see cref="TurnContext.TakePrefetched"/>).
    /// </summary>
    string? StateKeyOf(TurnContext turn) => null;
}

/// <summary>
/// Prepares a turn before it is routed (e.g. decides its <see cref="TurnContext.Language"/>). Runs after the activity is
/// claimed; its state key, if any, is read in the claim's round trip like a dialog's.
/// </summary>
public interface ITurnInitializer
{
    /// <summary>The storage key this initializer reads for <paramref name="turn"/>, or null.</summary>
    string? StateKeyOf(TurnContext turn) => null;

    Task InitializeAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>
/// Processes one authenticated activity: drops re-deliveries, remembers how to reach the user, opens a log
/// scope, gives the turn to an interrupting route, else to the active dialog, else to the first matching
/// route, and turns a failure into a short apology.
/// </summary>
public sealed class TurnPipeline(
    BotRoutes routes,
    IStorage storage,
    IConversationReferenceStore references,
    IEnumerable<IActiveDialogHandler> dialogs,
    IEnumerable<ITurnInitializer> initializers,
    TimeProvider time,
    IOptions<TurnOptions> options,
    ILogger<TurnPipeline> logger)
{
    private const string ClaimJson = """{"state":"processing"}""";

    private readonly TurnOptions _options = options.Value;
    private readonly IActiveDialogHandler[] _dialogs = [.. dialogs];
    private readonly ITurnInitializer[] _initializers = [.. initializers];

    public async Task<TurnResult> ProcessAsync(Activity activity, ITurnTransport transport, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation?.Id,
            ["ActivityId"] = activity.Id,
            ["ActivityType"] = activity.Type,
        });

        var turn = new TurnContext(activity, transport, services);
        var dedupeKey = DedupeKey(activity);
        if (dedupeKey is not null)
        {
            var duplicate = await TryClaimAsync(dedupeKey, turn, cancellationToken).ConfigureAwait(false);
            if (duplicate is not null)
            {
                Log.Duplicate(logger);
                return duplicate;
            }
        }

        using var budget = new CancellationTokenSource(_options.Budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            await RememberUserAsync(activity, linked.Token).ConfigureAwait(false);
            foreach (var initializer in _initializers)
            {
                await initializer.InitializeAsync(turn, linked.Token).ConfigureAwait(false);
            }

            await RouteAsync(turn, linked.Token).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            Log.DialogConflict(logger);
            await ReleaseAsync(dedupeKey).ConfigureAwait(false);
            await TryApologizeAsync(turn, turn.T("turn.conflict")).ConfigureAwait(false);
            return new TurnResult(false, turn.InvokeResponse ?? InvokeError(409, turn.T("turn.conflict.invoke")));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.TurnTimedOut(logger, _options.Budget);
            await ReleaseAsync(dedupeKey).ConfigureAwait(false);
            await TryApologizeAsync(turn, Apology(turn)).ConfigureAwait(false);
            return new TurnResult(false, InvokeError(500, Apology(turn)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The request was aborted (client gone): forget the activity so Teams' re-delivery is processed.
            Log.TurnAborted(logger);
            await ReleaseAsync(dedupeKey).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TurnFailed(logger, ex.GetType().Name, ex);
            await ReleaseAsync(dedupeKey).ConfigureAwait(false);
            await TryApologizeAsync(turn, Apology(turn)).ConfigureAwait(false);
            return new TurnResult(false, InvokeError(500, Apology(turn)));
        }

        // The claim already marks the activity as processed; only an invoke's answer must be kept for its re-delivery.
        if (dedupeKey is not null && turn.InvokeResponse is not null)
        {
            // The turn is done: record it even if the client has gone meanwhile.
            await CompleteAsync(dedupeKey, turn.InvokeResponse, CancellationToken.None).ConfigureAwait(false);
        }

        return new TurnResult(false, turn.InvokeResponse);
    }

    private async Task RouteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var route = routes.Match(turn, interruptingOnly: true);
        if (route is null)
        {
            foreach (var dialog in _dialogs)
            {
                if (await dialog.TryContinueAsync(turn, cancellationToken).ConfigureAwait(false))
                {
                    Log.Routed(logger, "active-dialog");
                    if (turn.Activity.Type == ActivityTypes.Invoke)
                    {
                        turn.InvokeResponse ??= InvokeMessage(turn.T("turn.done"));
                    }

                    return;
                }
            }

            route = routes.Match(turn, interruptingOnly: false);
        }

        if (route is null)
        {
            Log.Unrouted(logger, turn.Activity.Type);
            if (turn.Activity.Type == ActivityTypes.Invoke)
            {
                turn.InvokeResponse = InvokeError(400, turn.T("turn.unknownAction"));
            }

            return;
        }

        Log.Routed(logger, route.Name);
        await route.Handler(turn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The apology in the turn's language; the configured one (any language) when set.</summary>
    private string Apology(TurnContext turn) => string.IsNullOrWhiteSpace(_options.Apology) ? turn.T("turn.apology") : _options.Apology;

    private async Task RememberUserAsync(Activity activity, CancellationToken cancellationToken)
    {
        var aad = activity.From?.AadObjectId;
        var personal = activity.Conversation?.ConversationType == ConversationTypes.Personal;
        if (string.IsNullOrEmpty(aad) || !personal || activity.ServiceUrl is null || activity.Conversation?.Id is null)
        {
            return;
        }

        var install = activity.Type is ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate or ActivityTypes.Message or ActivityTypes.Invoke;
        var removed = activity.Type == ActivityTypes.InstallationUpdate && activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true;
        if (install && !removed
            && await references.SaveAsync(aad, ConversationReference.FromActivity(activity), cancellationToken).ConfigureAwait(false))
        {
            Log.ReferenceStored(logger);
        }
    }

    /// <summary>
    /// Claims the activity id (a create-only write) and, in the same round trip, reads the state the turn's dialog
    /// handlers will read; null when claimed, else the duplicate's result (with the stored invoke answer, if any).
    /// </summary>
    private async Task<TurnResult?> TryClaimAsync(string key, TurnContext turn, CancellationToken cancellationToken)
    {
        var reads = _dialogs.Length + _initializers.Length == 0 ? [] : new List<string>(_dialogs.Length + _initializers.Length);
        foreach (var dialog in _dialogs)
        {
            if (dialog.StateKeyOf(turn) is { } stateKey)
            {
                reads.Add(stateKey);
            }
        }

        foreach (var initializer in _initializers)
        {
            if (initializer.StateKeyOf(turn) is { } stateKey)
            {
                reads.Add(stateKey);
            }
        }

        var claim = await storage.CreateAndReadAsync(key, ClaimJson, time.GetUtcNow() + _options.DeduplicationWindow, reads, cancellationToken).ConfigureAwait(false);
        if (claim.Created)
        {
            turn.Prefetched(claim.Items);
            return null;
        }

        var invoke = claim.Existing is null ? null : JsonNode.Parse(claim.Existing.Json)?["invoke"];
        return new TurnResult(true, invoke?.Deserialize(ProtocolJsonContext.Default.InvokeResponse));
    }

    private Task CompleteAsync(string key, InvokeResponse invoke, CancellationToken cancellationToken)
    {
        var record = new JsonObject
        {
            ["state"] = "done",
            ["invoke"] = JsonSerializer.SerializeToNode(invoke, ProtocolJsonContext.Default.InvokeResponse),
        };
        return storage.WriteAsync(key, record.ToJsonString(), StoreItem.AnyVersion, time.GetUtcNow() + _options.DeduplicationWindow, cancellationToken);
    }

    private async Task ReleaseAsync(string? key)
    {
        if (key is not null)
        {
            await storage.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task TryApologizeAsync(TurnContext turn, string text)
    {
        if (turn.Activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke))
        {
            return;
        }

        try
        {
            await turn.SendTextAsync(text, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ApologyFailed(logger, ex);
        }
    }

    private static string? DedupeKey(Activity activity) =>
        string.IsNullOrEmpty(activity.Id) || activity.Conversation?.Id is null
            ? null
            : $"activity:{activity.ChannelId}:{activity.Conversation.Id}:{activity.Id}";

    /// <summary>An invoke answer carrying an error the card shows (Universal Actions error shape).</summary>
    public static InvokeResponse InvokeError(int statusCode, string message) => new()
    {
        Status = 200,
        Body = new JsonObject
        {
            ["statusCode"] = statusCode,
            ["type"] = ContentTypes.Error,
            ["value"] = new JsonObject { ["code"] = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), ["message"] = message },
        },
    };

    /// <summary>An invoke answer that shows a text message to the user.</summary>
    public static InvokeResponse InvokeMessage(string message) => new()
    {
        Status = 200,
        Body = new JsonObject { ["statusCode"] = 200, ["type"] = ContentTypes.ActivityMessage, ["value"] = message },
    };

    /// <summary>An invoke answer that replaces the card for this user.</summary>
    public static InvokeResponse InvokeCard(JsonNode card) => new()
    {
        Status = 200,
        Body = new JsonObject { ["statusCode"] = 200, ["type"] = ContentTypes.AdaptiveCard, ["value"] = card },
    };
}
