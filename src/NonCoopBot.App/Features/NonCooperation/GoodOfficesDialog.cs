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
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.NonCooperation;

/// <summary>What the President has answered so far.</summary>
public sealed record GoodOfficesState : IDialogState<GoodOfficesState>
{
    public static JsonTypeInfo<GoodOfficesState> JsonTypeInfo => DialogStateJson.Default.GoodOfficesState;

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
        AddPrompt(new TextPrompt(Prompts.State, 100, ValidateState));
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

    protected override string TooManyAttemptsText(TurnContext turn) => turn.T("goodOffices.tooManyAttempts", ("goodOffices", turn.T("command.goodOffices")));

    /// <summary>
    /// A choice in the turn's language: its title and description from <c>goodOffices.choice.&lt;name&gt;</c>; the titles and
    /// synonyms of every language are accepted from anyone (<c>….synonyms</c>, separated by '|').
    /// </summary>
    private static Choice Localized(TurnContext turn, string value, string name, bool described = true)
    {
        var texts = turn.Texts();
        var key = "goodOffices.choice." + name;
        var synonyms = TextCatalogue.Languages
            .SelectMany(l => new[] { texts.Get(l, key) }.Concat(texts.Get(l, key + ".synonyms").Split('|')))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Choice(value, turn.T(key), described ? turn.T(key + ".description") : null, synonyms);
    }

    private static IReadOnlyList<Choice> Scenarios(TurnContext turn) =>
        [Localized(turn, "7a", "7a"), Localized(turn, "7b", "7b")];

    private static IReadOnlyList<Choice> Bases(TurnContext turn) =>
    [
        Localized(turn, nameof(GoodOfficesBasis.OwnInitiativeUrgent7A), "urgent"),
        Localized(turn, nameof(GoodOfficesBasis.BureauDecision), "bureauDecision"),
    ];

    private static IReadOnlyList<Choice> Requests(TurnContext turn) =>
    [
        Localized(turn, nameof(CourtRequest.Art89ArrestAndSurrender), "art89", described: false),
        Localized(turn, nameof(CourtRequest.Art93OtherCooperation), "art93", described: false),
    ];

    private Task<DialogTurn> AskStateAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { DraftId = Guid.NewGuid().ToString("N") };
        return step.PromptAsync(Prompts.State, step.Turn.T("goodOffices.askState", ("cancel", step.Turn.T("command.cancel"))), ct);
    }

    private async Task<DialogTurn> AskScenarioAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        var state = _states.Match(step.Result<string>()).State!;
        if (Matter.RequestedStateRefusal(state, Today) is { } refusal)
        {
            return await step.CancelAsync(step.Turn.Texts().Say(step.Turn.Language, refusal) + " " + step.Turn.T("goodOffices.nothingSaved"), ct).ConfigureAwait(false);
        }

        step.State = step.State with { StateCode = state.Code };
        return await step.PromptAsync(Prompts.Scenario, new PromptRequest { Text = step.Turn.T("goodOffices.askScenario", ("state", state.NameIn(step.Turn.Language))), Choices = Scenarios(step.Turn) }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskBasisAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        var scenario = step.Result<string>() == "7b" ? Scenario.Urgent7B : Scenario.CourtReferral7A;
        step.State = step.State with { Scenario = scenario };
        return scenario == Scenario.Urgent7B
            ? step.NextAsync(nameof(GoodOfficesBasis.OwnInitiativeScenario7B), ct)
            : step.PromptAsync(Prompts.Basis, new PromptRequest { Text = step.Turn.T("goodOffices.askBasis"), Choices = Bases(step.Turn) }, ct);
    }

    private async Task<DialogTurn> AskRequestAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { Basis = Enum.Parse<GoodOfficesBasis>(step.Result<string>()) };
        if (step.State.Scenario == Scenario.Urgent7B)
        {
            await step.Turn.SendTextAsync(step.Turn.T("goodOffices.art89Recorded"), ct).ConfigureAwait(false);
            return await step.NextAsync(nameof(CourtRequest.Art89ArrestAndSurrender), ct).ConfigureAwait(false);
        }

        return await step.PromptAsync(Prompts.Request, new PromptRequest { Text = step.Turn.T("goodOffices.askRequest"), Choices = Requests(step.Turn) }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskReferenceAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        var request = Enum.Parse<CourtRequest>(step.Result<string>());
        if (step.State.Basis == GoodOfficesBasis.OwnInitiativeUrgent7A && request != CourtRequest.Art89ArrestAndSurrender)
        {
            return step.CancelAsync(step.Turn.T("goodOffices.urgencyIsArt89", ("goodOffices", step.Turn.T("command.goodOffices"))), ct);
        }

        step.State = step.State with { Request = request };
        return step.PromptAsync(Prompts.Reference, step.Turn.T("goodOffices.askReference"), ct);
    }

    private Task<DialogTurn> AskPersonAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { Reference = step.Result<string>() };
        return step.PromptAsync(Prompts.Person, step.Turn.T("goodOffices.askPerson"), ct);
    }

    private Task<DialogTurn> AskKnownAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { PersonSought = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.State.Scenario == Scenario.Urgent7B
            ? step.PromptAsync(Prompts.Known, step.Turn.T("goodOffices.askKnown"), ct)
            : step.NextAsync(null, ct);
    }

    private Task<DialogTurn> AskToVerifyAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        if (step.State.Scenario != Scenario.Urgent7B)
        {
            return step.NextAsync(null, ct);
        }

        step.State = step.State with { Known = step.Result<string>() };
        return step.PromptAsync(Prompts.ToVerify, step.Turn.T("goodOffices.askToVerify"), ct);
    }

    private async Task<DialogTurn> AskFocalPointsAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        if (step.State.Scenario == Scenario.Urgent7B)
        {
            step.State = step.State with { ToVerify = step.Result<string>() };
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var texts = step.Turn.Texts();
        var choices = roster.FocalPoints.Select(m => new Choice(m.Id, $"{m.DisplayName} ({StateDirectory.NameOf(m.StateCode, step.Turn.Language)}, {texts.GroupLabel(step.Turn.Language, m.RegionalGroup)})", null, [m.DisplayName])).ToList();
        return await step.PromptAsync(Prompts.FocalPoints, new PromptRequest { Text = step.Turn.T("goodOffices.askFocalPoints"), Choices = choices }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> ConfirmAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        step.State = step.State with { FocalPointIds = step.Result<List<string>>() };
        var s = step.State;
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var language = step.Turn.Language;
        var texts = step.Turn.Texts();
        var focal = s.FocalPointIds.Select(roster.FindMemberById).OfType<BureauMember>()
            .Select(m => (JsonNode)new JsonObject { ["name"] = InertText.Of(m.DisplayName), ["state"] = StateDirectory.NameOf(m.StateCode, language), ["group"] = texts.GroupLabel(language, m.RegionalGroup) });
        var card = _cards.Bind("good-offices-summary", new JsonObject
        {
            ["draftId"] = s.DraftId,
            ["requestedState"] = StateDirectory.NameOf(s.StateCode, language),
            ["scenario"] = s.Scenario!.Value.Label(),
            ["scenarioText"] = texts.ScenarioExplanation(language, s.Scenario.Value),
            ["courtRequest"] = texts.RequestLabel(language, s.Request!.Value),
            ["reference"] = InertText.Of(s.Reference),
            ["personSought"] = s.PersonSought is null ? "—" : InertText.Of(s.PersonSought),
            ["known"] = s.Known is null ? "—" : InertText.Of(s.Known),
            ["toVerify"] = s.ToVerify is null ? "—" : InertText.Of(s.ToVerify),
            ["focalPoints"] = new JsonArray([.. focal]),
        }, language);
        return await step.PromptAsync(Prompts.Confirm, new PromptRequest
        {
            Text = step.Turn.T("goodOffices.confirm"),
            RetryText = step.Turn.T("goodOffices.confirmRetry"),
            Card = card,
            ActionToken = s.DraftId,
        }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> OpenMatterAsync(WaterfallStep<GoodOfficesState> step, CancellationToken ct)
    {
        if (!step.Result<bool>())
        {
            return await step.CancelAsync(step.Turn.T("goodOffices.cancelled"), ct).ConfigureAwait(false);
        }

        var s = step.State;
        var commandId = "goodoffices:" + (s.DraftId ?? Guid.NewGuid().ToString("N"));
        if (await _matters.FindCompletedCommandAsync(commandId, ct).ConfigureAwait(false) is { } done)
        {
            // This draft was confirmed before (its reply failed, or Teams re-delivered): say so again, change nothing.
            return await step.EndAsync(done.Value, Opened(step.Turn, done), ct).ConfigureAwait(false);
        }

        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(step.Turn, roster, (a, m) => a.CanTriggerGoodOffices(m), Authorization.GoodOfficesDenied);
        if (sender is null)
        {
            return await step.CancelAsync(denial, ct).ConfigureAwait(false);
        }

        var actor = Actor.From(sender);
        var opening = new MatterOpening(_states.GetByCode(s.StateCode!), s.Scenario!.Value, s.Request!.Value, s.Reference!, s.PersonSought, s.Known, s.ToVerify);
        var opened = Matter.Open(opening, await _matters.NextSequenceAsync(ct).ConfigureAwait(false), actor, _time);
        if (opened.Matter is not { } matter)
        {
            return await step.CancelAsync(step.Turn.Texts().Say(step.Turn.Language, opened.Refusal!) + " " + step.Turn.T("goodOffices.nothingSaved"), ct).ConfigureAwait(false);
        }

        try
        {
            matter.TriggerGoodOffices(actor, s.Basis!.Value, null, _time);
            foreach (var member in s.FocalPointIds.Select(roster.FindMemberById).OfType<BureauMember>())
            {
                matter.RequestAssistance(actor, member, step.Turn.T("goodOffices.assistNote"), _time);
            }
        }
        catch (MatterRuleException ex)
        {
            return await step.CancelAsync(step.Turn.Texts().RuleText(step.Turn.Language, ex) + " " + step.Turn.T("goodOffices.nothingSaved"), ct).ConfigureAwait(false);
        }

        try
        {
            await _matters.AddAsync(matter, commandId, ct).ConfigureAwait(false);
        }
        catch (CommandAlreadyCompletedException ex)
        {
            return await step.EndAsync(ex.MatterId.Value, Opened(step.Turn, ex.MatterId), ct).ConfigureAwait(false);
        }

        var warnings = opened.Warnings.Count == 0 ? string.Empty
            : " " + step.Turn.T("goodOffices.note", ("warnings", string.Join(" ", opened.Warnings.Select(w => step.Turn.Texts().Say(step.Turn.Language, w)))));
        return await step.EndAsync(matter.Id.Value, Opened(step.Turn, matter.Id) + warnings, ct).ConfigureAwait(false);
    }

    private static string Opened(TurnContext turn, MatterId id) =>
        turn.T("goodOffices.opened", ("id", id), ("status", turn.T("command.status")));

    private string? ValidateState(TurnContext turn, string text)
    {
        var match = _states.Match(text);
        var or = " " + turn.T("goodOffices.or") + " ";
        return match.Kind switch
        {
            StateMatchKind.Exact => null,
            StateMatchKind.Ambiguous => turn.T("goodOffices.stateAmbiguous", ("text", InertText.Of(text)), ("candidates", string.Join(or, match.Candidates.Take(4).Select(c => c.NameIn(turn.Language))))),
            _ => match.Candidates.Count > 0
                ? turn.T("goodOffices.stateUnknownDidYouMean", ("text", InertText.Of(text)), ("candidates", string.Join(or, match.Candidates.Take(3).Select(c => c.NameIn(turn.Language)))))
                : turn.T("goodOffices.stateUnknown", ("text", InertText.Of(text))),
        };
    }


    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

}
