using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
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
    public const string RosterCommand = "roster";

    /// <summary>How Teams delivers a file sent to a bot in personal chat.</summary>
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    public const string HttpClientName = "NonCoopBot.RosterDownload";

    public static BotRoutes MapRoster(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnCommand(RosterCommand, "(Secretariat, President) Show the roster; roster load <path>, or send the roster file here, to load a new one.", RosterAsync)
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

        var argument = CommandText.Argument(turn, RosterCommand);
        if (argument.StartsWith("load", StringComparison.OrdinalIgnoreCase))
        {
            await LoadFromPathAsync(turn, sender, argument[4..].Trim(), ct).ConfigureAwait(false);
            return;
        }

        if (turn.Activity.Attachments?.Any(a => a.ContentType == FileDownloadInfo) == true)
        {
            await RosterFileAsync(turn, ct).ConfigureAwait(false);
            return;
        }

        var appointments = await turn.Services.GetRequiredService<IRosterHistory>().AppointmentsAsync(ct).ConfigureAwait(false);
        var last = (await turn.Services.GetRequiredService<IRosterHistory>().ListAsync(1, ct).ConfigureAwait(false)).FirstOrDefault();
        await turn.SendCardAsync(Card(turn.Services.GetRequiredService<BotCards>(), sender.Roster, appointments, last), ct).ConfigureAwait(false);
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
            await turn.SendTextAsync("Send the roster as a .json file (the format of roster/roster.sample.json). The roster was not changed.", ct).ConfigureAwait(false);
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
            await turn.SendTextAsync($"I could not read the file {file.Name} (larger than {RosterLoader.MaxFileBytes / 1024} KB, or not reachable). The roster was not changed.", ct).ConfigureAwait(false);
            return;
        }

        await ApplyAsync(turn, sender, json, file.Name, ct).ConfigureAwait(false);
    }

    private static async Task LoadFromPathAsync(TurnContext turn, Sender sender, string path, CancellationToken ct)
    {
        if (path.Length == 0 || !Path.IsPathFullyQualified(path) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            await turn.SendTextAsync("Give the full path of a .json roster file the bot's host can read, for example: roster load /srv/noncoopbot/roster.json", ct).ConfigureAwait(false);
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
            await turn.SendTextAsync($"I could not read {path} (missing, not readable, or larger than {RosterLoader.MaxFileBytes / 1024} KB). The roster was not changed.", ct).ConfigureAwait(false);
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
        await turn.SendTextAsync(result.Text(), ct).ConfigureAwait(false);
    }

    private static async Task<Sender?> RequireAsync(TurnContext turn, CancellationToken ct) =>
        await turn.Services.GetRequiredService<BureauDirectory>().RequireAsync(turn, s => RosterChanges.CanManage(s.Roster, s.Principal), ct).ConfigureAwait(false);

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
    public static JsonNode Card(BotCards cards, Domain.Members.Roster roster, IReadOnlyList<RosterAppointment> appointments, RosterHistoryEntry? last)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(roster);
        string Since(string memberId, string kind) =>
            appointments.FirstOrDefault(a => a.MemberId == memberId && a.Kind == kind) is { } a
                ? $"since {a.Since.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, by {a.By}"
                : "since before the record began";
        return cards.Bind("roster", new JsonObject
        {
            ["president"] = roster.President?.DisplayName ?? "—",
            ["actingPresident"] = roster.ActingPresident is { } acting ? $"{acting.DisplayName} ({Since(acting.Id, RosterChanges.ActingPresidentKind)})" : "none designated",
            ["focalPoints"] = new JsonArray(roster.FocalPoints.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.DisplayName,
                ["group"] = f.RegionalGroup.DisplayName(),
                ["since"] = Since(f.Id, RosterChanges.FocalPointKind),
            }).ToArray()),
            ["members"] = new JsonArray(roster.Members.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.DisplayName,
                ["office"] = m.Role switch { BureauRole.President => "President", BureauRole.VicePresident => "Vice-President", _ => "Member" },
                ["state"] = m.StateCode,
            }).ToArray()),
            ["secretariat"] = string.Join(", ", roster.Secretariat.Select(s => s.Name)),
            ["warnings"] = new JsonArray(RosterChanges.Para16Warnings(roster).Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
            ["lastChange"] = last is null ? "No roster load recorded yet." : $"{last.At.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)} by {last.By} ({last.Changes.Count} change(s))",
        });
    }

    private static ILogger Logger(TurnContext turn) => turn.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot.Roster");

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "A roster file could not be downloaded ({Reason})")]
    private static partial void LogDownload(ILogger logger, string reason);
}
