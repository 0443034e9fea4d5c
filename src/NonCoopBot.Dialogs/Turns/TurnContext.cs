using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>One inbound activity being processed: what came in, how to answer, and what was sent.</summary>
public sealed class TurnContext
{
    private readonly ITurnTransport _transport;
    private readonly List<Activity> _sent = [];
    private IReadOnlyDictionary<string, StoreItem?>? _prefetched;
    private HashSet<string>? _taken;

    public TurnContext(Activity activity, ITurnTransport transport, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(services);
        Activity = activity;
        _transport = transport;
        Services = services;
        Text = MentionText.RemoveBotMention(activity) ?? string.Empty;
    }

    /// <summary>The inbound activity.</summary>
    public Activity Activity { get; }

    /// <summary>The request's services (scoped).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The message text with the bot's own @mention removed and whitespace trimmed ("" when none).</summary>
    public string Text { get; }

    /// <summary>The card action verb of an <c>adaptiveCard/action</c> invoke or of an Action.Submit message, or null.</summary>
    public string? CardVerb => CardAction.VerbOf(Activity);

    /// <summary>The card action's data (Action.Execute <c>data</c>, or the Action.Submit <c>value</c>), or null.</summary>
    public JsonObject? CardData => CardAction.DataOf(Activity);

    /// <summary>The invoke answer; set by an invoke handler, returned in the HTTP response.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Everything this turn sent, in order.</summary>
    public IReadOnlyList<Activity> SentActivities => _sent;

    /// <summary>The sender's stable key: the AAD object id when present, else the channel user id.</summary>
    public string UserKey => Activity.From?.AadObjectId ?? Activity.From?.Id ?? "anonymous";

    /// <summary>True in a 1:1 chat with the bot. Fails closed: an activity without <c>conversationType</c> is not a personal chat.</summary>
    public bool IsPersonal => Activity.Conversation?.ConversationType == ConversationTypes.Personal;

    /// <summary>
    /// The language this turn answers in ("en", "fr" or "es"), set before routing by the <see cref="ITurnInitializer"/>s
    /// (the bot resolves it from the sender's choice, the roster, then the client's locale). Read texts with <see cref="TurnTexts.T"/>.
    /// </summary>
    public string Language { get; set; } = Texts.TextCatalogue.English;

    /// <summary>The message text as commands are matched: normalized (<see cref="CommandText.Normalize"/>) and folded, computed once.</summary>
    internal string FoldedCommandText => _foldedCommandText ??= Texts.TextFold.Fold(CommandText.Normalize(Text));

    private string? _foldedCommandText;

    /// <summary>For a turn taken by a localized command: the text after the command word that matched ("" when none).</summary>
    public string CommandArgument { get; set; } = string.Empty;

    /// <summary>True in a team channel.</summary>
    public bool IsChannel => Activity.Conversation?.ConversationType == ConversationTypes.Channel;

    /// <summary>Sends a text reply in this conversation.</summary>
    public Task<string?> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(Activity.CreateReply(text), cancellationToken);

    /// <summary>Sends an Adaptive Card reply in this conversation.</summary>
    public Task<string?> SendCardAsync(JsonNode card, CancellationToken cancellationToken, string? text = null)
    {
        var reply = Activity.CreateReply(text);
        reply.Attachments = [Attachment.AdaptiveCard(card)];
        return SendAsync(reply, cancellationToken);
    }

    /// <summary>Sends an activity built by the caller.</summary>
    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = await _transport.SendAsync(activity, cancellationToken).ConfigureAwait(false);
        activity.Id ??= id;
        _sent.Add(activity);
        return id;
    }

    /// <summary>
    /// An item the pipeline read for this turn when it claimed the activity (null item: absent). Each key is handed
    /// out once, so a second read in the same turn (after a write) goes to the store. False when it was not read.
    /// </summary>
    public bool TakePrefetched(string key, out StoreItem? item)
    {
        item = null;
        if (_prefetched is null || !_prefetched.TryGetValue(key, out item) || !(_taken ??= new(StringComparer.Ordinal)).Add(key))
        {
            item = null;
            return false;
        }

        return true;
    }

    /// <summary>Gives the turn the items read with its claim (see <see cref="TakePrefetched"/>).</summary>
    internal void Prefetched(IReadOnlyDictionary<string, StoreItem?> items) => _prefetched = items;

    /// <summary>Replaces an activity the bot sent earlier.</summary>
    public Task UpdateAsync(Activity activity, CancellationToken cancellationToken) =>
        _transport.UpdateAsync(activity, cancellationToken);
}
