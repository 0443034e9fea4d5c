using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Record;
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
    public JsonNode AssistanceRequestCard(Matter matter, FocalPointAssistanceRequested request, string language)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(request);
        return cards.Bind("assistance-request", new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["request"] = request.Sequence,
            ["askedBy"] = request.Actor.Name,
            ["brief"] = request.Request,
            ["askedAt"] = new ReaderDates(cards.Texts, language).Utc(request.At),
            ["matter"] = MatterFacts(matter, language),
        }, language);
    }

    /// <summary>The contact form, empty or filled with <paramref name="values"/>, with the errors found on the server.</summary>
    public JsonNode ContactForm(Matter matter, JsonObject? values, int? corrects, string timeZone, IReadOnlyList<ContactFieldError>? errors, string language)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return cards.Bind("contact-log-form", new JsonObject
        {
            ["matterId"] = matter.Id.Value,
            ["corrects"] = corrects,
            ["title"] = corrects is null ? cards.Texts.Get(language, "focal.form.title") : cards.Texts.Format(language, "focal.form.correctTitle", ("entry", corrects)),
            ["timeZone"] = timeZone,
            ["matter"] = MatterFacts(matter, language),
            ["values"] = FormValues(values),
            ["errors"] = new JsonArray((errors ?? []).Select(e => (JsonNode)JsonValue.Create(ErrorText(e, language))).ToArray()),
        }, language);
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
    public JsonNode ContactLoggedCard(Matter matter, ContactRecorded entry, string readerTimeZone, string language)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(entry);
        var d = entry.Details;
        var dates = new ReaderDates(cards.Texts, language);
        return cards.Bind("contact-logged", new JsonObject
        {
            ["title"] = entry.CorrectsSequence is { } c ? cards.Texts.Format(language, "focal.logged.corrected", ("entry", c)) : cards.Texts.Get(language, "focal.logged.title"),
            ["by"] = entry.Actor.Name,
            ["sequence"] = entry.Sequence,
            ["matter"] = MatterFacts(matter, language),
            ["when"] = dates.InZone(d.ContactAt, readerTimeZone),
            ["channel"] = ChannelLabel(d.Channel, language),
            ["officials"] = ContactRules.FormatOfficials(d.Officials),
            ["summary"] = d.Summary,
            ["outcome"] = d.Outcome ?? "—",
            ["followUp"] = d.FollowUp ?? "—",
            ["nextContact"] = d.NextContact is { } next ? dates.ShortDay(next) : "—",
        }, language);
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

    /// <summary>A contact channel's name in <paramref name="language"/> ("call", "appel", "llamada").</summary>
    public string ChannelLabel(ContactChannel channel, string language) => cards.Texts.Get(language, "focal.channel." + channel);

    /// <summary>A field error of the contact form in <paramref name="language"/> (the Domain's rule by its code; the form's own by theirs).</summary>
    public string ErrorText(ContactFieldError error, string language)
    {
        ArgumentNullException.ThrowIfNull(error);
        return cards.Texts.Say(language, error.Text);
    }

    public static JsonObject MatterFacts(Matter matter, string language)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return new JsonObject
        {
            ["id"] = matter.Id.Value,
            ["reference"] = matter.CourtReference.Value,
            ["requestedState"] = matter.RequestedState.NameIn(language),
            ["scenario"] = matter.Scenario.Label(),
        };
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "A focal-point card could not be delivered to {Aad} ({Reason})")]
    private static partial void LogNotDelivered(ILogger logger, string aad, string reason);
}
