using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>What the President has answered so far.</summary>
public sealed record OralReportState
{
    /// <summary>This report's draft id: the key that makes its recording happen once.</summary>
    public string? DraftId { get; init; }

    public string? MatterId { get; init; }
    public string? TimeZone { get; init; }
    public DateTimeOffset? InteractionAt { get; init; }
    public string? WithWhom { get; init; }
    public string? Summary { get; init; }
    public string? Outcome { get; init; }
    public string? NextSteps { get; init; }
    public bool? Verified { get; init; }
}

/// <summary>
/// <c>oral report</c>: after each interaction the President reports orally to the Bureau (para 20); this
/// records the summary on the matter's timeline (which matter, when, with whom, summary, outcome, next
/// steps, and for 7(b) whether the information was verified) and raises the notification to the Bureau.
/// </summary>
public sealed class OralReportDialog : WaterfallDialog<OralReportState>
{
    public const string DialogId = nameof(OralReportDialog);

    private static class Prompts
    {
        public const string Matter = "matter";
        public const string When = "when";
        public const string WithWhom = "withWhom";
        public const string Summary = "summary";
        public const string Outcome = "outcome";
        public const string NextSteps = "nextSteps";
        public const string Verified = "verified";
    }

    private readonly IMatterRepository _matters;
    private readonly IRosterRepository _rosters;
    private readonly BotCards _cards;
    private readonly TimeProvider _time;

    public OralReportDialog(IMatterRepository matters, IRosterRepository rosters, BotCards cards, TimeProvider time)
        : base(DialogId)
    {
        _matters = matters;
        _rosters = rosters;
        _cards = cards;
        _time = time;
        AddPrompt(new ChoicePrompt(Prompts.Matter));
        AddPrompt(new DateTimePrompt(Prompts.When, time, at => at > time.GetUtcNow().AddMinutes(5) ? "That time is in the future; give the time the interaction took place." : null));
        AddPrompt(new TextPrompt(Prompts.WithWhom, maxLength: 300));
        AddPrompt(new TextPrompt(Prompts.Summary, maxLength: 4000));
        AddPrompt(new TextPrompt(Prompts.Outcome, maxLength: 2000));
        AddPrompt(new TextPrompt(Prompts.NextSteps, maxLength: 2000));
        AddPrompt(new ConfirmPrompt(Prompts.Verified));
        Steps(AskMatterAsync, AskWhenAsync, AskWithWhomAsync, AskSummaryAsync, AskOutcomeAsync, AskNextStepsAsync, AskVerifiedAsync, RecordAsync);
    }

    protected override string TooManyAttemptsMessage => "I could not read those answers, so I have stopped here. Nothing was saved. Type oral report to start again.";

    private async Task<DialogTurn> AskMatterAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        var open = await _matters.ListOpenAsync(ct).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return await step.CancelAsync("There is no open matter to report on.", ct).ConfigureAwait(false);
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false);
        var zone = roster?.FindMemberByAadObjectId(step.Turn.Activity.From?.AadObjectId ?? string.Empty)?.TimeZone;
        step.State = step.State with { TimeZone = zone, DraftId = Guid.NewGuid().ToString("N") };
        if (step.State.MatterId is { } given && open.Any(m => m.Id.Value == given))
        {
            return await step.NextAsync(given, ct).ConfigureAwait(false);
        }

        var choices = open.Select(m => new Choice(m.Id.Value, $"{m.Id} {m.RequestedState.Name} {m.Scenario.Label()}", $"{m.CourtReference.Value}, {m.Request.Label()}", [m.CourtReference.Value])).ToList();
        return await step.PromptAsync(Prompts.Matter, new PromptRequest { Text = "Oral report. Which matter?", Choices = choices }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskWhenAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { MatterId = step.Result<string>() };
        var zone = step.State.TimeZone ?? "UTC";
        return step.PromptAsync(Prompts.When, new PromptRequest { Text = $"When did the interaction take place? (for example today 14:30; read in {zone})", TimeZone = zone }, ct);
    }

    private Task<DialogTurn> AskWithWhomAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { InteractionAt = step.Result<DateTimeOffset>() };
        return step.PromptAsync(Prompts.WithWhom, "With whom? (officials of the requested State or other stakeholders)", ct);
    }

    private Task<DialogTurn> AskSummaryAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { WithWhom = step.Result<string>() };
        return step.PromptAsync(Prompts.Summary, "Summary of the interaction:", ct);
    }

    private Task<DialogTurn> AskOutcomeAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { Summary = step.Result<string>() };
        return step.PromptAsync(Prompts.Outcome, "Outcome? (reply none if there is none yet)", ct);
    }

    private Task<DialogTurn> AskNextStepsAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { Outcome = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.PromptAsync(Prompts.NextSteps, "Next steps? (reply none if there are none)", ct);
    }

    private async Task<DialogTurn> AskVerifiedAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { NextSteps = DialogAnswers.NoneToNull(step.Result<string>()) };
        var matter = await _matters.GetAsync(MatterId.Parse(step.State.MatterId!), ct).ConfigureAwait(false);
        return matter?.Scenario == Scenario.Urgent7B
            ? await step.PromptAsync(Prompts.Verified, "This is a 7(b) matter: has the information that led the President to act been verified? (para 19)", ct).ConfigureAwait(false)
            : await step.NextAsync(null, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> RecordAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        var verified = step.HasResult ? step.Result<bool>() : (bool?)null;
        var s = step.State with { Verified = verified };
        var commandId = "oralreport:" + (s.DraftId ?? Guid.NewGuid().ToString("N"));
        if (await _matters.FindCompletedCommandAsync(commandId, ct).ConfigureAwait(false) is not null)
        {
            // Recorded before (its reply failed, or Teams re-delivered): say so again, change nothing.
            return await step.EndAsync(s.MatterId, Recorded(s.MatterId), ct).ConfigureAwait(false);
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(roster, step.Turn.Activity.From?.AadObjectId, (a, m) => a.CanRecordOralReport(m), Authorization.OralReportDenied);
        if (sender is null)
        {
            return await step.CancelAsync(denial, ct).ConfigureAwait(false);
        }

        var matter = await _matters.GetAsync(MatterId.Parse(s.MatterId!), ct).ConfigureAwait(false);
        if (matter is null || matter.IsClosed)
        {
            return await step.CancelAsync($"Matter {s.MatterId} is no longer open. Nothing was saved.", ct).ConfigureAwait(false);
        }

        try
        {
            matter.RecordOralReport(Actor.From(sender), s.InteractionAt!.Value, s.WithWhom!, s.Summary!, s.Outcome, s.NextSteps, s.Verified, _time);
            await _matters.UpdateAsync(matter, matter.Version, commandId, ct).ConfigureAwait(false);
        }
        catch (CommandAlreadyCompletedException)
        {
            return await step.EndAsync(s.MatterId, Recorded(s.MatterId), ct).ConfigureAwait(false);
        }
        catch (MatterRuleException ex)
        {
            return await step.CancelAsync(ex.Message + " Nothing was saved.", ct).ConfigureAwait(false);
        }
        catch (MatterConcurrencyException)
        {
            return await step.CancelAsync($"Matter {s.MatterId} was changed by someone else at the same moment, so your report was not saved. Please type oral report again.", ct).ConfigureAwait(false);
        }

        await step.Turn.SendCardAsync(_cards.Bind("oral-report", new JsonObject
        {
            ["reportId"] = s.MatterId,
            ["matter"] = new JsonObject { ["reference"] = InertText.Of(matter.CourtReference.Value), ["requestedState"] = matter.RequestedState.Name, ["scenario"] = matter.Scenario.Label() },
            ["when"] = MatterCards.When(s.InteractionAt!.Value),
            ["withWhom"] = InertText.Of(s.WithWhom),
            ["summary"] = InertText.Of(s.Summary),
            ["outcome"] = s.Outcome is null ? "—" : InertText.Of(s.Outcome),
            ["nextSteps"] = s.NextSteps is null ? "—" : InertText.Of(s.NextSteps),
            ["verified"] = s.Verified,
        }), ct).ConfigureAwait(false);
        return await step.EndAsync(s.MatterId, Recorded(s.MatterId), ct).ConfigureAwait(false);
    }

    private static string Recorded(string? matterId) => $"Oral report recorded on {matterId}. The Bureau is being notified.";

}
