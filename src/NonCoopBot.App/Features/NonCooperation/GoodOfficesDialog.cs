using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>What the President has answered so far.</summary>
public sealed record GoodOfficesState
{
    /// <summary>This draft's id: on its summary card's buttons, and the key that makes its completion happen once.</summary>
    public string? DraftId { get; init; }

    public string? StateCode { get; init; }
    public Scenario? Scenario { get; init; }
    public GoodOfficesBasis? Basis { get; init; }
    public CourtRequest? Request { get; init; }
    public string? Reference { get; init; }
    public string? PersonSought { get; init; }
    public string? Known { get; init; }
    public string? ToVerify { get; init; }
    public List<string> FocalPointIds { get; init; } = [];
}

/// <summary>
/// <c>good offices</c>: the President (or the acting Vice-President) gives the requested State, the
/// scenario, the Court request and reference, the person sought, for 7(b) what is known and what must
/// still be verified (para 19), and the focal points to involve; confirms a summary; then the matter is
/// opened and the initiative recorded. The alert to the Bureau leaves through the matter's outbox (para 17).
/// </summary>
public sealed class GoodOfficesDialog : WaterfallDialog<GoodOfficesState>
{
    public const string DialogId = nameof(GoodOfficesDialog);

    private static class Prompts
    {
        public const string State = "state";
        public const string Scenario = "scenario";
        public const string Basis = "basis";
        public const string Request = "request";
        public const string Reference = "reference";
        public const string Person = "person";
        public const string Known = "known";
        public const string ToVerify = "toVerify";
        public const string FocalPoints = "focalPoints";
        public const string Confirm = "confirm";
    }

    private readonly StateDirectory _states;
    private readonly IRosterRepository _rosters;
    private readonly IMatterRepository _matters;
    private readonly BotCards _cards;
    private readonly TimeProvider _time;

    public GoodOfficesDialog(StateDirectory states, IRosterRepository rosters, IMatterRepository matters, BotCards cards, TimeProvider time)
        : base(DialogId)
    {
        _states = states;
        _rosters = rosters;
        _matters = matters;
        _cards = cards;
        _time = time;
        AddPrompt(new TextPrompt(Prompts.State, maxLength: 100, validator: ValidateState));
        AddPrompt(new ChoicePrompt(Prompts.Scenario));
        AddPrompt(new ChoicePrompt(Prompts.Basis));
        AddPrompt(new ChoicePrompt(Prompts.Request));
        AddPrompt(new TextPrompt(Prompts.Reference, maxLength: 100));
        AddPrompt(new TextPrompt(Prompts.Person, maxLength: 200));
        AddPrompt(new TextPrompt(Prompts.Known, maxLength: 2000));
        AddPrompt(new TextPrompt(Prompts.ToVerify, maxLength: 2000));
        AddPrompt(new FocalPointsPrompt(Prompts.FocalPoints));
        AddPrompt(new ConfirmPrompt(Prompts.Confirm, yesVerb: MatterRoutes.ConfirmGoodOfficesVerb, noVerb: MatterRoutes.CancelGoodOfficesVerb));
        Steps(AskStateAsync, AskScenarioAsync, AskBasisAsync, AskRequestAsync, AskReferenceAsync, AskPersonAsync, AskKnownAsync, AskToVerifyAsync, AskFocalPointsAsync, ConfirmAsync, OpenMatterAsync);
    }

    protected override string TooManyAttemptsMessage => "I could not read those answers, so I have stopped here. Nothing was saved and nobody was alerted. Type good offices to start again.";

    private static readonly IReadOnlyList<Choice> Scenarios =
    [
        new("7a", "7(a) Court referral", "The Court has referred the matter to the Assembly by a decision.", ["7(a)", "referral"]),
        new("7b", "7(b) No referral yet", "Reasons to believe a serious incident concerning an arrest and surrender request is about to occur or is ongoing; confidential.", ["7(b)", "urgent"]),
    ];

    private static readonly IReadOnlyList<Choice> Bases =
    [
        new(nameof(GoodOfficesBasis.OwnInitiativeUrgent7A), "Urgent (para 17)", "An arrest and surrender may no longer be possible by the time the Bureau could meet.", ["urgent"]),
        new(nameof(GoodOfficesBasis.BureauDecision), "Bureau decision (para 18)", "The Bureau has decided that the President acts.", ["bureau", "decision"]),
    ];

    private static readonly IReadOnlyList<Choice> Requests =
    [
        new(nameof(CourtRequest.Art89ArrestAndSurrender), "Art. 89 arrest and surrender", null, ["89", "art 89", "arrest"]),
        new(nameof(CourtRequest.Art93OtherCooperation), "Art. 93 other cooperation", null, ["93", "art 93", "other"]),
    ];

    private Task<DialogTurn> AskStateAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { DraftId = Guid.NewGuid().ToString("N") };
        return step.PromptAsync(Prompts.State, "Good offices. Which State is the requested State? (Type cancel at any time to stop; nothing is saved until you confirm.)", ct);
    }

    private async Task<DialogTurn> AskScenarioAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        var state = _states.Match(step.Result<string>()).State!;
        if (!state.IsRequestedStateOn(Today))
        {
            return await step.CancelAsync($"{state.Name} is not a State Party and has no ad hoc arrangement or agreement with the Court on record. {Matter.NotARequestedStateMessage} Nothing was saved.", ct).ConfigureAwait(false);
        }

        step.State = step.State with { StateCode = state.Code };
        return await step.PromptAsync(Prompts.Scenario, new PromptRequest { Text = $"Requested State: {state.Name}. Which scenario?", Choices = Scenarios }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskBasisAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        var scenario = step.Result<string>() == "7b" ? Scenario.Urgent7B : Scenario.CourtReferral7A;
        step.State = step.State with { Scenario = scenario };
        return scenario == Scenario.Urgent7B
            ? step.NextAsync(nameof(GoodOfficesBasis.OwnInitiativeScenario7B), ct)
            : step.PromptAsync(Prompts.Basis, new PromptRequest { Text = "On what basis does the President act in this 7(a) matter?", Choices = Bases }, ct);
    }

    private async Task<DialogTurn> AskRequestAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { Basis = Enum.Parse<GoodOfficesBasis>(step.Result<string>()) };
        if (step.State.Scenario == Scenario.Urgent7B)
        {
            await step.Turn.SendTextAsync("Scenario 7(b) concerns a request for arrest and surrender (art. 89), so I have recorded that.", ct).ConfigureAwait(false);
            return await step.NextAsync(nameof(CourtRequest.Art89ArrestAndSurrender), ct).ConfigureAwait(false);
        }

        return await step.PromptAsync(Prompts.Request, new PromptRequest { Text = "Which Court request?", Choices = Requests }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskReferenceAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        var request = Enum.Parse<CourtRequest>(step.Result<string>());
        if (step.State.Basis == GoodOfficesBasis.OwnInitiativeUrgent7A && request != CourtRequest.Art89ArrestAndSurrender)
        {
            return step.CancelAsync("The urgency basis of para 17 concerns a request for arrest and surrender (art. 89); for an art. 93 request the President acts as the Bureau decides (para 18). Nothing was saved; start again with good offices.", ct);
        }

        step.State = step.State with { Request = request };
        return step.PromptAsync(Prompts.Reference, "What is the Court's reference for the request? (for example ICC-02/05-01/09)", ct);
    }

    private Task<DialogTurn> AskPersonAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { Reference = step.Result<string>() };
        return step.PromptAsync(Prompts.Person, "Who is the person sought? (reply none if there is none)", ct);
    }

    private Task<DialogTurn> AskKnownAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { PersonSought = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.State.Scenario == Scenario.Urgent7B
            ? step.PromptAsync(Prompts.Known, "What is known so far? (the information that leads the President to act)", ct)
            : step.NextAsync(null, ct);
    }

    private Task<DialogTurn> AskToVerifyAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        if (step.State.Scenario != Scenario.Urgent7B)
        {
            return step.NextAsync(null, ct);
        }

        step.State = step.State with { Known = step.Result<string>() };
        return step.PromptAsync(Prompts.ToVerify, "What must still be verified? (para 19: the President verifies the information in 7(b))", ct);
    }

    private async Task<DialogTurn> AskFocalPointsAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        if (step.State.Scenario == Scenario.Urgent7B)
        {
            step.State = step.State with { ToVerify = step.Result<string>() };
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var choices = roster.FocalPoints.Select(m => new Choice(m.Id, $"{m.DisplayName} ({StateName(m.StateCode)}, {m.RegionalGroup.DisplayName()})", null, [m.DisplayName])).ToList();
        return await step.PromptAsync(Prompts.FocalPoints, new PromptRequest { Text = "Which regional focal points should assist? (para 19)", Choices = choices }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> ConfirmAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { FocalPointIds = step.Result<List<string>>() };
        var s = step.State;
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var focal = s.FocalPointIds.Select(roster.FindMemberById).OfType<BureauMember>()
            .Select(m => (JsonNode)new JsonObject { ["name"] = InertText.Of(m.DisplayName), ["state"] = StateName(m.StateCode), ["group"] = m.RegionalGroup.DisplayName() });
        var card = _cards.Bind("good-offices-summary", new JsonObject
        {
            ["draftId"] = s.DraftId,
            ["requestedState"] = StateName(s.StateCode!),
            ["scenario"] = s.Scenario!.Value.Label(),
            ["scenarioText"] = s.Scenario.Value.Explanation(),
            ["courtRequest"] = s.Request!.Value.Label(),
            ["reference"] = InertText.Of(s.Reference),
            ["personSought"] = s.PersonSought is null ? "—" : InertText.Of(s.PersonSought),
            ["known"] = s.Known is null ? "—" : InertText.Of(s.Known),
            ["toVerify"] = s.ToVerify is null ? "—" : InertText.Of(s.ToVerify),
            ["focalPoints"] = new JsonArray([.. focal]),
        });
        return await step.PromptAsync(Prompts.Confirm, new PromptRequest
        {
            Text = "Confirm: open the matter, record the good offices and alert every Bureau member now? (yes / no)",
            RetryText = "Please answer yes to confirm or no to cancel.",
            Card = card,
            ActionToken = s.DraftId,
        }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> OpenMatterAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        if (!step.Result<bool>())
        {
            return await step.CancelAsync("Cancelled. Nothing was saved and nobody was alerted.", ct).ConfigureAwait(false);
        }

        var s = step.State;
        var commandId = "goodoffices:" + (s.DraftId ?? Guid.NewGuid().ToString("N"));
        if (await _matters.FindCompletedCommandAsync(commandId, ct).ConfigureAwait(false) is { } done)
        {
            // This draft was confirmed before (its reply failed, or Teams re-delivered): say so again, change nothing.
            return await step.EndAsync(done.Value, Opened(done), ct).ConfigureAwait(false);
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(roster, step.Turn.Activity.From?.AadObjectId, (a, m) => a.CanTriggerGoodOffices(m), Authorization.GoodOfficesDenied);
        if (sender is null)
        {
            return await step.CancelAsync(denial, ct).ConfigureAwait(false);
        }

        var actor = Actor.From(sender);
        var opening = new MatterOpening(_states.GetByCode(s.StateCode!), s.Scenario!.Value, s.Request!.Value, s.Reference!, s.PersonSought, s.Known, s.ToVerify);
        var opened = Matter.Open(opening, await _matters.NextSequenceAsync(ct).ConfigureAwait(false), actor, _time);
        if (opened.Matter is not { } matter)
        {
            return await step.CancelAsync(opened.RefusalReason + " Nothing was saved.", ct).ConfigureAwait(false);
        }

        try
        {
            matter.TriggerGoodOffices(actor, s.Basis!.Value, null, _time);
            foreach (var member in s.FocalPointIds.Select(roster.FindMemberById).OfType<BureauMember>())
            {
                matter.RequestAssistance(actor, member, "Assist the President's good offices (para 19).", _time);
            }
        }
        catch (MatterRuleException ex)
        {
            return await step.CancelAsync(ex.Message + " Nothing was saved.", ct).ConfigureAwait(false);
        }

        try
        {
            await _matters.AddAsync(matter, commandId, ct).ConfigureAwait(false);
        }
        catch (CommandAlreadyCompletedException ex)
        {
            return await step.EndAsync(ex.MatterId.Value, Opened(ex.MatterId), ct).ConfigureAwait(false);
        }

        var warnings = opened.Warnings.Count == 0 ? string.Empty : " Note: " + string.Join(" ", opened.Warnings);
        return await step.EndAsync(matter.Id.Value, Opened(matter.Id) + warnings, ct).ConfigureAwait(false);
    }

    private static string Opened(MatterId id) =>
        $"Matter {id} opened and the President's good offices recorded. Every Bureau member is being alerted now; type status {id} to follow it.";

    private string? ValidateState(string text)
    {
        var match = _states.Match(text);
        return match.Kind switch
        {
            StateMatchKind.Exact => null,
            StateMatchKind.Ambiguous => $"\"{InertText.Of(text)}\" could be {string.Join(" or ", match.Candidates.Take(4).Select(c => c.Name))}. Which one?",
            _ => match.Candidates.Count > 0
                ? $"I do not know a State called \"{InertText.Of(text)}\". Did you mean {string.Join(" or ", match.Candidates.Take(3).Select(c => c.Name))}?"
                : $"I do not know a State called \"{InertText.Of(text)}\". Please give its name as in the UN list.",
        };
    }

    private string StateName(string code) => _states.FindByCode(code)?.Name ?? code;

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

}
