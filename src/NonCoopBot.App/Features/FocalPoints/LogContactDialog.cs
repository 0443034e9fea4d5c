using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.FocalPoints;

/// <summary>What the author has answered so far.</summary>
public sealed record LogContactState : IDialogState<LogContactState>
{
    public static JsonTypeInfo<LogContactState> JsonTypeInfo => DialogStateJson.Default.LogContactState;

    public string? MatterId { get; init; }
    public string? TimeZone { get; init; }
    public DateTimeOffset? ContactAt { get; init; }
    public string? Channel { get; init; }
    public string? Officials { get; init; }
    public string? Summary { get; init; }
    public string? Outcome { get; init; }
    public string? FollowUp { get; init; }
}

/// <summary><c>log contact</c>: the typed way to record a contact with the requested State, question by question.</summary>
public sealed class LogContactDialog : WaterfallDialog<LogContactState>
{
    public const string DialogId = nameof(LogContactDialog);

    private readonly IMatterRepository _matters;
    private readonly IRosterRepository _rosters;

    public LogContactDialog(IMatterRepository matters, IRosterRepository rosters, TimeProvider time)
        : base(DialogId)
    {
        _matters = matters;
        _rosters = rosters;
        AddPrompt(new ChoicePrompt("matter"));
        AddPrompt(new DateTimePrompt("when", time, (turn, at) => at > time.GetUtcNow().AddMinutes(5) ? turn.T("domain.contact.future") : null));
        AddPrompt(new ChoicePrompt("channel"));
        AddPrompt(new TextPrompt("officials", 1000, (turn, t) => ContactRules.ParseOfficials(t).Count == 0 ? turn.T("focal.log.officialsFormat") : null));
        AddPrompt(new TextPrompt("summary", ContactRules.SummaryMaxLength));
        AddPrompt(new TextPrompt("outcome", ContactRules.TextMaxLength));
        AddPrompt(new TextPrompt("followUp", ContactRules.TextMaxLength));
        AddPrompt(new TextPrompt("next", 40, (turn, t) => DialogAnswers.NoneToNull(t) is null || TryDate(t, out _) ? null : turn.T("focal.log.nextFormat")));
        Steps(AskMatterAsync, AskWhenAsync, AskChannelAsync, AskOfficialsAsync, AskSummaryAsync, AskOutcomeAsync, AskFollowUpAsync, AskNextAsync, RecordAsync);
    }

    protected override string TooManyAttemptsText(TurnContext turn) => turn.T("bureau.tooManyAttempts", ("command", turn.T("command.logContact")));

    private async Task<DialogTurn> AskMatterAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false);
        var member = roster?.FindMemberByAadObjectId(step.Turn.Activity.From?.AadObjectId ?? string.Empty);
        step.State = step.State with { TimeZone = member?.TimeZone ?? "UTC" };
        if (step.State.MatterId is { } given)
        {
            return await step.NextAsync(given, ct).ConfigureAwait(false);
        }

        var open = await _matters.ListOpenAsync(ct).ConfigureAwait(false);
        var authorization = roster is null ? null : new Authorization(roster);
        var mine = open.Where(m => member is not null && authorization!.CanLogContact(member, m).IsAllowed).ToList();
        if (mine.Count == 0)
        {
            return await step.CancelAsync(step.Turn.T("focal.log.noMatter"), ct).ConfigureAwait(false);
        }

        var choices = mine.Select(m => MatterCards.ChoiceOf(m, step.Turn.Language)).ToList();
        return await step.PromptAsync("matter", new PromptRequest { Text = step.Turn.T("focal.log.whichMatter"), Choices = choices }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskWhenAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { MatterId = step.Result<string>() };
        return step.PromptAsync("when", new PromptRequest { Text = step.Turn.T("focal.log.when", ("zone", step.State.TimeZone)), TimeZone = step.State.TimeZone }, ct);
    }

    private Task<DialogTurn> AskChannelAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { ContactAt = step.Result<DateTimeOffset>() };
        // Titles in the reader's language; the names of the other languages are accepted too.
        var texts = step.Turn.Services.GetRequiredService<TextCatalogue>();
        var choices = Enum.GetValues<ContactChannel>()
            .Select(c => new Choice(c.ToString(), texts.Get(step.Turn.Language, "focal.channel." + c), null,
                [.. TextCatalogue.Languages.Select(l => texts.Get(l, "focal.channel." + c)).Distinct(), c.ToString()]))
            .ToList();
        return step.PromptAsync("channel", new PromptRequest { Text = step.Turn.T("focal.log.channel"), Choices = choices }, ct);
    }

    private Task<DialogTurn> AskOfficialsAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { Channel = step.Result<string>() };
        return step.PromptAsync("officials", step.Turn.T("focal.log.officials"), ct);
    }

    private Task<DialogTurn> AskSummaryAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { Officials = step.Result<string>() };
        return step.PromptAsync("summary", step.Turn.T("focal.log.summary"), ct);
    }

    private Task<DialogTurn> AskOutcomeAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { Summary = step.Result<string>() };
        return step.PromptAsync("outcome", step.Turn.T("focal.log.outcome"), ct);
    }

    private Task<DialogTurn> AskFollowUpAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { Outcome = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.PromptAsync("followUp", step.Turn.T("focal.log.followUp"), ct);
    }

    private Task<DialogTurn> AskNextAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        step.State = step.State with { FollowUp = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.PromptAsync("next", step.Turn.T("focal.log.next"), ct);
    }

    private async Task<DialogTurn> RecordAsync(WaterfallStep<LogContactState> step, CancellationToken ct)
    {
        var s = step.State;
        var sender = await step.Turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(step.Turn, ct).ConfigureAwait(false);
        var matter = await _matters.GetAsync(MatterId.Parse(s.MatterId!), ct).ConfigureAwait(false);
        if (sender?.Member is null || matter is null || matter.IsClosed)
        {
            return await step.CancelAsync(step.Turn.T("focal.log.notOpen", ("matter", s.MatterId)), ct).ConfigureAwait(false);
        }

        var allowed = sender.Authorization.CanLogContact(sender.Principal, matter);
        if (!allowed.IsAllowed)
        {
            return await step.CancelAsync(step.Turn.Denial(allowed), ct).ConfigureAwait(false);
        }

        DateOnly? next = TryDate(step.Result<string>(), out var d) ? d : null;
        var details = new ContactDetails(s.ContactAt!.Value, s.TimeZone!, Enum.Parse<ContactChannel>(s.Channel!), ContactRules.ParseOfficials(s.Officials), s.Summary!, s.Outcome, s.FollowUp, next);
        var text = await FocalPointRoutes.RecordContactAsync(step.Turn, sender, matter, details, null, ct).ConfigureAwait(false);
        return await step.EndAsync(s.MatterId, text, ct).ConfigureAwait(false);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d MMM yyyy", "d MMMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
