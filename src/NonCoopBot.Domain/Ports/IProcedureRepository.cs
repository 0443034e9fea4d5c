using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Ports;

/// <summary>A reminder row to send to one recipient, claimed by one instance.</summary>
public sealed record ClaimedProcedureReminder(long Id, string MatterId, string Key, string RecipientAad, string Text, DateTimeOffset DueAt);

/// <summary>A posted procedure card, to be updated in place when a step changes.</summary>
public sealed record PostedProcedureCard(string MatterId, string ViewerAad, string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>
/// Where formal procedures are kept, with their durable reminders and posted cards. Versions as
/// <see cref="IMatterRepository"/>: a new procedure is stored at version 1; an update only if the stored
/// version is the expected one, else <see cref="MatterConcurrencyException"/>.
/// </summary>
public interface IProcedureRepository
{
    Task<FormalProcedure?> GetAsync(MatterId matterId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the procedure (new when <see cref="FormalProcedure.Version"/> is 0) and, in the same transaction,
    /// the matter (added when <paramref name="matterIsNew"/>, else updated at its version) and the reminders:
    /// for each planned reminder one row per recipient (unique by matter, key and recipient, so each fires once);
    /// unsent rows no longer planned are removed.
    /// </summary>
    Task<long> SaveAsync(FormalProcedure procedure, Matter? matter, bool matterIsNew, IReadOnlyList<ReminderRecipients> reminders, CancellationToken cancellationToken);

    /// <summary>Claims due reminders for this instance (each row once across instances), marking them sending.</summary>
    Task<IReadOnlyList<ClaimedProcedureReminder>> ClaimDueRemindersAsync(string owner, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a claimed reminder ("sent" or "failed").</summary>
    Task MarkReminderAsync(long id, string state, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Remembers a posted procedure card (one per viewer and conversation; the newest replaces older ones).</summary>
    Task SavePostedCardAsync(PostedProcedureCard card, CancellationToken cancellationToken);

    Task<IReadOnlyList<PostedProcedureCard>> GetPostedCardsAsync(string matterId, CancellationToken cancellationToken);

    /// <summary>The date the next session of the Assembly begins, as the Secretariat last set it.</summary>
    Task<DateOnly?> GetNextAssemblySessionAsync(CancellationToken cancellationToken);

    Task SetNextAssemblySessionAsync(DateOnly startsOn, string recordedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The Secretariat's recorded withdrawals, accessions and arrangements.</summary>
    Task<IReadOnlyList<States.StateStatusChange>> GetStateStatusChangesAsync(CancellationToken cancellationToken);

    Task AddStateStatusChangeAsync(States.StateStatusChange change, CancellationToken cancellationToken);
}

/// <summary>A planned reminder and the AAD object ids it goes to.</summary>
public sealed record ReminderRecipients(ProcedureReminder Reminder, IReadOnlyList<string> RecipientAads);
