using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.FocalPoints;

/// <summary>What the President has answered so far.</summary>
public sealed record AskForHelpState
{
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

    protected override string TooManyAttemptsMessage => "I could not read those answers, so I have stopped here. Nothing was saved. Type ask for help to start again.";

    private async Task<DialogTurn> AskMatterAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        var open = await _matters.ListOpenAsync(ct).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return await step.CancelAsync("There is no open matter.", ct).ConfigureAwait(false);
        }

        if (step.State.MatterId is { } given && open.Any(m => m.Id.Value == given))
        {
            return await step.NextAsync(given, ct).ConfigureAwait(false);
        }

        var choices = open.Select(m => new Choice(m.Id.Value, $"{m.Id} {m.RequestedState.Name} {m.Scenario.Label()}", m.CourtReference.Value, [m.CourtReference.Value])).ToList();
        return await step.PromptAsync("matter", new PromptRequest { Text = "Ask for help. Which matter?", Choices = choices }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> AskWhoAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        step.State = step.State with { MatterId = step.Result<string>() };
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var self = step.Turn.Activity.From?.AadObjectId ?? string.Empty;
        var choices = roster.Members
            .Where(m => roster.FindMemberByAadObjectId(self)?.Id != m.Id)
            .OrderByDescending(m => m.IsFocalPoint)
            .Select(m => new Choice(m.Id, m.IsFocalPoint ? $"{m.DisplayName} (focal point, {m.RegionalGroup.DisplayName()})" : m.DisplayName, null, [m.Id, m.DisplayName]))
            .ToList();
        return await step.PromptAsync("who", new PromptRequest { Text = "Whom do you ask to assist (para 19)? Focal points are listed first; any Bureau member may be asked.", Choices = choices }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskBriefAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        var picked = step.Result<List<string>>();
        if (picked.Count == 0)
        {
            return step.CancelAsync("No one was chosen, so no one was asked. Nothing was saved.", ct);
        }

        step.State = step.State with { MemberIds = picked };
        return step.PromptAsync("brief", "A short brief: what do you ask them to do?", ct);
    }

    private async Task<DialogTurn> RecordAsync(WaterfallStep<AskForHelpState> step, CancellationToken ct)
    {
        var s = step.State with { Brief = step.Result<string>() };
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(step.Turn, roster, (a, m) => a.CanRequestAssistance(new Principal.Member(m)), Authorization.AssistanceDenied);
        if (sender is null)
        {
            return await step.CancelAsync(denial, ct).ConfigureAwait(false);
        }

        var matter = await _matters.GetAsync(MatterId.Parse(s.MatterId!), ct).ConfigureAwait(false);
        if (matter is null || matter.IsClosed)
        {
            return await step.CancelAsync($"Matter {s.MatterId} is no longer open. Nothing was saved.", ct).ConfigureAwait(false);
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
            return await step.CancelAsync(ex.Message + " Nothing was saved.", ct).ConfigureAwait(false);
        }
        catch (MatterConcurrencyException)
        {
            return await step.CancelAsync($"Matter {s.MatterId} was changed by someone else at the same moment, so nothing was saved. Please type ask for help again.", ct).ConfigureAwait(false);
        }

        var notReached = new List<string>();
        foreach (var (member, request) in asked.Zip(requests))
        {
            if (!await _messages.SendAsync(member.AadObjectId, _messages.AssistanceRequestCard(matter, request), step.Turn.Activity, ct).ConfigureAwait(false))
            {
                notReached.Add(member.DisplayName);
            }
        }

        var names = string.Join(", ", asked.Select(m => m.DisplayName));
        var tail = notReached.Count == 0 ? string.Empty : $" The request could not be delivered to {string.Join(", ", notReached)}; it is on the timeline.";
        return await step.EndAsync(s.MatterId, $"Request for assistance on {s.MatterId} sent to {names}, each in their own chat with me. You will see each answer here.{tail}", ct).ConfigureAwait(false);
    }
}
