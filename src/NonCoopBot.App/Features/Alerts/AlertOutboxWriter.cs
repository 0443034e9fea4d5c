using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// Writes, in the matter's transaction, one <c>alerts</c> row and one queued <c>alert_deliveries</c> row per
/// Bureau member (the 21 members; the 4 focal points are among them, so each person once) for
/// <see cref="GoodOfficesInitiated"/> and <see cref="OralReportFiled"/>, plus a tracker row for the President
/// and the acting Vice-President. The worker is woken after commit.
/// </summary>
public sealed class AlertOutboxWriter(IAlertStore store, IRosterRepository rosters, TimeProvider time, AlertWakeSignal wake) : IMatterEventHandler
{
    public async Task HandleAsync(IMatterTransaction transaction, MatterSnapshot matter, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(matter);
        var relevant = (events ?? []).Where(e => e is GoodOfficesInitiated or OralReportFiled).ToList();
        if (relevant.Count == 0)
        {
            return;
        }

        var roster = await rosters.GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No roster is stored: alerts cannot be addressed. Seed the roster first.");
        var recipients = Recipients(roster);
        var trackers = Trackers(roster);
        var now = time.GetUtcNow();
        foreach (var domainEvent in relevant)
        {
            var alertId = "al-" + Guid.CreateVersion7(now).ToString("N");
            var (kind, payload) = Payload(domainEvent, matter);
            var deliveries = recipients.Select(m => new NewDelivery(m.Id, Normalize(m.AadObjectId), IdempotencyKey(alertId, Normalize(m.AadObjectId)))).ToList();
            var trackerRows = trackers.Select(m => new NewTracker(m.Id, Normalize(m.AadObjectId))).ToList();
            await store.EnqueueAsync(transaction, new NewAlert(alertId, domainEvent.MatterId, kind, matter.Scenario.ToString(), payload, now, deliveries, trackerRows), cancellationToken)
                .ConfigureAwait(false);
        }

        // Signalled before commit; the worker's claim waits for the write lock (SQLite) or simply finds the
        // rows on its next period (PostgreSQL, READ COMMITTED) — a wake-up is only an optimisation.
        wake.Set();
    }

    /// <summary>The unique key of one alert to one member.</summary>
    public static string IdempotencyKey(string alertId, string memberAad) => alertId + ":" + memberAad;

    /// <summary>AAD object ids are compared lower-case.</summary>
    public static string Normalize(string aadObjectId) => aadObjectId.Trim().ToLowerInvariant();

    /// <summary>Every Bureau member once (focal points are members), in roster order.</summary>
    public static IReadOnlyList<BureauMember> Recipients(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return roster.Members
            .Where(m => !string.IsNullOrWhiteSpace(m.AadObjectId))
            .DistinctBy(m => Normalize(m.AadObjectId))
            .ToList();
    }

    /// <summary>The President and the acting Vice-President, if designated.</summary>
    public static IReadOnlyList<BureauMember> Trackers(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return new[] { roster.President, roster.ActingPresident }
            .OfType<BureauMember>()
            .DistinctBy(m => Normalize(m.AadObjectId))
            .ToList();
    }

    private static (string StoredKind, JsonObject Payload) Payload(IDomainEvent domainEvent, MatterSnapshot matter)
    {
        // Codes only: the cards and the record word them in each reader's language (AlertCards.Title).
        var (storedKind, kind) = domainEvent switch
        {
            GoodOfficesInitiated => ("goodOfficesInitiated", "goodOffices"),
            OralReportFiled => ("oralReportFiled", "oralReport"),
            _ => throw new ArgumentOutOfRangeException(nameof(domainEvent)),
        };
        return (storedKind, new JsonObject
        {
            ["report"] = domainEvent is OralReportFiled filed ? OralReportContent.Of(matter, filed.TimelineSequence) : null,
            ["kind"] = kind,
            ["occurredAt"] = domainEvent.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["matter"] = new JsonObject
            {
                ["id"] = matter.Id,
                ["reference"] = matter.CourtReference,
                ["requestedState"] = matter.RequestedState.Name,
                ["requestedStateCode"] = matter.RequestedState.Code,
                ["scenario"] = matter.Scenario.Label(),
                ["courtRequestCode"] = matter.Request.ToString(),
            },
        });
    }
}
