using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;

namespace NonCoopBot.App.Features.Rosters;

/// <summary>
/// <c>roster</c> (Secretariat, President): shows the Bureau, focal points with since-when and by whom, the acting
/// President; <c>roster load &lt;path&gt;</c> or a .json file sent in the 1:1 chat loads a new roster.
/// </summary>
public static partial class RosterRoutes
{
    /// <summary>The command id (words in each language: <c>command.roster</c>; <c>load</c> / <c>charger</c> / <c>cargar</c> after it).</summary>
    public const string RosterCommand = "roster";

    /// <summary>How Teams delivers a file sent to a bot in personal chat.</summary>
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    public const string HttpClientName = "NonCoopBot.RosterDownload";

    public static BotRoutes MapRoster(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnLocalizedCommand(RosterCommand, RosterAsync)
            .On("roster-file", t => t.IsPersonal && t.Activity.Attachments?.Any(a => a.ContentType == FileDownloadInfo) == true, RosterFileAsync);
    }

    public static IServiceCollection AddRoster(this IServiceCollection services)
    {
        services.AddSingleton<RosterLoader>();
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    private static async Task RosterAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var argument = turn.CommandArgument;
        var texts = turn.Services.GetRequiredService<TextCatalogue>();
        var load = TextCatalogue.Languages.Select(l => texts.Get(l, "roster.word.load"))
            .FirstOrDefault(w => argument.StartsWith(w, StringComparison.OrdinalIgnoreCase) && (argument.Length == w.Length || argument[w.Length] == ' '));
        if (load is not null)
        {
            await LoadFromPathAsync(turn, sender, argument[load.Length..].Trim(), ct).ConfigureAwait(false);
            return;
        }

        if (turn.Activity.Attachments?.Any(a => a.ContentType == FileDownloadInfo) == true)
        {
            await RosterFileAsync(turn, ct).ConfigureAwait(false);
            return;
        }

        var appointments = await turn.Services.GetRequiredService<IRosterHistory>().AppointmentsAsync(ct).ConfigureAwait(false);
        var last = (await turn.Services.GetRequiredService<IRosterHistory>().ListAsync(1, ct).ConfigureAwait(false)).FirstOrDefault();
        await turn.SendCardAsync(Card(turn.Services.GetRequiredService<BotCards>(), sender.Roster, appointments, last, turn.Language), ct).ConfigureAwait(false);
    }

    private static async Task RosterFileAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await RequireAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var file = turn.Activity.Attachments!.First(a => a.ContentType == FileDownloadInfo);
        var url = file.Content?["downloadUrl"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (file.Name is null || !file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            await turn.SendTextAsync(turn.T("roster.file.notJson"), ct).ConfigureAwait(false);
            return;
        }

        string json;
        try
        {
            var client = turn.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            json = await ReadLimitedAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false)
                ?? throw new InvalidDataException();
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or TaskCanceledException)
        {
            LogDownload(Logger(turn), ex.GetType().Name);
            await turn.SendTextAsync(turn.T("roster.file.unreadable", ("name", file.Name), ("kb", RosterLoader.MaxFileBytes / 1024)), ct).ConfigureAwait(false);
            return;
        }

        await ApplyAsync(turn, sender, json, file.Name, ct).ConfigureAwait(false);
    }

    private static async Task LoadFromPathAsync(TurnContext turn, Sender sender, string path, CancellationToken ct)
    {
        if (path.Length == 0 || !Path.IsPathFullyQualified(path) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            await turn.SendTextAsync(turn.T("roster.path.usage", ("command", turn.T("command.roster")), ("load", turn.T("roster.word.load"))), ct).ConfigureAwait(false);
            return;
        }

        string? json;
        try
        {
            await using var stream = File.OpenRead(path);
            json = await ReadLimitedAsync(stream, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            json = null;
        }

        if (json is null)
        {
            await turn.SendTextAsync(turn.T("roster.path.unreadable", ("path", path), ("kb", RosterLoader.MaxFileBytes / 1024)), ct).ConfigureAwait(false);
            return;
        }

        await ApplyAsync(turn, sender, json, path, ct).ConfigureAwait(false);
    }

    private static async Task ApplyAsync(TurnContext turn, Sender sender, string json, string source, CancellationToken ct)
    {
        var by = sender.Principal switch
        {
            Principal.Member m => m.BureauMember.DisplayName,
            Principal.Secretariat s => s.Staff.Name,
            _ => "unknown",
        };
        var result = await turn.Services.GetRequiredService<RosterLoader>().LoadAsync(json, Path.GetFileName(source), by, ct).ConfigureAwait(false);
        await turn.SendTextAsync(result.Text(turn.Services.GetRequiredService<TextCatalogue>(), turn.Language), ct).ConfigureAwait(false);
    }

    private static async Task<Sender?> RequireAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is not null && !RosterChanges.CanManage(sender.Roster, sender.Principal).IsAllowed)
        {
            await turn.SendTextAsync(turn.Denial(RosterChanges.ManageDenied), ct).ConfigureAwait(false);
            return null;
        }

        return sender;
    }

    private static async Task<string?> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[RosterLoader.MaxFileBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total > RosterLoader.MaxFileBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>The roster card: offices, focal points with since-when and by whom, the acting President, the para 16 warning.</summary>
    public static JsonNode Card(BotCards cards, Domain.Members.Roster roster, IReadOnlyList<RosterAppointment> appointments, RosterHistoryEntry? last, string language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(roster);
        var texts = cards.Texts;
        var dates = new ReaderDates(texts, language);
        string Since(string memberId, string kind) =>
            appointments.FirstOrDefault(a => a.MemberId == memberId && a.Kind == kind) is { } a
                ? texts.Format(language, "roster.card.since", ("date", dates.ShortDay(DateOnly.FromDateTime(a.Since.UtcDateTime))), ("by", a.By))
                : texts.Get(language, "roster.card.sinceBefore");
        return cards.Bind("roster", new JsonObject
        {
            ["president"] = roster.President?.DisplayName ?? "—",
            ["actingPresident"] = roster.ActingPresident is { } acting ? $"{acting.DisplayName} ({Since(acting.Id, RosterChanges.ActingPresidentKind)})" : texts.Get(language, "roster.card.noneDesignated"),
            ["focalPoints"] = new JsonArray(roster.FocalPoints.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.DisplayName,
                ["group"] = RosterWording.Group(texts, language, f.RegionalGroup),
                ["since"] = Since(f.Id, RosterChanges.FocalPointKind),
            }).ToArray()),
            ["members"] = new JsonArray(roster.Members.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.DisplayName,
                ["office"] = RosterWording.Office(texts, language, m.Role),
                ["state"] = m.StateCode,
            }).ToArray()),
            ["secretariat"] = string.Join(", ", roster.Secretariat.Select(s => s.Name)),
            ["warnings"] = new JsonArray(RosterWording.Para16Warnings(texts, language, roster).Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
            ["lastChange"] = last is null ? texts.Get(language, "roster.card.noLoad") : texts.Format(language, "roster.card.lastChange", ("at", dates.Utc(last.At)), ("by", last.By), ("count", last.Changes.Count)),
        }, language);
    }

    private static ILogger Logger(TurnContext turn) => turn.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot.Roster");

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "A roster file could not be downloaded ({Reason})")]
    private static partial void LogDownload(ILogger logger, string reason);
}
