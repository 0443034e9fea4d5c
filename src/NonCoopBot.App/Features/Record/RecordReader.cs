using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Record;
using NonCoopBot.Infrastructure.Alerts;

namespace NonCoopBot.App.Features.Record;

/// <summary>What one reader may see of a matter's record: the matter, its alerts with acknowledgements, role-filtered.</summary>
public sealed record ReaderRecord(Matter Matter, IReadOnlyList<AlertFacts> Alerts, IReadOnlyList<RecordItem> Items, string TimeZone, bool IncludesBureauOnly);

/// <summary>Loads a matter's record for the sender, or null when they may not read it (same answer whether or not it exists).</summary>
public sealed class RecordReader(IMatterRepository matters, AlertStore alerts)
{
    public async Task<ReaderRecord?> ReadAsync(Sender sender, string matterText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!MatterId.TryParse(matterText?.Trim() ?? string.Empty, out var id))
        {
            return null;
        }

        var matter = await matters.GetAsync(id!, cancellationToken).ConfigureAwait(false);
        if (matter is null || !sender.Authorization.CanReadMatter(sender.Principal, matter).IsAllowed)
        {
            return null;
        }

        var bureau = sender.Member is not null;
        var facts = new List<AlertFacts>();
        foreach (var alertId in await alerts.ListAlertIdsForMatterAsync(matter.Id.Value, cancellationToken).ConfigureAwait(false))
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
            // Alerts announce good offices and oral reports: confidential to the Bureau (paras 17-20).
            facts.Add(new AlertFacts(alert.Payload["alertTitle"]?.GetValue<string>() ?? alert.Kind, BureauOnly: true, alert.CreatedAt, deliveries.Count, acks));
        }

        var zone = sender.Member?.TimeZone ?? "UTC";
        var visible = facts.Where(f => bureau || !f.BureauOnly).ToList();
        return new ReaderRecord(matter, visible, MatterRecord.Build(matter, visible, includeBureauOnly: bureau), zone, bureau);
    }
}
