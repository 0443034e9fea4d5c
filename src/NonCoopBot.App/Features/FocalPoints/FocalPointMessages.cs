using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.FocalPoints;

/// <summary>The focal points' cards, and sending them to one person's 1:1 chat (never a channel or a group).</summary>
public sealed partial class FocalPointMessages(BotCards cards, ProactiveMessenger messenger, ILogger<FocalPointMessages> logger)
{
    public const string AnswerVerb = "noncoop.assist.answer";
    public const string ContactFormVerb = "noncoop.contact.form";
    public const string ContactSubmitVerb = "noncoop.contact.submit";

    /// <summary>The request card for the person asked: matter, brief, accept / decline with a reason, log a contact.</summary>
    public JsonNode AssistanceRequestCard(Matter matter, FocalPointAssistanceRequested request)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(request);
        return cards.Bind("assistance-request", new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["request"] = request.Sequence,
            ["askedBy"] = request.Actor.Name,
            ["brief"] = request.Request,
            ["askedAt"] = MatterCardsTime(request.At),
            ["matter"] = MatterFacts(matter),
        });
    }

    /// <summary>The contact form, empty or filled with <paramref name="values"/>, with the errors found on the server.</summary>
    public JsonNode ContactForm(Matter matter, JsonObject? values, int? corrects, string timeZone, IReadOnlyList<ContactFieldError>? errors)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return cards.Bind("contact-log-form", new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["corrects"] = corrects,
            ["title"] = corrects is null ? "Log a contact" : $"Correct contact entry {corrects}",
            ["timeZone"] = timeZone,
            ["matter"] = MatterFacts(matter),
            ["values"] = FormValues(values),
            ["errors"] = new JsonArray((errors ?? []).Select(e => (JsonNode)JsonValue.Create(e.Message)).ToArray()),
        });
    }

    /// <summary>The form's fields: every one present (empty when not given), so no input shows a template placeholder.</summary>
    private static JsonObject FormValues(JsonObject? values)
    {
        var result = new JsonObject();
        foreach (var field in (string[])["date", "time", "channel", "officials", "summary", "outcome", "followUp", "nextContact"])
        {
            result[field] = values?[field] is JsonValue v && v.TryGetValue<string>(out var text) ? text : string.Empty;
        }

        return result;
    }

    /// <summary>The card telling the President that a contact was logged (or corrected).</summary>
    public JsonNode ContactLoggedCard(Matter matter, ContactRecorded entry, string readerTimeZone)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(entry);
        var d = entry.Details;
        return cards.Bind("contact-logged", new JsonObject
        {
            ["title"] = entry.CorrectsSequence is { } c ? $"Contact entry {c} corrected" : "Contact logged",
            ["by"] = entry.Actor.Name,
            ["sequence"] = entry.Sequence,
            ["matter"] = MatterFacts(matter),
            ["when"] = InZone(d.ContactAt, readerTimeZone),
            ["channel"] = d.Channel.Label(),
            ["officials"] = ContactRules.FormatOfficials(d.Officials),
            ["summary"] = d.Summary,
            ["outcome"] = d.Outcome ?? "—",
            ["followUp"] = d.FollowUp ?? "—",
            ["nextContact"] = d.NextContact?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—",
        });
    }

    /// <summary>Sends a card to one person's 1:1 chat; false (logged, nothing thrown) when it could not be delivered.</summary>
    public async Task<bool> SendAsync(string aadObjectId, JsonNode card, Activity? inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        try
        {
            var defaults = new ProactiveDefaults(inbound?.Recipient?.Id, inbound?.TenantId, inbound?.ServiceUrl);
            var reference = await messenger.GetOrCreatePersonalConversationAsync(aadObjectId, defaults, cancellationToken).ConfigureAwait(false);
            await messenger.SendAsync(aadObjectId, reference, new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)] }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or ProactiveUnreachableException or HttpRequestException or ConnectorDeliveryUncertainException)
        {
            LogNotDelivered(logger, aadObjectId, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>A time in the reader's IANA zone, with the zone named.</summary>
    public static string InZone(DateTimeOffset at, string timeZone)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + timeZone;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return MatterCardsTime(at);
        }
    }

    public static JsonObject MatterFacts(Matter matter)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return new JsonObject
        {
            ["id"] = matter.Id.Value,
            ["reference"] = matter.CourtReference.Value,
            ["requestedState"] = matter.RequestedState.Name,
            ["scenario"] = matter.Scenario.Label(),
        };
    }

    private static string MatterCardsTime(DateTimeOffset at) => NonCooperation.MatterCards.When(at);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "A focal-point card could not be delivered to {Aad} ({Reason})")]
    private static partial void LogNotDelivered(ILogger logger, string aad, string reason);
}
