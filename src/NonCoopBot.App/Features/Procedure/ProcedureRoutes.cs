using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Texts;
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
    /// <summary>The command ids (words in each language: <c>command.&lt;id&gt;</c> in the catalogue).</summary>
    public const string ReferralCommand = "referral";
    public const string ProcedureCommand = "procedure";
    public const string StepCommand = "step";
    public const string WrittenResponseCommand = "writtenResponse";
    public const string BureauDecisionCommand = "bureauDecision";
    public const string AssemblySessionCommand = "assemblySession";
    public const string StateStatusCommand = "stateStatus";

    public const string ReferralSubmitVerb = "noncoop.referral.submit";
    public const string TickVerb = "noncoop.procedure.tick";
    public const string RefreshVerb = "noncoop.procedure.refresh";

    public static BotRoutes MapProcedure(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnLocalizedCommand(ReferralCommand, ReferralAsync)
            .OnLocalizedCommand(ProcedureCommand, ShowAsync)
            .OnLocalizedCommand(StepCommand, StepAsync)
            .OnLocalizedCommand(WrittenResponseCommand, WrittenResponseAsync)
            .OnLocalizedCommand(BureauDecisionCommand, BureauDecisionAsync)
            .OnLocalizedCommand(AssemblySessionCommand, AssemblySessionAsync)
            .OnLocalizedCommand(StateStatusCommand, StateStatusAsync)
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
        var sender = await RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanRecordReferral(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        await turn.SendCardAsync(ProcedureCards.ReferralForm(turn.Services.GetRequiredService<BotCards>(), null, null, turn.Language), ct, turn.T("procedure.referral.fillIn")).ConfigureAwait(false);
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
            await AnswerTextAsync(turn, service.Wording(turn.Language).Refusal(denied.DenialReason!), ct).ConfigureAwait(false);
            return;
        }

        var (input, error) = ProcedureService.ParseReferral(turn.CardData, await service.StatesAsync(ct).ConfigureAwait(false), service.Wording(turn.Language));
        var outcome = input is null ? ProcedureOutcome.Refused(error!) : await service.RecordReferralAsync(sender, input, turn.IsPersonal, turn.Language, ct).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            // The form comes back with what was typed and the reason: nothing is lost.
            await AnswerCardAsync(turn, ProcedureCards.ReferralForm(cards, turn.T("procedure.nothingSaved", ("reason", outcome.Message)), turn.CardData, turn.Language), ct).ConfigureAwait(false);
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

        var argument = turn.CommandArgument;
        if (!MatterId.TryParse(argument, out var id))
        {
            await turn.SendTextAsync(turn.T("procedure.show.which", ("procedure", turn.T("command.procedure"))), ct).ConfigureAwait(false);
            return;
        }

        if (!await SendProcedureCardAsync(turn, sender, id!, ct).ConfigureAwait(false))
        {
            await turn.SendTextAsync(turn.Services.GetRequiredService<ProcedureService>().NoMatter(turn.Language, argument.Trim()), ct).ConfigureAwait(false);
        }
    }

    private static async Task StepAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanRecordStep(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!StepArguments.TryParse(turn.CommandArgument, turn.Services.GetRequiredService<TextCatalogue>(), turn.Language, out var args, out var problem))
        {
            await turn.SendTextAsync(problem + " " + turn.T("procedure.step.usage", ("step", turn.T("command.step"))), ct).ConfigureAwait(false);
            return;
        }

        var outcome = await turn.Services.GetRequiredService<ProcedureService>()
            .RecordStepAsync(sender, args.MatterId, args.Step, args.State, args.Date, args.Limit, args.Facilitator, turn.Language, ct).ConfigureAwait(false);
        await ReplyAsync(turn, outcome, ct).ConfigureAwait(false);
    }

    private static async Task WrittenResponseAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanRecordWrittenResponse(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var parts = turn.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !MatterId.TryParse(parts[0], out var id) || !ProcedureService.TryDate(parts[1], out var on))
        {
            await turn.SendTextAsync(turn.T("procedure.response.usage", ("command", turn.T("command.writtenResponse"))), ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await turn.Services.GetRequiredService<ProcedureService>().RecordWrittenResponseAsync(sender, id!, on, turn.Language, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task BureauDecisionAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, s => s.Authorization.CanTriggerGoodOffices(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!MatterId.TryParse(turn.CommandArgument, out var id))
        {
            await turn.SendTextAsync(turn.T("procedure.decision.usage", ("command", turn.T("command.bureauDecision"))), ct).ConfigureAwait(false);
            return;
        }

        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync(turn.T("procedure.decision.privateChat", ("command", turn.T("command.bureauDecision"))), ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await turn.Services.GetRequiredService<ProcedureService>().RecordBureauDecisionAsync(sender, id!, turn.Language, ct).ConfigureAwait(false), ct, refreshCards: false).ConfigureAwait(false);
    }

    private static async Task AssemblySessionAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanKeepSecretariatRecords(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        if (!ProcedureService.TryDate(turn.CommandArgument, out var date))
        {
            await turn.SendTextAsync(turn.T("procedure.session.usage", ("command", turn.T("command.assemblySession"))), ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await turn.Services.GetRequiredService<ProcedureService>().SetAssemblySessionAsync(sender, date, turn.Language, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task StateStatusAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, s => new ProcedureAuthorization(s.Roster).CanKeepSecretariatRecords(s.Principal), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var usage = turn.T("procedure.stateStatus.usage", ("command", turn.T("command.stateStatus")));
        var parts = turn.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !ProcedureService.TryDate(parts[^1], out var date) || KindOf(turn, parts[^2]) is not { } kind)
        {
            await turn.SendTextAsync(usage, ct).ConfigureAwait(false);
            return;
        }

        var service = turn.Services.GetRequiredService<ProcedureService>();
        var name = string.Join(' ', parts[..^2]);
        var match = (await service.StatesAsync(ct).ConfigureAwait(false)).Match(name);
        if (!match.IsExact)
        {
            var unknown = match.Candidates.Count > 0
                ? turn.T("procedure.stateStatus.didYouMean", ("given", name), ("candidates", string.Join(turn.T("procedure.or"), match.Candidates.Take(3).Select(c => c.NameIn(turn.Language)))))
                : turn.T("procedure.stateStatus.unknown", ("given", name));
            await turn.SendTextAsync(unknown + " " + usage, ct).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(turn, await service.RecordStateStatusAsync(sender, match.State!, kind, date, turn.Language, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>withdrawal / retrait / retiro, …: the kind in any of the catalogue's languages (or its English name).</summary>
    private static StateStatusChangeKind? KindOf(TurnContext turn, string word)
    {
        var texts = turn.Services.GetRequiredService<TextCatalogue>();
        foreach (var kind in Enum.GetValues<StateStatusChangeKind>())
        {
            if (TextCatalogue.Languages.Any(l => string.Equals(word, texts.Get(l, "procedure.word." + kind), StringComparison.OrdinalIgnoreCase)))
            {
                return kind;
            }
        }

        return StateStatusChange.TryParseKind(word, out var parsed) ? parsed : null;
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
            await AnswerTextAsync(turn, turn.T("procedure.card.unreadable", ("procedure", turn.T("command.procedure"))), ct).ConfigureAwait(false);
            return;
        }

        var outcome = await turn.Services.GetRequiredService<ProcedureService>().TickAsync(sender, id!, item, turn.Language, ct).ConfigureAwait(false);
        if (!outcome.Succeeded || outcome.Changed is null)
        {
            await AnswerTextAsync(turn, outcome.Message, ct).ConfigureAwait(false);
            return;
        }

        var card = await turn.Services.GetRequiredService<ProcedureCardUpdater>().CardForAsync(sender, id!, turn.IsPersonal, turn.Language, ct).ConfigureAwait(false);
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
            ? await turn.Services.GetRequiredService<ProcedureCardUpdater>().CardForAsync(sender, id!, turn.IsPersonal, turn.Language, ct).ConfigureAwait(false)
            : null;
        if (card is null)
        {
            await AnswerTextAsync(turn, turn.T("procedure.card.noneToSee"), ct).ConfigureAwait(false);
            return;
        }

        await AnswerCardAsync(turn, card, ct).ConfigureAwait(false);
    }

    /// <summary>Sends the sender's view of the procedure and remembers it so that it is updated in place later.</summary>
    private static async Task<bool> SendProcedureCardAsync(TurnContext turn, Sender sender, MatterId id, CancellationToken ct)
    {
        var updater = turn.Services.GetRequiredService<ProcedureCardUpdater>();
        var card = await updater.CardForAsync(sender, id, turn.IsPersonal, turn.Language, ct).ConfigureAwait(false);
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

    /// <summary>The sender when <paramref name="check"/> allows them; the procedure's refusals are told in the turn's language.</summary>
    private static async Task<Sender?> RequireAsync(TurnContext turn, Func<Sender, AuthorizationResult> check, CancellationToken ct)
    {
        var sender = await Directory(turn).IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return null;
        }

        var result = check(sender);
        if (result.IsAllowed)
        {
            return sender;
        }

        if (result.DenialReason?.StartsWith(ProcedureAuthorization.DenialPrefix, StringComparison.Ordinal) != true)
        {
            // Not one of the procedure's refusals: the directory answers it as it answers every other command.
            return await Directory(turn).RequireAsync(turn, check, ct).ConfigureAwait(false);
        }

        await turn.SendTextAsync(turn.Denial(result.DenialReason), ct).ConfigureAwait(false);
        return null;
    }

    private static BureauDirectory Directory(TurnContext turn) => turn.Services.GetRequiredService<BureauDirectory>();
}
