using System.Text.Json.Serialization.Metadata;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>What the President has answered so far.</summary>
public sealed record EmergencyMeetingState : IDialogState<EmergencyMeetingState>
{
    public static JsonTypeInfo<EmergencyMeetingState> JsonTypeInfo => DialogStateJson.Default.EmergencyMeetingState;

    public string? MatterId { get; init; }
    public bool MatterAsked { get; init; }
    public int WindowHours { get; init; } = 72;
    public int DurationMinutes { get; init; } = 60;
    public int Quorum { get; init; }
    public string? Required { get; init; }
}

/// <summary>
/// <c>emergency meeting [NC-…]</c>: the matter (or none), the window, the duration, the quorum and the members who
/// must attend, working hours; then the meeting is stored and polled (<see cref="MeetingPoller"/>).
/// </summary>
public sealed class EmergencyMeetingDialog : WaterfallDialog<EmergencyMeetingState>
{
    public const string DialogId = nameof(EmergencyMeetingDialog);

    private const string NoMatter = "none";

    private static class Prompts
    {
        public const string Matter = "matter";
        public const string Window = "window";
        public const string Duration = "duration";
        public const string Quorum = "quorum";
        public const string Required = "required";
        public const string WorkingHours = "workingHours";
    }

    private readonly IMatterRepository _matters;
    private readonly IRosterRepository _rosters;
    private readonly IMeetingRepository _meetings;
    private readonly IFreeBusyProvider _freeBusy;
    private readonly MeetingWakeSignal _wake;
    private readonly TimeProvider _time;
    private Roster? _roster;

    public EmergencyMeetingDialog(IMatterRepository matters, IRosterRepository rosters, IMeetingRepository meetings, IFreeBusyProvider freeBusy, MeetingWakeSignal wake, TimeProvider time)
        : base(DialogId)
    {
        _matters = matters;
        _rosters = rosters;
        _meetings = meetings;
        _freeBusy = freeBusy;
        _wake = wake;
        _time = time;
        AddPrompt(new ChoicePrompt(Prompts.Matter));
        AddPrompt(new ChoicePrompt(Prompts.Window));
        AddPrompt(new ChoicePrompt(Prompts.Duration));
        AddPrompt(new ChoicePrompt(Prompts.Quorum));
        AddPrompt(new TextPrompt(Prompts.Required, maxLength: 1000, validator: ValidateRequired));
        AddPrompt(new ConfirmPrompt(Prompts.WorkingHours));
        Steps(AskMatterAsync, AskWindowAsync, AskDurationAsync, AskQuorumAsync, AskRequiredAsync, AskWorkingHoursAsync, CreateAsync);
    }

    protected override string TooManyAttemptsText(TurnContext turn) => turn.T("bureau.tooManyAttempts", ("command", turn.T("command.emergencyMeeting")));

    private async Task<DialogTurn> AskMatterAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        var open = await _matters.ListOpenAsync(ct).ConfigureAwait(false);
        if (step.State.MatterId is { } given && open.Any(m => m.Id.Value == given))
        {
            return await step.NextAsync(given, ct).ConfigureAwait(false);
        }

        var choices = open.Select(m => MatterCards.ChoiceOf(m, step.Turn.Language))
            .Append(new Choice(NoMatter, step.Turn.T("meetings.choice.noMatter"), step.Turn.T("meetings.choice.noMatter.hint"), Words(step.Turn, "meetings.choice.noMatter.words")))
            .ToList();
        return await step.PromptAsync(Prompts.Matter, new PromptRequest { Text = step.Turn.T("meetings.ask.matter"), Choices = choices }, ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskWindowAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        var matter = step.Result<string>();
        step.State = step.State with { MatterId = matter == NoMatter ? null : matter };
        return step.PromptAsync(Prompts.Window, new PromptRequest
        {
            Text = step.Turn.T("meetings.ask.window"),
            Choices =
            [
                new Choice("24", step.Turn.T("meetings.choice.hours24")),
                new Choice("72", step.Turn.T("meetings.choice.hours72"), step.Turn.T("meetings.choice.default"), [.. Words(step.Turn, "meetings.choice.default.words"), "72"]),
                new Choice("168", step.Turn.T("meetings.choice.days7"), null, Words(step.Turn, "meetings.choice.week.words")),
                new Choice("336", step.Turn.T("meetings.choice.days14"), null, Words(step.Turn, "meetings.choice.twoWeeks.words")),
            ],
        }, ct);
    }

    private Task<DialogTurn> AskDurationAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        step.State = step.State with { WindowHours = int.Parse(step.Result<string>(), System.Globalization.CultureInfo.InvariantCulture) };
        return step.PromptAsync(Prompts.Duration, new PromptRequest
        {
            Text = step.Turn.T("meetings.ask.duration"),
            Choices =
            [
                new Choice("30", step.Turn.T("meetings.choice.minutes", ("minutes", 30))),
                new Choice("45", step.Turn.T("meetings.choice.minutes", ("minutes", 45))),
                new Choice("60", step.Turn.T("meetings.choice.minutes", ("minutes", 60)), step.Turn.T("meetings.choice.default"),
                    [.. Words(step.Turn, "meetings.choice.default.words"), .. Words(step.Turn, "meetings.choice.oneHour.words")]),
                new Choice("90", step.Turn.T("meetings.choice.minutes", ("minutes", 90))),
                new Choice("120", step.Turn.T("meetings.choice.twoHours")),
            ],
        }, ct);
    }

    private async Task<DialogTurn> AskQuorumAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        step.State = step.State with { DurationMinutes = int.Parse(step.Result<string>(), System.Globalization.CultureInfo.InvariantCulture) };
        var size = (await _rosters.GetAsync(ct).ConfigureAwait(false))?.Members.Count ?? Roster.BureauSize;
        var majority = (size / 2) + 1;
        var twoThirds = (int)Math.Ceiling(size * 2 / 3.0);
        return await step.PromptAsync(Prompts.Quorum, new PromptRequest
        {
            Text = step.Turn.T("meetings.ask.quorum", ("majority", majority), ("size", size)),
            Choices =
            [
                new Choice(majority.ToString(System.Globalization.CultureInfo.InvariantCulture), step.Turn.T("meetings.choice.majority", ("count", majority), ("size", size)), step.Turn.T("meetings.choice.default"),
                    [.. Words(step.Turn, "meetings.choice.default.words"), .. Words(step.Turn, "meetings.choice.majority.words")]),
                new Choice(twoThirds.ToString(System.Globalization.CultureInfo.InvariantCulture), step.Turn.T("meetings.choice.twoThirds", ("count", twoThirds), ("size", size))),
                new Choice(size.ToString(System.Globalization.CultureInfo.InvariantCulture), step.Turn.T("meetings.choice.all", ("count", size), ("size", size)), null, Words(step.Turn, "meetings.choice.all.words")),
            ],
        }, ct).ConfigureAwait(false);
    }

    private async Task<DialogTurn> AskRequiredAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        step.State = step.State with { Quorum = int.Parse(step.Result<string>(), System.Globalization.CultureInfo.InvariantCulture) };
        _roster = await _rosters.GetAsync(ct).ConfigureAwait(false);
        return await step.PromptAsync(Prompts.Required, step.Turn.T("meetings.ask.required"), ct).ConfigureAwait(false);
    }

    private Task<DialogTurn> AskWorkingHoursAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        step.State = step.State with { Required = DialogAnswers.NoneToNull(step.Result<string>()) };
        return step.PromptAsync(Prompts.WorkingHours, step.Turn.T("meetings.ask.workingHours"), ct);
    }

    private async Task<DialogTurn> CreateAsync(WaterfallStep<EmergencyMeetingState> step, CancellationToken ct)
    {
        var keepToWorkingHours = step.Result<bool>();
        var s = step.State;
        var roster = await _rosters.GetAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException(Bureau.BureauDirectory.NoRosterMessage);
        var (sender, denial) = DialogAnswers.Recheck(step.Turn, roster, (a, m) => a.CanConveneEmergencyMeeting(new Principal.Member(m)), Authorization.EmergencyMeetingDenied);
        if (sender is null)
        {
            return await step.CancelAsync(denial, ct).ConfigureAwait(false);
        }

        Matter? matter = null;
        if (s.MatterId is { } matterId)
        {
            matter = await _matters.GetAsync(MatterId.Parse(matterId), ct).ConfigureAwait(false);
            if (matter is null || matter.IsClosed)
            {
                return await step.CancelAsync(step.Turn.T("meetings.matterClosed", ("matter", matterId)), ct).ConfigureAwait(false);
            }
        }

        var (required, unknown) = ResolveMembers(roster, s.Required);
        var now = _time.GetUtcNow();
        var useCalendars = _freeBusy.IsEnabled;
        var meeting = new EmergencyMeeting
        {
            Id = "mt-" + Guid.CreateVersion7(now).ToString("N")[..20],
            MatterId = matter?.Id.Value,
            MatterReference = matter?.CourtReference.Value,
            MatterIs7A = matter?.Scenario == Scenario.CourtReferral7A,
            ConvenedByMemberId = sender.Id,
            WindowStart = now,
            WindowEnd = now.AddHours(s.WindowHours),
            DurationMinutes = s.DurationMinutes,
            Quorum = Math.Min(s.Quorum, roster.Members.Count),
            RequiredMemberIds = required,
            KeepToWorkingHours = keepToWorkingHours,
            Participants = roster.Members.Select(m => new MeetingParticipant(m.Id,
                useCalendars && !string.IsNullOrWhiteSpace(m.Mailbox) ? AvailabilitySource.Calendar : AvailabilitySource.Votes, null, null)).ToList(),
        };
        await _meetings.CreateAsync(meeting, now, now, ct).ConfigureAwait(false);
        _wake.Set();
        var byCalendar = meeting.Participants.Count(p => p.Source == AvailabilitySource.Calendar);
        var reply = (useCalendars
                ? step.Turn.T("meetings.looking.calendars", ("count", byCalendar))
                : step.Turn.T("meetings.looking.cards", ("count", meeting.Participants.Count)))
            + step.Turn.T("meetings.looking.next")
            + (unknown.Count == 0 ? string.Empty : step.Turn.T("meetings.looking.unknown", ("names", string.Join(", ", unknown))));
        return await step.EndAsync(meeting.Id, reply, ct).ConfigureAwait(false);
    }

    /// <summary>The words of a choice in every language (a person may answer in any of the three).</summary>
    private static string[] Words(TurnContext turn, string key)
    {
        var texts = turn.Services.GetRequiredService<TextCatalogue>();
        return [.. TextCatalogue.Languages.SelectMany(l => texts.Get(l, key).Split('|')).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private string? ValidateRequired(TurnContext turn, string text)
    {
        if (_roster is null || DialogAnswers.NoneToNull(text) is null)
        {
            return null;
        }

        var (_, unknown) = ResolveMembers(_roster, text);
        return unknown.Count == 0 ? null : turn.T("meetings.required.unknown", ("names", string.Join(", ", unknown)));
    }

    /// <summary>Names, roster ids or State codes (comma-separated) → roster ids; what matched nobody.</summary>
    internal static (IReadOnlyList<string> Ids, IReadOnlyList<string> Unknown) ResolveMembers(Roster roster, string? text)
    {
        var ids = new List<string>();
        var unknown = new List<string>();
        foreach (var token in (text ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var matches = roster.Members.Where(m =>
                string.Equals(m.Id, token, StringComparison.OrdinalIgnoreCase)
                || string.Equals(m.StateCode, token, StringComparison.OrdinalIgnoreCase)
                || m.DisplayName.Contains(token, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                ids.Add(matches[0].Id);
            }
            else
            {
                unknown.Add(token);
            }
        }

        return (ids.Distinct(StringComparer.Ordinal).ToList(), unknown);
    }
}
