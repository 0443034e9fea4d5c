using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>The President's commands on matters, and following them: good offices, oral report, matters, status.</summary>
public static class MatterRoutes
{
    public const string GoodOfficesCommand = "good offices";
    public const string OralReportCommand = "oral report";
    public const string MattersCommand = "matters";
    public const string StatusCommand = "status";

    public const string MatterStatusVerb = "noncoop.matter.status";
    public const string ConfirmGoodOfficesVerb = "noncoop.goodoffices.confirm";
    public const string CancelGoodOfficesVerb = "noncoop.goodoffices.cancel";

    public static BotRoutes MapNonCooperation(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnCommand(GoodOfficesCommand, "(President) Start good offices on a matter: a few questions, a summary to confirm, then every Bureau member is alerted.", StartGoodOfficesAsync)
            .OnCommand(OralReportCommand, "(President) Record the summary of an oral report to the Bureau on a matter.", StartOralReportAsync)
            .OnCommand(MattersCommand, "List the open matters.", ListMattersAsync)
            .OnCommand(StatusCommand, "Show one matter's facts and timeline, e.g. status NC-2026-001.", ShowStatusAsync)
            .OnCardAction(MatterStatusVerb, StatusFromCardAsync)
            .OnCardAction(ConfirmGoodOfficesVerb, StaleSummaryAsync, interrupts: false)
            .OnCardAction(CancelGoodOfficesVerb, StaleSummaryAsync, interrupts: false);
    }

    public static IServiceCollection AddNonCooperation(this IServiceCollection services)
    {
        services.AddSingleton<BotCards>();
        services.AddSingleton<BureauDirectory>();
        services.AddSingleton<PersonalChat>();
        services.AddSingleton<Dialog, GoodOfficesDialog>();
        services.AddSingleton<Dialog, OralReportDialog>();
        return services;
    }

    private static Task StartGoodOfficesAsync(TurnContext turn, CancellationToken ct) =>
        StartPresidentDialogAsync(turn, s => s.Authorization.CanTriggerGoodOffices(s.Principal), GoodOfficesDialog.DialogId, null, ct);

    private static Task StartOralReportAsync(TurnContext turn, CancellationToken ct)
    {
        var argument = CommandText.Argument(turn, OralReportCommand);
        var options = MatterId.TryParse(argument, out var id) ? new OralReportState { MatterId = id!.Value } : null;
        return StartPresidentDialogAsync(turn, s => s.Authorization.CanRecordOralReport(s.Principal), OralReportDialog.DialogId, options, ct);
    }

    /// <summary>Checks the role, then runs the dialog in the sender's personal chat (moving there from a channel).</summary>
    private static async Task StartPresidentDialogAsync(TurnContext turn, Func<Sender, AuthorizationResult> check, string dialogId, object? options, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().RequireAsync(turn, check, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var target = turn;
        if (!turn.IsPersonal)
        {
            target = await turn.Services.GetRequiredService<PersonalChat>().OpenAsync(turn, ct).ConfigureAwait(false);
            await turn.SendTextAsync(PersonalChat.MovedNotice, ct).ConfigureAwait(false);
        }

        await turn.Services.GetRequiredService<DialogRunner>().BeginAsync(target, dialogId, options, ct).ConfigureAwait(false);
    }

    private static async Task ListMattersAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var open = await turn.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(ct).ConfigureAwait(false);
        var readable = open.Where(m => sender.Authorization.CanReadMatter(sender.Principal, m).IsAllowed).ToList();
        if (readable.Count == 0 && open.Count > 0)
        {
            await turn.SendTextAsync(Authorization.ReadMatterDenied, ct).ConfigureAwait(false);
            return;
        }

        var shown = turn.IsPersonal ? readable : readable.Where(m => m.Confidentiality != Confidentiality.BureauOnly).ToList();
        var hidden = readable.Count - shown.Count;
        if (shown.Count == 0)
        {
            await turn.SendTextAsync(hidden > 0
                ? $"There are no open matters to show here. {hidden} confidential matter(s) can be listed in a private chat with me."
                : "There are no open matters.", ct).ConfigureAwait(false);
            return;
        }

        var cards = turn.Services.GetRequiredService<BotCards>();
        await turn.SendCardAsync(MatterCards.MattersCard(cards, shown, bureauReader: sender.Member is not null && turn.IsPersonal), ct).ConfigureAwait(false);
        if (hidden > 0)
        {
            await turn.SendTextAsync($"{hidden} confidential matter(s) are not shown in this channel; type matters in a private chat with me.", ct).ConfigureAwait(false);
        }
    }

    private static Task ShowStatusAsync(TurnContext turn, CancellationToken ct) =>
        SendStatusAsync(turn, CommandText.Argument(turn, StatusCommand), ct);

    private static async Task StatusFromCardAsync(TurnContext turn, CancellationToken ct)
    {
        var id = turn.CardData?["matterId"]?.GetValue<string>() ?? string.Empty;
        await SendStatusAsync(turn, id, ct).ConfigureAwait(false);
        if (turn.Activity.Type == Protocol.Schema.ActivityTypes.Invoke)
        {
            turn.InvokeResponse ??= TurnPipeline.InvokeMessage($"Status of {id} sent.");
        }
    }

    private static async Task SendStatusAsync(TurnContext turn, string argument, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            await turn.SendTextAsync("Which matter? For example: status NC-2026-001. Type matters to see the open ones.", ct).ConfigureAwait(false);
            return;
        }

        var matter = await FindAsync(turn.Services.GetRequiredService<IMatterRepository>(), argument, ct).ConfigureAwait(false);
        var readable = matter is not null && sender.Authorization.CanReadMatter(sender.Principal, matter).IsAllowed;
        if (matter is null || !readable)
        {
            // The same answer whether the matter does not exist or may not be read: nothing leaks.
            await turn.SendTextAsync($"I found no matter \"{argument}\" that you can see. Type matters to see the open ones.", ct).ConfigureAwait(false);
            return;
        }

        var cards = turn.Services.GetRequiredService<BotCards>();
        var card = MatterCards.StatusCard(cards, matter, includeBureauOnly: true);
        if (!turn.IsPersonal && matter.Confidentiality == Confidentiality.BureauOnly)
        {
            var personal = await turn.Services.GetRequiredService<PersonalChat>().OpenAsync(turn, ct).ConfigureAwait(false);
            await personal.SendCardAsync(card, ct).ConfigureAwait(false);
            await turn.SendTextAsync(PersonalChat.MovedNotice, ct).ConfigureAwait(false);
            return;
        }

        // Good offices and other Bureau-only entries: Bureau members in a personal chat only (a 7(b) matter that became 7(a) keeps them).
        await turn.SendCardAsync(turn.IsPersonal && sender.Member is not null ? card : MatterCards.StatusCard(cards, matter, includeBureauOnly: false), ct).ConfigureAwait(false);
    }

    private static async Task<Matter?> FindAsync(IMatterRepository matters, string argument, CancellationToken ct)
    {
        if (MatterId.TryParse(argument, out var id))
        {
            return await matters.GetAsync(id!, ct).ConfigureAwait(false);
        }

        var open = await matters.ListOpenAsync(ct).ConfigureAwait(false);
        return open.FirstOrDefault(m => string.Equals(m.CourtReference.Value, argument.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static Task StaleSummaryAsync(TurnContext turn, CancellationToken ct)
    {
        const string text = "This summary is no longer waiting for confirmation. Type good offices to start again.";
        if (turn.Activity.Type == Protocol.Schema.ActivityTypes.Invoke)
        {
            turn.InvokeResponse = TurnPipeline.InvokeMessage(text);
            return Task.CompletedTask;
        }

        return turn.SendTextAsync(text, ct);
    }
}
