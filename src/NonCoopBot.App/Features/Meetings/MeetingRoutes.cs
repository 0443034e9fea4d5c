using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>Emergency Bureau meetings (issue 9): the command, the votes and the booking.</summary>
public static partial class MeetingRoutes
{
    /// <summary>The command's id: its words are <c>command.emergencyMeeting</c> in each language.</summary>
    public const string CommandId = "emergencyMeeting";
    public const string VoteVerb = "noncoop.meeting.vote";
    public const string VoteRefreshVerb = "noncoop.meeting.vote.refresh";
    public const string BookVerb = "noncoop.meeting.book";

    public static BotRoutes MapMeetings(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnLocalizedCommand(CommandId, StartAsync)
            .OnCardAction(VoteVerb, VoteAsync)
            .OnCardAction(VoteRefreshVerb, VoteRefreshAsync)
            .OnCardAction(BookVerb, BookAsync);
    }

    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MeetingOptions>().Bind(configuration.GetSection(MeetingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MeetingOptions>, MeetingOptionsValidator>());
        services.TryAddSingleton<MeetingWakeSignal>();
        services.TryAddSingleton<MeetingCards>();
        services.TryAddSingleton<MeetingPoller>();
        services.AddSingleton<Dialog, EmergencyMeetingDialog>();
        services.AddHostedService<MeetingPollerService>();
        return services;
    }

    private static Task StartAsync(TurnContext turn, CancellationToken ct)
    {
        var argument = turn.CommandArgument;
        var options = MatterId.TryParse(argument, out var id) ? DialogJson.ToNode(new EmergencyMeetingState { MatterId = id!.Value }) : null;
        return MatterRoutes.StartPresidentDialogAsync(turn, s => s.Authorization.CanConveneEmergencyMeeting(s.Principal), EmergencyMeetingDialog.DialogId, options, ct);
    }

    /// <summary>Records the member's answers (while polling) and answers with their card showing them.</summary>
    private static async Task VoteAsync(TurnContext turn, CancellationToken ct)
    {
        var context = await ReadAsync(turn, ct).ConfigureAwait(false);
        if (context is not { } c)
        {
            return;
        }

        var votes = new List<MeetingVote>();
        for (var i = 0; i < c.Stored.Meeting.Candidates.Count; i++)
        {
            var value = turn.CardData?["slot-" + i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!Enum.TryParse<SlotAnswer>(value, out var answer) || answer == SlotAnswer.Unknown || !Enum.IsDefined(answer) || int.TryParse(value, out _))
            {
                LogRefused(Logger(turn), "BadAnswer", c.Stored.Meeting.Id, c.Member.Id);
                turn.InvokeResponse = TurnPipeline.InvokeError(400, turn.T("meetings.badAnswer"));
                return;
            }

            votes.Add(new MeetingVote(c.Member.Id, c.Stored.Meeting.Candidates[i], answer));
        }

        var services = turn.Services;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var saved = votes.Count > 0 && await services.GetRequiredService<IMeetingRepository>().SaveVotesAsync(c.Stored.Meeting.Id, c.Member.Id, votes, now, ct).ConfigureAwait(false);
        if (saved)
        {
            services.GetRequiredService<MeetingWakeSignal>().Set();
        }

        await AnswerVoteCardAsync(turn, c, ct).ConfigureAwait(false);
    }

    private static async Task VoteRefreshAsync(TurnContext turn, CancellationToken ct)
    {
        if (await ReadAsync(turn, ct).ConfigureAwait(false) is { } c)
        {
            await AnswerVoteCardAsync(turn, c, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The President (or acting VP) picks a slot: the meeting moves to booking once; a second tap changes nothing.</summary>
    private static async Task BookAsync(TurnContext turn, CancellationToken ct)
    {
        var services = turn.Services;
        var sender = await services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        var meetingId = Text(turn.CardData?["meetingId"]);
        var slot = MeetingTimes.ParseKey(Text(turn.CardData?["slot"]));
        var repository = services.GetRequiredService<IMeetingRepository>();
        var stored = meetingId is null ? null : await repository.GetAsync(meetingId, ct).ConfigureAwait(false);
        if (sender is null || stored is null || !sender.Authorization.CanConveneEmergencyMeeting(sender.Principal).IsAllowed)
        {
            LogRefused(Logger(turn), "BookNotAllowed", meetingId ?? "(none)", sender?.Member?.Id ?? "(none)");
            turn.InvokeResponse = TurnPipeline.InvokeError(403, turn.Denial(Authorization.EmergencyMeetingDenied));
            return;
        }

        var meeting = stored.Meeting;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (slot is not { } start || start < meeting.WindowStart || start + meeting.Duration > meeting.WindowEnd || start != SlotRanking.AlignUp(start))
        {
            turn.InvokeResponse = TurnPipeline.InvokeError(400, turn.T("meetings.slotOutside"));
            return;
        }

        if (start < now)
        {
            turn.InvokeResponse = TurnPipeline.InvokeError(400, turn.T("meetings.slotBegun"));
            return;
        }

        if (await repository.RequestBookingAsync(meeting.Id, start, sender.Member!.Id, now, ct).ConfigureAwait(false))
        {
            services.GetRequiredService<MeetingWakeSignal>().Set();
            stored = stored with { State = MeetingState.Booking, BookedStart = start, BookedBy = sender.Member.Id };
        }
        else
        {
            stored = await repository.GetAsync(meeting.Id, ct).ConfigureAwait(false) ?? stored;
        }

        var roster = sender.Roster;
        var votes = await repository.GetVotesAsync(meeting.Id, ct).ConfigureAwait(false);
        var (card, _) = services.GetRequiredService<MeetingCards>().Proposal(stored.Meeting, stored.State, stored.BookedStart, [], votes, roster, sender.Member.TimeZone, now, turn.Language);
        await AnswerAsync(turn, card, ct).ConfigureAwait(false);
    }

    private static async Task AnswerVoteCardAsync(TurnContext turn, VoteContext c, CancellationToken ct)
    {
        var repository = turn.Services.GetRequiredService<IMeetingRepository>();
        var stored = await repository.GetAsync(c.Stored.Meeting.Id, ct).ConfigureAwait(false) ?? c.Stored;
        var votes = await repository.GetVotesAsync(stored.Meeting.Id, ct).ConfigureAwait(false);
        var card = turn.Services.GetRequiredService<MeetingCards>().Vote(stored.Meeting, c.Member, votes, stored.State == MeetingState.Polling, stored.BookedStart, turn.Language);
        await AnswerAsync(turn, card, ct).ConfigureAwait(false);
    }

    private static async Task AnswerAsync(TurnContext turn, JsonObject card, CancellationToken ct)
    {
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse = TurnPipeline.InvokeCard(card);
            return;
        }

        await turn.SendCardAsync(card, ct).ConfigureAwait(false);
    }

    /// <summary>The meeting and the sender, who must be one of its participants; else refused.</summary>
    private static async Task<VoteContext?> ReadAsync(TurnContext turn, CancellationToken ct)
    {
        var services = turn.Services;
        var meetingId = Text(turn.CardData?["meetingId"]);
        var stored = meetingId is null ? null : await services.GetRequiredService<IMeetingRepository>().GetAsync(meetingId, ct).ConfigureAwait(false);
        var roster = await services.GetRequiredService<IRosterRepository>().GetAsync(ct).ConfigureAwait(false);
        var member = roster?.FindMemberByAadObjectId(turn.Activity.From?.AadObjectId ?? string.Empty);
        if (stored is null || member is null || !stored.Meeting.Participants.Any(p => p.MemberId == member.Id))
        {
            LogRefused(Logger(turn), "NotParticipant", meetingId ?? "(none)", member?.Id ?? "(none)");
            if (CardAction.IsExecute(turn.Activity))
            {
                turn.InvokeResponse = TurnPipeline.InvokeError(403, turn.T("meetings.notYours"));
            }
            else
            {
                await turn.SendTextAsync(turn.T("meetings.notYours"), ct).ConfigureAwait(false);
            }

            return null;
        }

        return new VoteContext(stored, member);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 100 ? s : null;

    private static ILogger Logger(TurnContext turn) =>
        turn.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot.Meetings");

    private readonly record struct VoteContext(StoredMeeting Stored, BureauMember Member);

    [LoggerMessage(EventId = 920, Level = LogLevel.Warning, Message = "Meeting card action refused ({Reason}) for meeting {MeetingId} from member {MemberId}")]
    private static partial void LogRefused(ILogger logger, string reason, string meetingId, string memberId);
}
