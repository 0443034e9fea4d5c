using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Diagnostics;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>Alert acknowledgements and card refreshes (issue 4).</summary>
public static partial class AlertRoutes
{
    /// <summary>The Action.Execute verb (and Action.Submit <c>verb</c>) of the Acknowledge button.</summary>
    public const string AckVerb = "noncoop.alert.ack";

    /// <summary>The <c>refresh</c> verb of the alert card (each recipient's own view).</summary>
    public const string RefreshVerb = "noncoop.alert.refresh";

    public static BotRoutes MapAlerts(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnCardAction(AckVerb, AcknowledgeAsync)
            .OnCardAction(RefreshVerb, RefreshAsync);
    }

    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(sp => CardCatalog.Load(Path.Combine(AppContext.BaseDirectory, "cards"), sp.GetService<Dialogs.Texts.TextCatalogue>() ?? NonCoopBotRoutes.Texts));
        services.AddAlertDelivery(configuration);
        return services;
    }

    /// <summary>Records the sender's acknowledgement once and answers with their "acknowledged" view.</summary>
    internal static async Task AcknowledgeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var services = turn.Services;
        var store = services.GetRequiredService<IAlertStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var (alertId, sender) = Read(turn);
        if (alertId is null || sender is null)
        {
            await RefuseAsync(turn, alertId ?? "(none)", sender ?? "(none)", "MissingData", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await InRecipientsChatAsync(turn, store, alertId, sender, cancellationToken).ConfigureAwait(false))
        {
            await RefuseAsync(turn, alertId, sender, "NotPersonalChat", cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await store.AcknowledgeAsync(alertId, sender, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Outcome == AckOutcome.NotRecipient)
        {
            await RefuseAsync(turn, alertId, sender, "NotRecipient", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (result.Outcome == AckOutcome.Recorded)
        {
            BotTelemetry.AlertAcknowledged();
            services.GetRequiredService<AlertWakeSignal>().Set(); // the tracker is now out of date
        }

        var card = await AcknowledgedCardAsync(turn, alertId, sender, result.AcknowledgedAt ?? time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await AnswerAsync(turn, card, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sender's current view: acknowledged or not.</summary>
    internal static async Task RefreshAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var services = turn.Services;
        var store = services.GetRequiredService<IAlertStore>();
        var (alertId, sender) = Read(turn);
        var delivery = alertId is null || sender is null ? null : await store.GetDeliveryAsync(alertId, sender, cancellationToken).ConfigureAwait(false);
        if (delivery is null || !IsRecipientsChat(turn, delivery))
        {
            LogRefused(Logger(turn), "RefreshNotRecipient", alertId ?? "(none)", sender ?? "(none)");
            turn.InvokeResponse = TurnPipeline.InvokeError(403, turn.T("alerts.notForYou"));
            return;
        }

        if (delivery.AcknowledgedAt is { } at)
        {
            await AnswerAsync(turn, await AcknowledgedCardAsync(turn, alertId!, sender!, at, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return;
        }

        var alert = await store.GetAlertAsync(alertId!, cancellationToken).ConfigureAwait(false);
        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        var card = services.GetRequiredService<AlertCards>().Alert(alert!, turn.Activity.From?.Id, options.ReminderInterval, turn.Language);
        await AnswerAsync(turn, card, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> AcknowledgedCardAsync(TurnContext turn, string alertId, string sender, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var services = turn.Services;
        var alert = await services.GetRequiredService<IAlertStore>().GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("An acknowledged alert is missing.");
        var roster = await services.GetRequiredService<IRosterRepository>().GetAsync(cancellationToken).ConfigureAwait(false);
        var member = roster?.FindMemberByAadObjectId(sender)
            ?? new Domain.Members.BureauMember(sender, turn.Activity.From?.Name ?? "Bureau member", "", default, sender, "", "UTC", default, Domain.Members.BureauRole.Member);
        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        return services.GetRequiredService<AlertCards>().Acknowledged(alert, member, at, options.ReminderInterval, turn.Language);
    }

    private static Task AnswerAsync(TurnContext turn, System.Text.Json.Nodes.JsonObject card, CancellationToken cancellationToken) =>
        Bureau.CardAnswer.ReplaceAsync(turn, card, cancellationToken);

    private static async Task RefuseAsync(TurnContext turn, string alertId, string sender, string reason, CancellationToken cancellationToken)
    {
        var services = turn.Services;
        LogRefused(Logger(turn), reason, alertId, sender);
        await services.GetRequiredService<IAlertStore>().AuditRefusalAsync(alertId, sender, reason, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse = TurnPipeline.InvokeError(403, turn.T("alerts.notForYou"));
        }
        else
        {
            await turn.SendTextAsync(turn.T("alerts.notForYou"), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fails closed: an alert is acknowledged or refreshed only in a 1:1 chat (conversationType <c>personal</c>),
    /// and, once the card was delivered, only in the chat it was delivered to.
    /// </summary>
    private static async Task<bool> InRecipientsChatAsync(TurnContext turn, IAlertStore store, string alertId, string sender, CancellationToken cancellationToken)
    {
        if (!turn.IsPersonal)
        {
            return false;
        }

        var delivery = await store.GetDeliveryAsync(alertId, sender, cancellationToken).ConfigureAwait(false);
        return delivery is null || IsRecipientsChat(turn, delivery); // no delivery: the store answers NotRecipient
    }

    private static bool IsRecipientsChat(TurnContext turn, DeliveryRow delivery) =>
        turn.IsPersonal && (delivery.ConversationId is null || string.Equals(delivery.ConversationId, turn.Activity.Conversation?.Id, StringComparison.Ordinal));

    private static (string? AlertId, string? Sender) Read(TurnContext turn)
    {
        var alertId = turn.CardData?["alertId"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 100 ? s : null;
        var sender = turn.Activity.From?.AadObjectId is { Length: > 0 } aad ? AlertOutboxWriter.Normalize(aad) : null;
        return (alertId, sender);
    }

    private static ILogger Logger(TurnContext turn) =>
        turn.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot.Alerts");

    [LoggerMessage(EventId = 450, Level = LogLevel.Warning, Message = "Alert card action refused ({Reason}) for alert {AlertId} from sender {SenderAad}")]
    private static partial void LogRefused(ILogger logger, string reason, string alertId, string senderAad);
}
