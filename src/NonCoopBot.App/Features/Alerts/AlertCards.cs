using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// Binds the alert cards (<c>alert</c>, <c>alert-acknowledged</c>, <c>reminder</c>, <c>alert-tracker</c>) with
/// their data, each in its reader's language: the fixed words come from the catalogue (<c>card.&lt;name&gt;.…</c>), the
/// words derived from stored codes (title, what is asked, the Court request, delivery states, roles) are rendered here
/// at send time, so an alert stored once goes to every member in their own language. Wording is factual (para 12):
/// "could not be delivered", never a judging word. The card catalog is resolved on first use, so a host starts even
/// before cards are needed.
/// </summary>
public sealed class AlertCards(IServiceProvider services)
{
    private BotCards? _cards;

    private BotCards Cards => _cards ??= new BotCards(services.GetRequiredService<CardCatalog>(), services.GetService<TextCatalogue>() ?? Features.NonCoopBotRoutes.Texts);

    private TextCatalogue Texts => Cards.Texts;

    /// <summary>The language <paramref name="member"/> reads alerts in (their choice, else the roster's preference; English when unknown).</summary>
    public async Task<string> LanguageOfAsync(BureauMember? member, CancellationToken cancellationToken)
    {
        if (member is null)
        {
            return TextCatalogue.English;
        }

        var preferences = services.GetService<LanguagePreferences>();
        return preferences is null ? member.PreferredLanguage.ToCode() : await preferences.OfMemberAsync(member, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The alert card for one recipient in <paramref name="language"/>; <paramref name="userId"/> (29:…) goes in <c>refresh.userIds</c>.</summary>
    public JsonObject Alert(AlertRecord alert, string? userId, TimeSpan reminderInterval, string language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = Common(alert, reminderInterval, language);
        data["recipientMris"] = userId is null ? new JsonArray() : new JsonArray(userId);
        return Bind("alert", data, language);
    }

    /// <summary>The "acknowledged at …" view for one member, in their time zone and <paramref name="language"/>.</summary>
    public JsonObject Acknowledged(AlertRecord alert, BureauMember member, DateTimeOffset acknowledgedAt, TimeSpan reminderInterval, string language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(member);
        var (local, zoneName) = InZone(acknowledgedAt, member.TimeZone);
        var data = Common(alert, reminderInterval, language);
        data["acknowledgedBy"] = member.DisplayName;
        data["acknowledgedAt"] = DateText(local, Texts, language);
        data["timeZone"] = zoneName;
        return Bind("alert-acknowledged", data, language);
    }

    /// <summary>The reminder card in <paramref name="language"/>.</summary>
    public JsonObject Reminder(AlertRecord alert, TimeSpan reminderInterval, string language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = Common(alert, reminderInterval, language);
        data["sentAt"] = Utc(alert.CreatedAt, Texts, language);
        return Bind("reminder", data, language);
    }

    /// <summary>The tracker's data (exposed for tests) for the President, in <paramref name="language"/>.</summary>
    public static JsonObject TrackerData(AlertRecord alert, IReadOnlyList<DeliveryRow> deliveries, Roster roster, DateTimeOffset now, TextCatalogue texts, string language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(texts);
        var acknowledged = deliveries.Count(d => d.AcknowledgedAt is not null);
        var waiting = deliveries.Count - acknowledged;
        var members = new JsonArray();
        foreach (var d in deliveries.OrderBy(d => d.AcknowledgedAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.Id))
        {
            var member = roster.FindMemberById(d.MemberId);
            members.Add((JsonNode)new JsonObject
            {
                ["name"] = InertText.Of(member?.DisplayName ?? d.MemberId),
                ["state"] = member is null ? string.Empty : StateDirectory.NameOf(member.StateCode, language),
                ["role"] = member is null ? texts.Get(language, "alerts.role.member") : RoleText(member, texts, language),
                ["delivery"] = d.State,
                ["deliveryText"] = DeliveryText(d.State, texts, language),
                ["acknowledgedAt"] = d.AcknowledgedAt is { } at ? at.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture) : null,
            });
        }

        var payload = alert.Payload;
        return new JsonObject
        {
            ["alertId"] = alert.Id,
            ["alertTitle"] = Title(alert, texts, language),
            ["matter"] = new JsonObject
            {
                ["reference"] = InertText.Of(payload["matter"]?["reference"]?.GetValue<string>()),
                ["requestedState"] = RequestedStateName(payload["matter"], language),
            },
            ["sentAt"] = Utc(alert.CreatedAt, texts, language),
            ["acknowledged"] = acknowledged,
            ["total"] = deliveries.Count,
            ["timeToFirstAck"] = alert.FirstAckAt is { } first ? Duration(first - alert.CreatedAt) : texts.Get(language, "alerts.notYet"),
            ["timeToAllAcks"] = alert.AllAckedAt is { } all ? Duration(all - alert.CreatedAt) : texts.Format(language, "alerts.notYetWaiting", ("count", waiting)),
            ["members"] = members,
        };
    }

    /// <summary>The tracker card in <paramref name="language"/> (the President's).</summary>
    public JsonObject Tracker(AlertRecord alert, IReadOnlyList<DeliveryRow> deliveries, Roster roster, DateTimeOffset now, string language) =>
        Bind("alert-tracker", TrackerData(alert, deliveries, roster, now, Texts, language), language);

    /// <summary>The message telling the President who is still silent (names only), in <paramref name="language"/>.</summary>
    public string SilentText(AlertRecord alert, IReadOnlyList<string> names, string language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(names);
        var reference = InertText.Of(alert.Payload["matter"]?["reference"]?.GetValue<string>() ?? alert.MatterId);
        return Texts.Format(language, "alerts.silent",
            ("title", Title(alert, Texts, language)), ("reference", reference), ("count", names.Count), ("names", string.Join(", ", names.Select(InertText.Of))));
    }

    /// <summary>A text of the alerts area in <paramref name="language"/> (the activity summaries, the refusal).</summary>
    public string Text(string language, string key) => Texts.Get(language, key);

    /// <summary>The alert's title in <paramref name="language"/>, from its kind.</summary>
    public string Title(AlertRecord alert, string language) => Title(alert, Texts, language);

    /// <summary>Ledger state → neutral words.</summary>
    public static string DeliveryText(string state, TextCatalogue texts, string language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Get(language, state switch
        {
            DeliveryStates.Sent => "alerts.delivery.sent",
            DeliveryStates.Queued or DeliveryStates.Sending => "alerts.delivery.sending",
            DeliveryStates.Blocked => "alerts.delivery.blocked",
            DeliveryStates.Uncertain => "alerts.delivery.uncertain",
            _ => "alerts.delivery.failed",
        });
    }

    private JsonObject Bind(string name, JsonObject data, string language) => (JsonObject)Cards.Bind(name, data, language);

    /// <summary>The alert's title in <paramref name="language"/>, from its kind (also the record's label of the alert).</summary>
    public static string Title(AlertRecord alert, TextCatalogue texts, string language) =>
        texts.Get(language, alert.Payload["kind"]?.GetValue<string>() == "oralReport" ? "alerts.title.oralReport" : "alerts.title.goodOffices");

    private JsonObject Common(AlertRecord alert, TimeSpan reminderInterval, string language)
    {
        var payload = alert.Payload;
        var oralReport = payload["kind"]?.GetValue<string>() == "oralReport";
        return new JsonObject
        {
            ["alertId"] = alert.Id,
            ["kind"] = payload["kind"]?.DeepClone(),
            ["alertTitle"] = Title(alert, Texts, language),
            ["matter"] = Matter(payload["matter"]?.DeepClone(), language),
            ["asked"] = Texts.Get(language, oralReport ? "alerts.asked.oralReport" : "alerts.asked.goodOffices"),
            ["report"] = Report(payload["report"]?.DeepClone(), language),
            ["by"] = Utc(alert.CreatedAt + reminderInterval, Texts, language),
        };
    }

    /// <summary>
    /// The matter as stored, with the Court request in words of <paramref name="language"/> (from its stored code) and the
    /// Court reference, typed by the President, shown inert (no link, mention, formatting or binding).
    /// </summary>
    private JsonNode? Matter(JsonNode? matter, string language)
    {
        if (matter is not JsonObject o)
        {
            return matter;
        }

        if (o["reference"] is JsonValue v && v.TryGetValue<string>(out var reference))
        {
            o["reference"] = InertText.Of(reference);
        }

        if (RequestedStateName(o, language) is { } state)
        {
            o["requestedState"] = state;
        }

        if (o["courtRequestCode"] is JsonValue c && c.TryGetValue<string>(out var code) && Enum.TryParse<CourtRequest>(code, out var request))
        {
            o["courtRequest"] = Texts.Get(language, "alerts.courtRequest." + request);
        }

        return o;
    }

    /// <summary>The oral report's own words as filed; the words the bot adds (verified or not, times) in <paramref name="language"/>.</summary>
    private JsonNode? Report(JsonNode? report, string language)
    {
        if (report is not JsonObject o)
        {
            return report;
        }

        if (o["verifiedCode"] is JsonValue v && v.TryGetValue<bool>(out var verified))
        {
            o["verified"] = Texts.Get(language, verified ? "alerts.verified.yes" : "alerts.verified.notYet");
        }

        if (o["interactionAtUtc"] is JsonValue at && at.TryGetValue<string>(out var iso)
            && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var interaction))
        {
            o["interactionAt"] = Utc(interaction, Texts, language);
        }

        return o;
    }

    /// <summary>"4 Mar 2026, 10:16" / "4 mars 2026 10:16" / "4 mar. 2026 10:16" as the clock of <paramref name="at"/> reads (<see cref="DateTexts"/>).</summary>
    private static string DateText(DateTimeOffset at, TextCatalogue texts, string language) =>
        texts.FormatPattern(language, at.DateTime, texts.Get(language, DateTexts.DateTimePattern));

    private static string Utc(DateTimeOffset at, TextCatalogue texts, string language) => texts.FormatDateTimeUtc(language, at);

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

    /// <summary>
    /// The matter's requested State in the reader's language, from the code the payload holds; an alert stored before the
    /// payload held the code reads the (English) name it was stored with.
    /// </summary>
    private static string? RequestedStateName(JsonNode? matter, string language)
    {
        var recorded = matter?["requestedState"]?.GetValue<string>();
        var code = matter?["requestedStateCode"]?.GetValue<string>();
        return code is null ? recorded : StateDirectory.NameOf(code, language, recorded);
    }

    private static string RoleText(BureauMember member, TextCatalogue texts, string language)
    {
        var office = texts.Get(language, member.Role switch
        {
            BureauRole.President => "alerts.role.president",
            BureauRole.VicePresident => "alerts.role.vicePresident",
            _ => "alerts.role.member",
        });
        return member.IsFocalPoint
            ? texts.Format(language, "alerts.role.focalPoint", ("office", office), ("group", texts.Get(language, "alerts.group." + member.RegionalGroup)))
            : office;
    }
}
