using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// Binds the alert cards (<c>alert</c>, <c>alert-acknowledged</c>, <c>reminder</c>, <c>alert-tracker</c>) with
/// their data. Wording is factual (para 12): "could not be delivered", never a judging word. The card
/// catalog is resolved on first use, so a host starts even before cards are needed.
/// </summary>
public sealed class AlertCards(IServiceProvider services)
{
    private static readonly Lazy<StateDirectory> States = new(StateDirectory.LoadEmbedded);
    private CardCatalog? _catalog;

    private CardCatalog Catalog => _catalog ??= services.GetRequiredService<CardCatalog>();

    /// <summary>The alert card for one recipient; <paramref name="userId"/> (29:…) goes in <c>refresh.userIds</c>.</summary>
    public JsonObject Alert(AlertRecord alert, string? userId, TimeSpan reminderInterval)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = Common(alert, reminderInterval);
        data["recipientMris"] = userId is null ? new JsonArray() : new JsonArray(userId);
        return Catalog.Bind("alert", data);
    }

    /// <summary>The "acknowledged at …" view for one member, in their time zone.</summary>
    public JsonObject Acknowledged(AlertRecord alert, BureauMember member, DateTimeOffset acknowledgedAt, TimeSpan reminderInterval)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(member);
        var (local, zoneName) = InZone(acknowledgedAt, member.TimeZone);
        var data = Common(alert, reminderInterval);
        data["acknowledgedBy"] = member.DisplayName;
        data["acknowledgedAt"] = local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        data["timeZone"] = zoneName;
        return Catalog.Bind("alert-acknowledged", data);
    }

    /// <summary>The reminder card.</summary>
    public JsonObject Reminder(AlertRecord alert, TimeSpan reminderInterval)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = Common(alert, reminderInterval);
        data["sentAt"] = Utc(alert.CreatedAt);
        return Catalog.Bind("reminder", data);
    }

    /// <summary>The tracker's data (exposed for tests) for the President.</summary>
    public static JsonObject TrackerData(AlertRecord alert, IReadOnlyList<DeliveryRow> deliveries, Roster roster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(roster);
        var acknowledged = deliveries.Count(d => d.AcknowledgedAt is not null);
        var waiting = deliveries.Count - acknowledged;
        var members = new JsonArray();
        foreach (var d in deliveries.OrderBy(d => d.AcknowledgedAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.Id))
        {
            var member = roster.FindMemberById(d.MemberId);
            members.Add(new JsonObject
            {
                ["name"] = InertText.Of(member?.DisplayName ?? d.MemberId),
                ["state"] = StateName(member?.StateCode),
                ["role"] = member is null ? "Bureau member" : RoleText(member),
                ["delivery"] = d.State,
                ["deliveryText"] = DeliveryText(d.State),
                ["acknowledgedAt"] = d.AcknowledgedAt is { } at ? at.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture) : null,
            });
        }

        var payload = alert.Payload;
        return new JsonObject
        {
            ["alertId"] = alert.Id,
            ["alertTitle"] = payload["alertTitle"]?.DeepClone(),
            ["matter"] = new JsonObject
            {
                ["reference"] = InertText.Of(payload["matter"]?["reference"]?.GetValue<string>()),
                ["requestedState"] = payload["matter"]?["requestedState"]?.DeepClone(),
            },
            ["sentAt"] = Utc(alert.CreatedAt),
            ["acknowledged"] = acknowledged,
            ["total"] = deliveries.Count,
            ["timeToFirstAck"] = alert.FirstAckAt is { } first ? Duration(first - alert.CreatedAt) : "not yet",
            ["timeToAllAcks"] = alert.AllAckedAt is { } all ? Duration(all - alert.CreatedAt) : $"not yet ({waiting} waiting)",
            ["members"] = members,
        };
    }

    /// <summary>The tracker card.</summary>
    public JsonObject Tracker(AlertRecord alert, IReadOnlyList<DeliveryRow> deliveries, Roster roster, DateTimeOffset now) =>
        Catalog.Bind("alert-tracker", TrackerData(alert, deliveries, roster, now));

    /// <summary>The message telling the President who is still silent (names only).</summary>
    public static string SilentText(AlertRecord alert, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(names);
        var title = alert.Payload["alertTitle"]?.GetValue<string>() ?? "Alert";
        var reference = InertText.Of(alert.Payload["matter"]?["reference"]?.GetValue<string>() ?? alert.MatterId);
        return $"{title} · {reference}: not yet acknowledged after the reminders by {names.Count} member(s): {string.Join(", ", names.Select(InertText.Of))}.";
    }

    /// <summary>Ledger state → neutral words.</summary>
    public static string DeliveryText(string state) => state switch
    {
        DeliveryStates.Sent => "delivered",
        DeliveryStates.Queued or DeliveryStates.Sending => "sending",
        DeliveryStates.Blocked => "app blocked or removed",
        DeliveryStates.Uncertain => "delivery not confirmed",
        _ => "could not be delivered",
    };

    private static JsonObject Common(AlertRecord alert, TimeSpan reminderInterval)
    {
        var payload = alert.Payload;
        return new JsonObject
        {
            ["alertId"] = alert.Id,
            ["kind"] = payload["kind"]?.DeepClone(),
            ["alertTitle"] = payload["alertTitle"]?.DeepClone(),
            ["matter"] = InertReference(payload["matter"]?.DeepClone()),
            ["asked"] = payload["asked"]?.DeepClone(),
            ["report"] = payload["report"]?.DeepClone(),
            ["by"] = Utc(alert.CreatedAt + reminderInterval),
        };
    }

    /// <summary>The Court reference was typed by the President: shown inert (no link, mention, formatting or binding).</summary>
    private static JsonNode? InertReference(JsonNode? matter)
    {
        if (matter is JsonObject o && o["reference"] is JsonValue v && v.TryGetValue<string>(out var reference))
        {
            o["reference"] = InertText.Of(reference);
        }

        return matter;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The tracker and the record export write durations alike.</summary>
    private static string Duration(TimeSpan span) => Domain.Record.MatterRecord.Duration(span);

    private static (DateTimeOffset Local, string Zone) InZone(DateTimeOffset at, string timeZone)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return (TimeZoneInfo.ConvertTime(at, zone), timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return (at.ToUniversalTime(), "UTC");
        }
    }

    private static string StateName(string? code)
    {
        if (code is null)
        {
            return string.Empty;
        }

        try
        {
            return States.Value.GetByCode(code).Name;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            return code;
        }
    }

    private static string RoleText(BureauMember member)
    {
        var office = member.Role switch
        {
            BureauRole.President => "President",
            BureauRole.VicePresident => "Vice-President",
            _ => "Bureau member",
        };
        return member.IsFocalPoint ? $"{office}, focal point ({RegionalGroupName(member.RegionalGroup)})" : office;
    }

    private static string RegionalGroupName(RegionalGroup group) => group.DisplayName();
}
