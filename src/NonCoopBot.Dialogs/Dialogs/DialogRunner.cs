using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.Dialogs.Dialogs;

/// <summary>Settings of the dialog engine.</summary>
public sealed class DialogOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>A dialog left unanswered this long is forgotten. The default is 1 day.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a running turn holds the dialog against racing turns. The default is 30 seconds (longer than any turn).</summary>
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs dialogs for a turn: loads the sender's stack (one per user per conversation, so in a channel a
/// dialog belongs to whoever started it), claims it with an optimistic version bump so that two racing
/// messages cannot both advance it (the loser gets <see cref="ConcurrencyConflictException"/>), runs the
/// dialog and saves the stack with the claimed version.
/// </summary>
public sealed class DialogRunner(DialogSet dialogs, IStorage storage, TimeProvider time, IOptions<DialogOptions> options) : IActiveDialogHandler
{
    /// <summary>The storage key of a user's stack in a conversation.</summary>
    public static string KeyOf(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return $"dialog:{turn.Activity.Conversation?.Id}:{turn.UserKey}";
    }

    /// <inheritdoc />
    public string? StateKeyOf(TurnContext turn) => KeyOf(turn);

    /// <summary>Whether the sender has a dialog waiting in this conversation.</summary>
    public async Task<bool> IsActiveAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var item = await ReadAsync(turn, KeyOf(turn), cancellationToken).ConfigureAwait(false);
        return item is not null && DialogStack.FromJson(item.Json).Top is not null;
    }

    public async Task<bool> TryContinueAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await ContinueAsync(turn, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Continues the sender's active dialog with this turn; null when there is none.</summary>
    public async Task<DialogTurn?> ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = KeyOf(turn);
        var item = await ReadAsync(turn, key, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var stack = DialogStack.FromJson(item.Json);
        if (stack.Top is null)
        {
            return null;
        }

        var claimed = await ClaimAsync(key, stack, item.Version, cancellationToken).ConfigureAwait(false);
        var dc = new DialogContext(turn, stack, dialogs);
        DialogTurn outcome;
        try
        {
            outcome = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed turn (a reply that could not be sent, the turn budget) changes nothing and holds no lease:
            // the stack is put back as it was, so "yes" again or Teams' re-delivery is taken at once.
            await RestoreAsync(key, item.Json, claimed).ConfigureAwait(false);
            throw;
        }

        await SaveAsync(key, stack, claimed, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Starts a dialog for the sender, replacing any stack they had in this conversation.</summary>
    public async Task<DialogTurn> BeginAsync(TurnContext turn, string dialogId, object? dialogOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = KeyOf(turn);
        var existing = await ReadAsync(turn, key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            EnsureNotLeased(key, DialogStack.FromJson(existing.Json), existing.Version);
        }

        var stack = new DialogStack();
        var claimed = await ClaimAsync(key, stack, existing?.Version, cancellationToken).ConfigureAwait(false);
        var dc = new DialogContext(turn, stack, dialogs);
        var options = dialogOptions as JsonNode ?? DialogJson.ToNode(dialogOptions);
        var outcome = await dc.BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
        await SaveAsync(key, stack, claimed, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Cancels the sender's dialog; returns whether there was one.</summary>
    public async Task<bool> CancelAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = KeyOf(turn);
        var item = await ReadAsync(turn, key, cancellationToken).ConfigureAwait(false);
        if (item is null || DialogStack.FromJson(item.Json).Top is null)
        {
            return false;
        }

        await storage.WriteAsync(key, new DialogStack().ToJson(), item.Version, Expiry(), cancellationToken).ConfigureAwait(false);
        await storage.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads the sender's stack (for tests and diagnostics).</summary>
    public async Task<DialogStack?> LoadAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var item = await storage.ReadAsync(KeyOf(turn), cancellationToken).ConfigureAwait(false);
        return item is null ? null : DialogStack.FromJson(item.Json);
    }

    /// <summary>Marks the stack as in use by this turn; a racing turn then sees the lease and is refused.</summary>
    private async Task<long> ClaimAsync(string key, DialogStack stack, long? version, CancellationToken cancellationToken)
    {
        if (version is { } v)
        {
            EnsureNotLeased(key, stack, v);
        }

        stack.LeaseUntil = time.GetUtcNow() + options.Value.TurnLease;
        var claimed = await storage.WriteAsync(key, stack.ToJson(), version, Expiry(), cancellationToken).ConfigureAwait(false);
        stack.LeaseUntil = null;
        return claimed;
    }

    private async Task RestoreAsync(string key, string json, long claimedVersion)
    {
        try
        {
            var before = DialogStack.FromJson(json);
            before.LeaseUntil = null;
            await storage.WriteAsync(key, before.ToJson(), claimedVersion, Expiry(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            // Someone else moved on meanwhile: theirs stands.
        }
    }

    private void EnsureNotLeased(string key, DialogStack stack, long version)
    {
        if (stack.LeaseUntil is { } until && until > time.GetUtcNow())
        {
            throw new ConcurrencyConflictException(key, version);
        }
    }

    private async Task SaveAsync(string key, DialogStack stack, long claimedVersion, CancellationToken cancellationToken)
    {
        stack.LeaseUntil = null;
        if (stack.Top is null)
        {
            // Make the end visible to a racing turn before removing the row.
            await storage.WriteAsync(key, stack.ToJson(), claimedVersion, Expiry(), cancellationToken).ConfigureAwait(false);
            await storage.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            return;
        }

        await storage.WriteAsync(key, stack.ToJson(), claimedVersion, Expiry(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stack as read with the turn's claim (once), else from the store.</summary>
    private Task<StoreItem?> ReadAsync(TurnContext turn, string key, CancellationToken cancellationToken) =>
        turn.TakePrefetched(key, out var item) ? Task.FromResult(item) : storage.ReadAsync(key, cancellationToken);

    private DateTimeOffset Expiry() => time.GetUtcNow() + options.Value.IdleTimeout;
}
