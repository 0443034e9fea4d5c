using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>
/// Builds each reader's view of the procedure card and updates every posted card in place when the procedure
/// changes: a personal chat gets its reader's view (the Secretariat the public steps only) in the reader's time
/// zone; a channel or group chat the public steps in UTC.
/// </summary>
public sealed partial class ProcedureCardUpdater(ProcedureService service, IProcedureRepository procedures, IRosterRepository rosters, BotCards cards, LanguagePreferences languages, ILogger<ProcedureCardUpdater> logger)
{
    /// <summary>
    /// The viewer key of a posted card: the reader's AAD object id in a personal chat, else "public" (English) or
    /// "public:fr" (the language the card was posted in, kept when it is updated).
    /// </summary>
    public const string PublicViewer = "public";

    public static string ViewerKey(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.IsPersonal && turn.Activity.From?.AadObjectId is { Length: > 0 } aad)
        {
            return aad.Trim().ToLowerInvariant();
        }

        return turn.Language == TextCatalogue.English ? PublicViewer : PublicViewer + ":" + turn.Language;
    }

    private static string? PublicLanguage(string viewer) =>
        viewer == PublicViewer ? TextCatalogue.English
        : viewer.StartsWith(PublicViewer + ":", StringComparison.Ordinal) ? TextCatalogue.Normalize(viewer[(PublicViewer.Length + 1)..]) ?? TextCatalogue.English
        : null;

    /// <summary>The card as this sender sees it here, or null if there is no procedure they may see.</summary>
    public async Task<JsonNode?> CardForAsync(Sender sender, MatterId id, bool personal, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var (procedure, matter, missing) = await service.LoadAsync(sender, id, language, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return null;
        }

        var auth = new ProcedureAuthorization(sender.Roster);
        var view = personal ? auth.ViewFor(sender.Principal)!.Value : ProcedureView.PublicSteps;
        var zone = personal ? ProcedureCards.ZoneOf(sender.Principal) : TimeZoneInfo.Utc;
        var session = await service.NextSessionAsync(ct).ConfigureAwait(false);
        return ProcedureCards.Procedure(cards, procedure!, matter!, view, zone, session,
            item => (view == ProcedureView.Bureau || !FormalProcedure.IsBureauOnly(item)) && (!personal || auth.CanTick(sender.Principal, item).IsAllowed), language);
    }

    public Task RememberAsync(PostedProcedureCard card, CancellationToken ct) => procedures.SavePostedCardAsync(card, ct);

    /// <summary>Updates every posted card of the matter in place, each with its reader's view (from a turn).</summary>
    public Task UpdatePostedAsync(TurnContext turn, MatterId id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return UpdatePostedAsync(id, (posted, update, c) =>
        {
            update.Id = posted.ActivityId;
            update.ServiceUrl = posted.ServiceUrl;
            update.ChannelId = turn.Activity.ChannelId;
            update.Conversation = new ConversationAccount { Id = posted.ConversationId };
            update.From = turn.Activity.Recipient;
            return turn.UpdateAsync(update, c);
        }, ct);
    }

    /// <summary>Updates every posted card of the matter in place, each with its reader's view (from background work).</summary>
    public Task UpdatePostedAsync(MatterId id, ProactiveMessenger messenger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messenger);
        return UpdatePostedAsync(id, (posted, update, c) => messenger.UpdateAsync(posted.ServiceUrl, posted.ConversationId, posted.ActivityId, update, c), ct);
    }

    private async Task UpdatePostedAsync(MatterId id, Func<PostedProcedureCard, Activity, CancellationToken, Task> send, CancellationToken ct)
    {
        var roster = await rosters.GetAsync(ct).ConfigureAwait(false);
        if (roster is null)
        {
            return;
        }

        var publicViewer = roster.Secretariat.FirstOrDefault() is { } staff ? new Principal.Secretariat(staff) : null;
        foreach (var posted in await procedures.GetPostedCardsAsync(id.Value, ct).ConfigureAwait(false))
        {
            var publicLanguage = PublicLanguage(posted.ViewerAad);
            var personal = publicLanguage is null;
            Principal? reader = personal ? roster.Identify(posted.ViewerAad) : publicViewer;
            if (reader is null or Principal.Unknown)
            {
                continue;
            }

            var language = publicLanguage ?? await languages.OfAsync(posted.ViewerAad, roster, ct).ConfigureAwait(false);
            var card = await CardForAsync(new Sender(roster, reader, new Authorization(roster)), id, personal, language, ct).ConfigureAwait(false);
            if (card is null)
            {
                continue;
            }

            try
            {
                await send(posted, new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)] }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotUpdated(logger, ex, id.Value, posted.ConversationId);
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Procedure card of {MatterId} in conversation {ConversationId} was not updated")]
    private static partial void LogNotUpdated(ILogger logger, Exception exception, string matterId, string conversationId);
}
