using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>
/// The formal procedure of a Court referral (paras 13–14, 18–19): <c>referral</c>, <c>procedure</c>,
/// <c>step</c>, <c>written response</c>, <c>bureau decision</c>, <c>assembly session</c>, <c>state status</c>,
/// and the procedure card's buttons.
/// </summary>
public static partial class ProcedureRoutes
{
    public const string ReferralCommand = "referral";
    public const string ProcedureCommand = "procedure";
    public const string StepCommand = "step";
    public const string WrittenResponseCommand = "written response";
    public const string BureauDecisionCommand = "bureau decision";
    public const string AssemblySessionCommand = "assembly session";
    public const string StateStatusCommand = "state status";

    public const string ReferralSubmitVerb = "noncoop.referral.submit";
    public const string TickVerb = "noncoop.procedure.tick";
    public const string RefreshVerb = "noncoop.procedure.refresh";

    public const string StepUsage = "Use: step NC-2026-001 b done 2026-11-26 limit 2026-12-10 — the step letter (a)-(f), then not started, planned, done or decided against, the date (YYYY-MM-DD), for (b) limit and the date for the State's views, for (f) optionally facilitator and a name.";

    public static BotRoutes MapProcedure(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnCommand(ReferralCommand, "(President or Secretariat) Record a Court decision referring non-cooperation to the Assembly (para 13).", ReferralAsync)
            .OnCommand(ProcedureCommand, "Show a 7(a) matter's formal procedure: steps, dates, what is due next, checklist. e.g. procedure NC-2026-001.", ShowAsync)
            .OnCommand(StepCommand, "(President) Record a step (a)-(f) as the Bureau decides, e.g. step NC-2026-001 b done 2026-11-26 limit 2026-12-10.", StepAsync)
            .OnCommand(WrittenResponseCommand, "(President or Secretariat) Record the requested State's written response, e.g. written response NC-2026-001 2026-12-05.", WrittenResponseAsync)
            .OnCommand(BureauDecisionCommand, "(President) Record good offices as decided by the Bureau (para 18), e.g. bureau decision NC-2026-001.", BureauDecisionAsync)
            .OnCommand(AssemblySessionCommand, "(Secretariat) Set or change the date the next Assembly session begins, e.g. assembly session 2027-12-06.", AssemblySessionAsync)
            .OnCommand(StateStatusCommand, "(Secretariat) Record a withdrawal, accession or arrangement with its date, e.g. state status Kenya withdrawal 2027-01-01.", StateStatusAsync)
            .OnCardAction(ReferralSubmitVerb, ReferralSubmitAsync)
            .OnCardAction(TickVerb, TickAsync)
            .OnCardAction(RefreshVerb, RefreshAsync);
    }

    public static IServiceCollection AddProcedure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProcedureOptions>().Bind(configuration.GetSection(ProcedureOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcedureOptions>, ProcedureOptionsValidator>());
        services.AddSingleton<ProcedureService>();
        services.AddSingleton<ProcedureCardUpdater>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMeetingBookedHandler, ProcedureMeetingLink>());
        services.AddSingleton<ProcedureReminderDispatcher>();
        services.AddHostedService<ProcedureReminderService>();
        return services;
    }

    private static async Task ReferralAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanRecordReferral(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        await turn.SendCardAsync(ProcedureCards.ReferralForm(turn.Services.GetRequiredService<BotCards>(), null, null), ct, "Fill in the Court's decision and the request it concerns.").ConfigureAwait(false);
    }

    private static async Task ReferralSubmitAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var service = turn.Services.GetRequiredService<ProcedureService>();
        var cards = turn.Services.GetRequiredService<BotCards>();
        if (new ProcedureAuthorization(sender.Roster).CanRecordReferral(sender.Principal) is { IsAllowed: false } denied)
        {
            await AnswerTextAsync(turn, denied.DenialReason!, ct).ConfigureAwait(false);
            return;
        }

        var (input, error) = ProcedureService.ParseReferral(turn.CardData, await service.StatesAsync(ct).ConfigureAwait(false));
        var outcome = input is null ? ProcedureOutcome.Refused(error!) : await service.RecordReferralAsync(sender, input, turn.IsPersonal, ct).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            // The form comes back with what was typed and the reason: nothing is lost.
            await AnswerCardAsync(turn, ProcedureCards.ReferralForm(cards, outcome.Message + " Nothing was saved.", turn.CardData), ct).ConfigureAwait(false);
            return;
        }

        await AnswerTextAsync(turn, outcome.Message, ct).ConfigureAwait(false);
        await SendProcedureCardAsync(turn, sender, outcome.Changed!, ct).ConfigureAwait(false);
    }

    private static async Task ShowAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var argument = CommandText.Argument(turn, ProcedureCommand);
        if (!MatterId.TryParse(argument, out var id))
        {
            await turn.SendTextAsync("Which matter? For example: procedure NC-2026-001. Type matters to see the open ones.", ct).ConfigureAwait(false);
            return;
        }

        if (!await SendProcedureCardAsync(turn, sender, id!, ct).ConfigureAwait(false))
        {
            await turn.SendTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, ProcedureService.NoMatter, argument.Trim()), ct).ConfigureAwait(false);
        }
    }

    private static async Task StepAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanRecordStep(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!StepArguments.TryParse(CommandText.Argument(turn, StepCommand), out var args, out var problem))
        {
            await turn.SendTextAsync(problem + " " + StepUsage, ct).ConfigureAwait(false);
            return;
        }

        var outcome = await turn.Services.GetRequiredService<ProcedureService>()
            .RecordStepAsync(sender, args.MatterId, args.Step, args.State, args.Date, args.Limit, args.Facilitator, ct).ConfigureAwait(false);
        await ReplyAsync(turn, outcome, ct).ConfigureAwait(false);
    }

    private static async Task WrittenResponseAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanRecordWrittenResponse(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var parts = CommandText.Argument(turn, WrittenResponseCommand).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !MatterId.TryParse(parts[0], out var id) || !ProcedureService.TryDate(parts[1], out var on))
        {
            await turn.SendTextAsync("Use: written response NC-2026-001 2026-12-05 (the matter, then the date the response was received).", ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await turn.Services.GetRequiredService<ProcedureService>().RecordWrittenResponseAsync(sender, id!, on, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task BureauDecisionAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).RequireAsync(turn, s => s.Authorization.CanTriggerGoodOffices(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!MatterId.TryParse(CommandText.Argument(turn, BureauDecisionCommand), out var id))
        {
            await turn.SendTextAsync("Use: bureau decision NC-2026-001 (the matter on which the Bureau decided that the President acts).", ct).ConfigureAwait(false);
            return;
        }

        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync("Good offices are confidential to the Bureau: send bureau decision in a private chat with me.", ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await turn.Services.GetRequiredService<ProcedureService>().RecordBureauDecisionAsync(sender, id!, ct).ConfigureAwait(false), ct, refreshCards: false).ConfigureAwait(false);
    }

    private static async Task AssemblySessionAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanKeepSecretariatRecords(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!ProcedureService.TryDate(CommandText.Argument(turn, AssemblySessionCommand), out var date))
        {
            await turn.SendTextAsync("Use: assembly session 2027-12-06 (the date the next session of the Assembly begins).", ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await turn.Services.GetRequiredService<ProcedureService>().SetAssemblySessionAsync(sender, date, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task StateStatusAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanKeepSecretariatRecords(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        const string usage = "Use: state status Kenya withdrawal 2027-01-01 (the State, then withdrawal, accession or arrangement, then the date it takes effect).";
        var parts = CommandText.Argument(turn, StateStatusCommand).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !ProcedureService.TryDate(parts[^1], out var date) || !StateStatusChange.TryParseKind(parts[^2], out var kind))
        {
            await turn.SendTextAsync(usage, ct).ConfigureAwait(false);
            return;
        }

        var service = turn.Services.GetRequiredService<ProcedureService>();
        var name = string.Join(' ', parts[..^2]);
        var match = (await service.StatesAsync(ct).ConfigureAwait(false)).Match(name);
        if (!match.IsExact)
        {
            await turn.SendTextAsync($"I do not know one State called \"{name}\"{(match.Candidates.Count > 0 ? $"; did you mean {string.Join(" or ", match.Candidates.Take(3).Select(c => c.Name))}?" : ".")} {usage}", ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await service.RecordStateStatusAsync(sender, match.State!, kind, date, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task TickAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var idText = Value(turn.CardData, "matterId", 20);
        var itemText = Value(turn.CardData, "item", 40);
        if (!MatterId.TryParse(idText, out var id) || !Enum.TryParse<ChecklistItem>(itemText, out var item) || !Enum.IsDefined(item))
        {
            await AnswerTextAsync(turn, "This button's data is not readable; type procedure and the matter number to get a new card.", ct).ConfigureAwait(false);
            return;
        }

        var outcome = await turn.Services.GetRequiredService<ProcedureService>().TickAsync(sender, id!, item, ct).ConfigureAwait(false);
        if (!outcome.Succeeded || outcome.Changed is null)
        {
            await AnswerTextAsync(turn, outcome.Message, ct).ConfigureAwait(false);
            return;
        }

        var card = await turn.Services.GetRequiredService<ProcedureCardUpdater>().CardForAsync(sender, id!, turn.IsPersonal, ct).ConfigureAwait(false);
        if (card is not null)
        {
            await AnswerCardAsync(turn, card, ct).ConfigureAwait(false);
        }

        if (outcome.Changed is { } changed)
        {
            await turn.Services.GetRequiredService<ProcedureCardUpdater>().UpdatePostedAsync(turn, changed, ct).ConfigureAwait(false);
        }
    }

    private static async Task RefreshAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await Directory(turn).IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var card = MatterId.TryParse(Value(turn.CardData, "matterId", 20), out var id)
            ? await turn.Services.GetRequiredService<ProcedureCardUpdater>().CardForAsync(sender, id!, turn.IsPersonal, ct).ConfigureAwait(false)
            : null;
        if (card is null)
        {
            await AnswerTextAsync(turn, "I found no procedure on this card that you can see.", ct).ConfigureAwait(false);
            return;
        }

        await AnswerCardAsync(turn, card, ct).ConfigureAwait(false);
    }

    /// <summary>Sends the sender's view of the procedure and remembers it so that it is updated in place later.</summary>
    private static async Task<bool> SendProcedureCardAsync(TurnContext turn, Sender sender, MatterId id, CancellationToken ct)
    {
        var updater = turn.Services.GetRequiredService<ProcedureCardUpdater>();
        var card = await updater.CardForAsync(sender, id, turn.IsPersonal, ct).ConfigureAwait(false);
        if (card is null)
        {
            return false;
        }

        var activityId = await turn.SendCardAsync(card, ct).ConfigureAwait(false);
        if (activityId is not null && turn.Activity.Conversation?.Id is { } conversation && turn.Activity.ServiceUrl is { } serviceUrl)
        {
            await updater.RememberAsync(new PostedProcedureCard(id.Value, ProcedureCardUpdater.ViewerKey(turn), serviceUrl, conversation, activityId), ct).ConfigureAwait(false);
        }

        return true;
    }

    private static async Task ReplyAsync(TurnContext turn, ProcedureOutcome outcome, CancellationToken ct, bool refreshCards = true)
    {
        await turn.SendTextAsync(outcome.Message, ct).ConfigureAwait(false);
        if (refreshCards && outcome.Changed is { } id)
        {
            await turn.Services.GetRequiredService<ProcedureCardUpdater>().UpdatePostedAsync(turn, id, ct).ConfigureAwait(false);
        }
    }

    private static async Task AnswerTextAsync(TurnContext turn, string text, CancellationToken ct)
    {
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse ??= TurnPipeline.InvokeMessage(text);
        }

        await turn.SendTextAsync(text, ct).ConfigureAwait(false);
    }

    private static Task AnswerCardAsync(TurnContext turn, JsonNode card, CancellationToken ct) => CardAnswer.ReplaceAsync(turn, card, ct);

    private static string Value(JsonObject? data, string key, int max) =>
        data?[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length <= max ? s : string.Empty;

    private static BureauDirectory Directory(TurnContext turn) => turn.Services.GetRequiredService<BureauDirectory>();
}
