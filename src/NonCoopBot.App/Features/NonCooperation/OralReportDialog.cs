using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>What the President has answered so far.</summary>
public sealed record OralReportState : IDialogState<OralReportState>
{
    public static JsonTypeInfo<OralReportState> JsonTypeInfo => DialogStateJson.Default.OralReportState;

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
        AddPrompt(new DateTimePrompt(Prompts.When, time, (turn, at) => at > time.GetUtcNow().AddMinutes(5) ? turn.T("oralReport.whenInFuture") : null));
        AddPrompt(new TextPrompt(Prompts.WithWhom, maxLength: 300));
        AddPrompt(new TextPrompt(Prompts.Summary, maxLength: 4000));
        AddPrompt(new TextPrompt(Prompts.Outcome, maxLength: 2000));
        AddPrompt(new TextPrompt(Prompts.NextSteps, maxLength: 2000));
        AddPrompt(new ConfirmPrompt(Prompts.Verified));
        Steps(AskMatterAsync, AskWhenAsync, AskWithWhomAsync, AskSummaryAsync, AskOutcomeAsync, AskNextStepsAsync, AskVerifiedAsync, RecordAsync);
    }

    protected override string TooManyAttemptsText(TurnContext turn) => turn.T("oralReport.tooManyAttempts", ("oralReport", turn.T("command.oralReport")));

    private async Task<DialogTurn> AskMatterAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        var open = await _matters.ListOpenAsync(ct).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return await step.CancelAsync(step.Turn.T("oralReport.noOpenMatter"), ct).ConfigureAwait(false);
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false);
        var zone = roster?.FindMemberByAadObjectId(step.Turn.Activity.From?.AadObjectId ?? string.Empty)?.TimeZone;
        step.State = step.State with { TimeZone = zone, DraftId = Guid.NewGuid().ToString("N") };
        if (step.State.MatterId is { } given && open.Any(m => m.Id.Value == given))
        {
            return await step.NextAsync(given, ct).ConfigureAwait(false);
        }

        var texts = step.Turn.Texts();
        var choices = open.Select(m => MatterCards.ChoiceOf(m, step.Turn.Language, $"{m.CourtReference.Value}, {texts.RequestLabel(step.Turn.Language, m.Request)}")).ToList();
        return await step.PromptAsync(Prompts.Matter, new PromptRequest { Text = step.Turn.T("oralReport.askMatter"), Choices = choices }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskWhenAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { MatterId = step.Result<string>() };
        var zone = step.State.TimeZone ?? "UTC";
        return step.PromptAsync(Prompts.When, new PromptRequest { Text = step.Turn.T("oralReport.askWhen", ("zone", zone)), TimeZone = zone }, ct);
    }

    private Task<DialogTurn> AskWithWhomAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { InteractionAt = step.Result<DateTimeOffset>() };
        return step.PromptAsync(Prompts.WithWhom, step.Turn.T("oralReport.askWithWhom"), ct);
    }

    private Task<DialogTurn> AskSummaryAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { WithWhom = step.Result<string>() };
        return step.PromptAsync(Prompts.Summary, step.Turn.T("oralReport.askSummary"), ct);
    }

    private Task<DialogTurn> AskOutcomeAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { Summary = step.Result<string>() };
        return step.PromptAsync(Prompts.Outcome, step.Turn.T("oralReport.askOutcome"), ct);
    }

    private Task<DialogTurn> AskNextStepsAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { Outcome = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.PromptAsync(Prompts.NextSteps, step.Turn.T("oralReport.askNextSteps"), ct);
    }

    private async Task<DialogTurn> AskVerifiedAsync(WaterfallStep<OralReportState> step, CancellationToken ct)
    {
        step.State = step.State with { NextSteps = DialogAnswers.NoneToNull(step.Result<string>()) };
        var matter = await _matters.GetAsync(MatterId.Parse(step.State.MatterId!), ct).ConfigureAwait(false);
        return matter?.Scenario == Scenario.Urgent7B
            ? await step.PromptAsync(Prompts.Verified, step.Turn.T("oralReport.askVerified"), ct).ConfigureAwait(false)
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
            return await step.EndAsync(s.MatterId, Recorded(step.Turn, s.MatterId), ct).ConfigureAwait(false);
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(step.Turn, roster, (a, m) => a.CanRecordOralReport(m), Authorization.OralReportDenied);
        if (sender is null)
        {
            return await step.CancelAsync(denial, ct).ConfigureAwait(false);
        }

        var matter = await _matters.GetAsync(MatterId.Parse(s.MatterId!), ct).ConfigureAwait(false);
        if (matter is null || matter.IsClosed)
        {
            return await step.CancelAsync(step.Turn.T("oralReport.noLongerOpen", ("id", s.MatterId)), ct).ConfigureAwait(false);
        }

        try
        {
            matter.RecordOralReport(Actor.From(sender), s.InteractionAt!.Value, s.WithWhom!, s.Summary!, s.Outcome, s.NextSteps, s.Verified, _time);
            await _matters.UpdateAsync(matter, matter.Version, commandId, ct).ConfigureAwait(false);
        }
        catch (CommandAlreadyCompletedException)
        {
            return await step.EndAsync(s.MatterId, Recorded(step.Turn, s.MatterId), ct).ConfigureAwait(false);
        }
        catch (MatterRuleException ex)
        {
            return await step.CancelAsync(step.Turn.Texts().RuleText(step.Turn.Language, ex) + " " + step.Turn.T("goodOffices.nothingSaved"), ct).ConfigureAwait(false);
        }
        catch (MatterConcurrencyException)
        {
            return await step.CancelAsync(step.Turn.T("oralReport.changedMeanwhile", ("id", s.MatterId), ("oralReport", step.Turn.T("command.oralReport"))), ct).ConfigureAwait(false);
        }

        await step.Turn.SendCardAsync(_cards.Bind("oral-report", new JsonObject
        {
            ["reportId"] = s.MatterId,
            ["matter"] = new JsonObject { ["reference"] = InertText.Of(matter.CourtReference.Value), ["requestedState"] = matter.RequestedState.NameIn(step.Turn.Language), ["scenario"] = matter.Scenario.Label() },
            ["when"] = step.Turn.Texts().FormatDateTimeUtc(step.Turn.Language, s.InteractionAt!.Value),
            ["withWhom"] = InertText.Of(s.WithWhom),
            ["summary"] = InertText.Of(s.Summary),
            ["outcome"] = s.Outcome is null ? "—" : InertText.Of(s.Outcome),
            ["nextSteps"] = s.NextSteps is null ? "—" : InertText.Of(s.NextSteps),
            ["verified"] = s.Verified,
        }, step.Turn.Language), ct).ConfigureAwait(false);
        return await step.EndAsync(s.MatterId, Recorded(step.Turn, s.MatterId), ct).ConfigureAwait(false);
    }

    private static string Recorded(TurnContext turn, string? matterId) => turn.T("oralReport.recorded", ("id", matterId));

}
