using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Record;

namespace NonCoopBot.App.Features.Record;

/// <summary>What one reader may see of a matter's record: the matter, its alerts with acknowledgements, role-filtered.</summary>
public sealed record ReaderRecord(Matter Matter, IReadOnlyList<AlertFacts> Alerts, IReadOnlyList<RecordItem> Items, string TimeZone, bool Full)
{
    /// <summary>"Kenya · ICC-01/99-01/26 · 7(b)": the requested State in <paramref name="language"/>, the Court's reference and the scenario.</summary>
    public string MatterLine(string language) => $"{Matter.RequestedState.NameIn(language)} · {Matter.CourtReference.Value} · {Matter.Scenario.Label()}";
}

/// <summary>
/// Loads a matter's record as the one view policy (<see cref="MatterVisibility"/>) lets the sender see it in
/// <c>venue</c>, or null when they may not see it (the same answer whether or not it exists).
/// </summary>
public sealed class RecordReader(IMatterRepository matters, IAlertStore alerts, TextCatalogue texts)
{
    /// <summary>The record in English.</summary>
    public Task<ReaderRecord?> ReadAsync(Sender sender, string matterText, Venue venue, CancellationToken cancellationToken) =>
        ReadAsync(sender, matterText, venue, TextCatalogue.English, cancellationToken);

    /// <summary>The record with each line written in <paramref name="language"/>.</summary>
    public async Task<ReaderRecord?> ReadAsync(Sender sender, string matterText, Venue venue, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!MatterId.TryParse(matterText?.Trim() ?? string.Empty, out var id))
        {
            return null;
        }

        var matter = await matters.GetAsync(id!, cancellationToken).ConfigureAwait(false);
        var view = matter is null ? null : sender.Visibility.View(sender.Principal, matter, venue);
        if (view is null)
        {
            return null;
        }

        // Alerts announce good offices and oral reports: confidential to the Bureau (paras 17-20), so only a full view reads them.
        var facts = new List<AlertFacts>();
        var alertIds = view.Full ? await alerts.ListAlertIdsForMatterAsync(view.Matter.Id.Value, cancellationToken).ConfigureAwait(false) : [];
        foreach (var alertId in alertIds)
        {
            var alert = await alerts.GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false);
            if (alert is null)
            {
                continue;
            }

            var deliveries = await alerts.GetDeliveriesAsync(alertId, cancellationToken).ConfigureAwait(false);
            var acks = deliveries.Where(d => d.AcknowledgedAt is not null)
                .Select(d => (sender.Roster.FindMemberById(d.MemberId)?.DisplayName ?? d.MemberId, d.AcknowledgedAt!.Value))
                .OrderBy(a => a.Value)
                .ToList();
            facts.Add(new AlertFacts(AlertCards.Title(alert, texts, language), BureauOnly: true, alert.CreatedAt, deliveries.Count, acks));
        }

        var zone = sender.Member?.TimeZone ?? "UTC";
        return new ReaderRecord(view.Matter, facts, MatterRecord.Build(view, facts, Wording(texts, language)), zone, view.Full);
    }

    /// <summary>The record's sentences from the catalogue in <paramref name="language"/>: times in UTC, Court requests, channels and the requested State by name.</summary>
    public static RecordWording Wording(TextCatalogue texts, string language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var dates = new ReaderDates(texts, language);
        return (key, args) =>
        {
            var written = args.Select(a => (a.Name, a.Value switch
            {
                DateTimeOffset at => dates.Utc(at),
                CourtRequest request => texts.Get(language, "procedure.request." + request),
                RequestedState state => state.NameIn(language),
                _ => a.Value,
            })).ToArray();
            return texts.Format(language, key, written);
        };
    }
}
