using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>
/// Sends due procedure reminders 1:1 through the bot's proactive messenger (the one alerts use). Each row is
/// claimed (marked sending) before its POST, in the database, so a reminder is sent once even with several
/// instances, and never twice after a crash (a row left sending is not re-posted). Due rows left by a stopped
/// instance are sent after a restart: they are in the database.
/// </summary>
public sealed partial class ProcedureReminderDispatcher(
    IProcedureRepository procedures,
    ProactiveMessenger messenger,
    TimeProvider time,
    IOptions<ProcedureOptions> options,
    IRosterRepository rosters,
    LanguagePreferences languages,
    TextCatalogue texts,
    ILogger<ProcedureReminderDispatcher> logger)
{
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>This instance's claim owner id.</summary>
    public string InstanceId { get; init; } = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var due = await procedures.ClaimDueRemindersAsync(InstanceId, time.GetUtcNow(), options.Value.BatchSize, ct).ConfigureAwait(false);
        var sent = 0;
        var roster = due.Count == 0 ? null : await rosters.GetAsync(ct).ConfigureAwait(false);
        var decisions = new Dictionary<string, CourtDecision?>(StringComparer.Ordinal);
        foreach (var reminder in due)
        {
            string outcome;
            try
            {
                var language = await languages.OfAsync(reminder.RecipientAad, roster, ct).ConfigureAwait(false);
                if (!decisions.TryGetValue(reminder.MatterId, out var decision))
                {
                    decision = (await procedures.GetAsync(MatterId.Parse(reminder.MatterId), ct).ConfigureAwait(false))?.Decision;
                    decisions[reminder.MatterId] = decision;
                }

                var stateName = decision?.StateNameIn(language) ?? string.Empty;

                // Written now, in the recipient's language; a reminder of an unknown kind is sent as it was stored.
                var text = ProcedureReminderTexts.Render(texts, language, reminder.Key, reminder.MatterId, stateName) ?? reminder.Text;
                var summary = texts.Get(language, "procedure.reminder.summary");
                await messenger.SendToUserAsync(reminder.RecipientAad, new Activity { Type = ActivityTypes.Message, Text = text, Summary = summary }, ct).ConfigureAwait(false);
                outcome = Sent;
                sent++;
            }
            catch (Exception ex) when (ex is ConnectorException or ProactiveUnreachableException && !ct.IsCancellationRequested)
            {
                outcome = Failed;
                LogNotSent(logger, reminder.MatterId, reminder.Key, (int?)(ex as ConnectorException)?.StatusCode);
            }

            await procedures.MarkReminderAsync(reminder.Id, outcome, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }

        return sent;
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Procedure reminder {Key} of {MatterId} was not delivered (status {Status})")]
    private static partial void LogNotSent(ILogger logger, string matterId, string key, int? status);
}

/// <summary>Runs <see cref="ProcedureReminderDispatcher.RunOnceAsync"/> every <see cref="ProcedureOptions.WorkerPeriod"/>.</summary>
public sealed partial class ProcedureReminderService(ProcedureReminderDispatcher dispatcher, TimeProvider time, IOptions<ProcedureOptions> options, ILogger<ProcedureReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.WorkerPeriod, time); // created first: a tick is never missed
        do
        {
            try
            {
                await dispatcher.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTickError(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Procedure reminder tick failed")]
    private static partial void LogTickError(ILogger logger, Exception exception);
}
