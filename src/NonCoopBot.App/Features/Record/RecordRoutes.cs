using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Record;

namespace NonCoopBot.App.Features.Record;

/// <summary><c>timeline NC-2026-001</c>: the matter's record in time order, in the reader's zone, paged, filtered by role.</summary>
public static class RecordRoutes
{
    /// <summary>The command id (words in each language: <c>command.timeline</c>).</summary>
    public const string TimelineCommand = "timeline";
    public const string PageVerb = "noncoop.timeline.page";

    public static BotRoutes MapRecord(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnLocalizedCommand(TimelineCommand, TimelineAsync)
            .OnCardAction(PageVerb, PageAsync);
    }

    public static IServiceCollection AddRecord(this IServiceCollection services)
    {
        services.AddSingleton<RecordReader>();
        return services;
    }

    private static Task TimelineAsync(TurnContext turn, CancellationToken ct)
    {
        var parts = turn.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var page = parts.Length > 1 && int.TryParse(parts[^1], out var p) ? p : 1;
        return SendAsync(turn, parts.FirstOrDefault() ?? string.Empty, page, ct);
    }

    private static Task PageAsync(TurnContext turn, CancellationToken ct)
    {
        var data = turn.CardData;
        var matter = data?["matterId"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : string.Empty;
        var page = CardValues.Int(data, "page") ?? 1;
        return SendAsync(turn, matter, page, ct);
    }

    private static async Task SendAsync(TurnContext turn, string matterText, int page, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        var record = sender is null ? null : await turn.Services.GetRequiredService<RecordReader>().ReadAsync(sender, matterText, Sender.VenueOf(turn), turn.Language, ct).ConfigureAwait(false);
        if (record is null)
        {
            var text = turn.T("record.notFound");
            if (CardAction.IsExecute(turn.Activity))
            {
                turn.InvokeResponse = TurnPipeline.InvokeMessage(text);
                return;
            }

            await turn.SendTextAsync(text, ct).ConfigureAwait(false);
            return;
        }

        var card = Card(turn.Services.GetRequiredService<BotCards>(), record, page, turn.Language);
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse = TurnPipeline.InvokeCard(card);
            return;
        }

        await turn.SendCardAsync(card, ct).ConfigureAwait(false);
    }

    public static JsonNode Card(BotCards cards, ReaderRecord record, int page, string language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(record);
        var dates = new ReaderDates(cards.Texts, language);
        var (items, p, pages) = MatterRecord.Page(record.Items, page);
        var m = record.Matter;
        return cards.Bind("timeline", new JsonObject
        {
            ["matterId"] = m.Id.Value,
            ["title"] = cards.Texts.Format(language, "record.card.title", ("matter", m.Id.Value)),
            ["matter"] = record.MatterLine(language),
            ["confidential"] = m.Confidentiality == Domain.NonCooperation.Confidentiality.BureauOnly,
            ["pageText"] = cards.Texts.Format(language, "record.card.page", ("page", p), ("pages", pages), ("count", record.Items.Count), ("zone", record.TimeZone)),
            ["previous"] = p > 1 ? p - 1 : null,
            ["next"] = p < pages ? p + 1 : null,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["when"] = dates.InZone(i.At, record.TimeZone),
                ["kind"] = i.Kind,
                ["text"] = i.Text,
            }).ToArray()),
        }, language);
    }
}
