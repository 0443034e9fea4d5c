using System.Text.Json.Nodes;
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
    /// <summary>Command ids: the words are the catalogue's <c>command.&lt;id&gt;</c> in each language.</summary>
    public const string GoodOfficesCommand = "goodOffices";
    public const string OralReportCommand = "oralReport";
    public const string MattersCommand = "matters";
    public const string StatusCommand = "status";

    public const string MatterStatusVerb = "noncoop.matter.status";
    public const string ConfirmGoodOfficesVerb = "noncoop.goodoffices.confirm";
    public const string CancelGoodOfficesVerb = "noncoop.goodoffices.cancel";

    public static BotRoutes MapNonCooperation(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnLocalizedCommand(GoodOfficesCommand, StartGoodOfficesAsync)
            .OnLocalizedCommand(OralReportCommand, StartOralReportAsync)
            .OnLocalizedCommand(MattersCommand, ListMattersAsync)
            .OnLocalizedCommand(StatusCommand, ShowStatusAsync)
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
        var argument = turn.CommandArgument;
        var options = MatterId.TryParse(argument, out var id) ? DialogJson.ToNode(new OralReportState { MatterId = id!.Value }) : null;
        return StartPresidentDialogAsync(turn, s => s.Authorization.CanRecordOralReport(s.Principal), OralReportDialog.DialogId, options, ct);
    }

    /// <summary>Checks the role, then runs the dialog in the sender's personal chat (moving there from a channel).</summary>
    internal static async Task StartPresidentDialogAsync(TurnContext turn, Func<Sender, AuthorizationResult> check, string dialogId, JsonNode? options, CancellationToken ct)
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
            await turn.SendTextAsync(turn.T(PersonalChat.MovedNoticeKey), ct).ConfigureAwait(false);
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

        if (!sender.Visibility.IsReader(sender.Principal))
        {
            // The same answer whether matters exist or not.
            await turn.SendTextAsync(turn.Denial(Authorization.ReadMatterDenied), ct).ConfigureAwait(false);
            return;
        }

        var venue = Sender.VenueOf(turn);
        var open = await turn.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(ct).ConfigureAwait(false);
        var views = sender.Visibility.Views(sender.Principal, open, venue);
        if (views.Count == 0)
        {
            // In a shared conversation an empty list reads the same whether confidential matters exist or not.
            await turn.SendTextAsync(turn.T(venue == Venue.PrivateChat ? "matters.none" : "matters.noneHere"), ct).ConfigureAwait(false);
            return;
        }

        await turn.SendCardAsync(MatterCards.MattersCard(turn.Services.GetRequiredService<BotCards>(), views, turn.Language), ct).ConfigureAwait(false);
    }

    private static Task ShowStatusAsync(TurnContext turn, CancellationToken ct) =>
        SendStatusAsync(turn, turn.CommandArgument, ct);

    private static async Task StatusFromCardAsync(TurnContext turn, CancellationToken ct)
    {
        // Card data comes from the client: a matterId that is not a string is treated as missing.
        var id = turn.CardData?["matterId"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
        await SendStatusAsync(turn, id, ct).ConfigureAwait(false);
        if (turn.Activity.Type == Protocol.Schema.ActivityTypes.Invoke)
        {
            turn.InvokeResponse ??= TurnPipeline.InvokeMessage(turn.T("matters.statusSent"));
        }
    }

    /// <summary>The answer (catalogue key) when a matter does not exist, may not be read, or may not be shown here: always the same, and it repeats nothing typed.</summary>
    public const string NoSuchMatterKey = "matters.noSuchMatter";

    private static async Task SendStatusAsync(TurnContext turn, string argument, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!sender.Visibility.IsReader(sender.Principal))
        {
            await turn.SendTextAsync(turn.Denial(Authorization.ReadMatterDenied), ct).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            await turn.SendTextAsync(turn.T("matters.whichMatter", ("status", turn.T("command.status")), ("matters", turn.T("command.matters"))), ct).ConfigureAwait(false);
            return;
        }

        var matter = await FindAsync(turn.Services.GetRequiredService<IMatterRepository>(), argument, ct).ConfigureAwait(false);
        var view = matter is null ? null : sender.Visibility.View(sender.Principal, matter, Sender.VenueOf(turn));
        if (view is null)
        {
            // The same answer whether the matter does not exist, may not be read, or may not be shown here: nothing leaks.
            await turn.SendTextAsync(turn.T(NoSuchMatterKey, ("matters", turn.T("command.matters"))), ct).ConfigureAwait(false);
            return;
        }

        await turn.SendCardAsync(MatterCards.StatusCard(turn.Services.GetRequiredService<BotCards>(), view, turn.Language), ct).ConfigureAwait(false);
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
        var text = turn.T("goodOffices.staleSummary", ("goodOffices", turn.T("command.goodOffices")));
        if (turn.Activity.Type == Protocol.Schema.ActivityTypes.Invoke)
        {
            turn.InvokeResponse = TurnPipeline.InvokeMessage(text);
            return Task.CompletedTask;
        }

        return turn.SendTextAsync(text, ct);
    }
}
