using System.Text.Json.Serialization.Metadata;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.FocalPoints;

/// <summary>What the President has answered so far.</summary>
public sealed record AskForHelpState : IDialogState<AskForHelpState>
{
    public static JsonTypeInfo<AskForHelpState> JsonTypeInfo => DialogStateJson.Default.AskForHelpState;

    public string? MatterId { get; init; }
    public List<string>? MemberIds { get; init; }
    public string? Brief { get; init; }
}

/// <summary>
/// <c>ask for help</c> (para 19): the President asks one or more focal points or other Bureau members to assist
/// on a matter with a short brief. Each person asked gets a card in their own 1:1 chat (never anyone else, so a
/// 7(b) request reaches only the person asked) and answers accept or decline with a reason.
/// </summary>
public sealed class AskForHelpDialog : WaterfallDialog<AskForHelpState>
{
    public const string DialogId = nameof(AskForHelpDialog);

    private readonly IMatterRepository _matters;
    private readonly IRosterRepository _rosters;
    private readonly FocalPointMessages _messages;
    private readonly TimeProvider _time;

    public AskForHelpDialog(IMatterRepository matters, IRosterRepository rosters, FocalPointMessages messages, TimeProvider time)
        : base(DialogId)
    {
        _matters = matters;
        _rosters = rosters;
        _messages = messages;
        _time = time;
        AddPrompt(new ChoicePrompt("matter"));
        AddPrompt(new FocalPointsPrompt("who"));
        AddPrompt(new TextPrompt("brief", maxLength: 1000));
        Steps(AskMatterAsync, AskWhoAsync, AskBriefAsync, RecordAsync);
    }

    protected override string TooManyAttemptsText(TurnContext turn) => turn.T("bureau.tooManyAttempts", ("command", turn.T("command.askForHelp")));

    private async Task<DialogTurn> AskMatterAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        var open = await _matters.ListOpenAsync(ct).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return await step.CancelAsync(step.Turn.T("focal.ask.noOpenMatter"), ct).ConfigureAwait(false);
        }

        if (step.State.MatterId is { } given && open.Any(m => m.Id.Value == given))
        {
            return await step.NextAsync(given, ct).ConfigureAwait(false);
        }

        var choices = open.Select(m => MatterCards.ChoiceOf(m, step.Turn.Language)).ToList();
        return await step.PromptAsync("matter", new PromptRequest { Text = step.Turn.T("focal.ask.whichMatter"), Choices = choices }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> AskWhoAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        step.State = step.State with { MatterId = step.Result<string>() };
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var self = step.Turn.Activity.From?.AadObjectId ?? string.Empty;
        var choices = roster.Members
            .Where(m => roster.FindMemberByAadObjectId(self)?.Id != m.Id)
            .OrderByDescending(m => m.IsFocalPoint)
            .Select(m => new Choice(m.Id, m.IsFocalPoint ? step.Turn.T("focal.ask.focalPointChoice", ("name", m.DisplayName), ("group", Rosters.RosterWording.Group(step.Turn.Services.GetRequiredService<NonCoopBot.Dialogs.Texts.TextCatalogue>(), step.Turn.Language, m.RegionalGroup))) : m.DisplayName, null, [m.Id, m.DisplayName]))
            .ToList();
        return await step.PromptAsync("who", new PromptRequest { Text = step.Turn.T("focal.ask.who"), Choices = choices }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskBriefAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        var picked = step.Result<List<string>>();
        if (picked.Count == 0)
        {
            return step.CancelAsync(step.Turn.T("focal.ask.noOne"), ct);
        }

        step.State = step.State with { MemberIds = picked };
        return step.PromptAsync("brief", step.Turn.T("focal.ask.brief"), ct);
    }

    private async Task<DialogTurn> RecordAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        var s = step.State with { Brief = step.Result<string>() };
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(step.Turn, roster, (a, m) => a.CanRequestAssistance(new Principal.Member(m)), Authorization.AssistanceDenied);
        if (sender is null)
        {
            return await step.CancelAsync(FocalPointRoutes.Denial(step.Turn, denial), ct).ConfigureAwait(false);
        }

        var matter = await _matters.GetAsync(MatterId.Parse(s.MatterId!), ct).ConfigureAwait(false);
        if (matter is null || matter.IsClosed)
        {
            return await step.CancelAsync(step.Turn.T("focal.ask.notOpen", ("matter", s.MatterId)), ct).ConfigureAwait(false);
        }

        var asked = s.MemberIds!.Select(roster.FindMemberById).OfType<BureauMember>().ToList();
        List<FocalPointAssistanceRequested> requests;
        try
        {
            requests = asked.Select(m => matter.RequestAssistance(Actor.From(sender), m, s.Brief!, _time)).ToList();
            await _matters.UpdateAsync(matter, matter.Version, ct).ConfigureAwait(false);
        }
        catch (MatterRuleException ex)
        {
            return await step.CancelAsync(step.Turn.T("focal.nothingSaved", ("reason", step.Turn.Texts().RuleText(step.Turn.Language, ex))), ct).ConfigureAwait(false);
        }
        catch (MatterConcurrencyException)
        {
            return await step.CancelAsync(step.Turn.T("focal.ask.concurrent", ("matter", s.MatterId), ("command", step.Turn.T("command.askForHelp"))), ct).ConfigureAwait(false);
        }

        var notReached = new List<string>();
        var languages = step.Turn.Services.GetRequiredService<LanguagePreferences>();
        foreach (var (member, request) in asked.Zip(requests))
        {
            // Each person asked reads the request in their own language.
            var language = await languages.OfMemberAsync(member, ct).ConfigureAwait(false);
            if (!await _messages.SendAsync(member.AadObjectId, _messages.AssistanceRequestCard(matter, request, language), step.Turn.Activity, ct).ConfigureAwait(false))
            {
                notReached.Add(member.DisplayName);
            }
        }

        var names = string.Join(", ", asked.Select(m => m.DisplayName));
        var tail = notReached.Count == 0 ? string.Empty : " " + step.Turn.T("focal.ask.notDelivered", ("names", string.Join(", ", notReached)));
        return await step.EndAsync(s.MatterId, step.Turn.T("focal.ask.sent", ("matter", s.MatterId), ("names", names)) + tail, ct).ConfigureAwait(false);
    }
}
