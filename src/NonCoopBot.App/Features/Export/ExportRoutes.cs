using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.App.Features.Record;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Record;

namespace NonCoopBot.App.Features.Export;

/// <summary>
/// <c>export NC-2026-001</c> (President or acting President, Secretariat; 1:1 chat only): a card with two links (PDF,
/// Markdown) to the matter's record as <see cref="RecordReader"/> gives it to the requester; <c>GET /export/{token}</c>
/// serves a link once, to its grant, within its lifetime, after checking again what the requester may see.
/// </summary>
public static partial class ExportRoutes
{
    public const string ExportCommand = "export";

    public static BotRoutes MapExport(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.OnLocalizedCommand("export", ExportAsync);
    }

    public static IServiceCollection AddExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>());
        services.AddSingleton<ExportSigningKey>();
        services.AddSingleton<ExportLinks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportOptions>, ExportSignInOptionsValidator>());
        services.AddSingleton<ExportSignIn>();
        services.AddHttpClient(ExportSignIn.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        return services;
    }

    /// <summary>
    /// The download route and the sign-in callback on the bot's own web app (resolves the key and the sign-in now, so their
    /// start-up warnings are logged at start).
    /// </summary>
    public static IEndpointRouteBuilder MapExportDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var signIn = app.ServiceProvider.GetRequiredService<ExportSignIn>();
        signIn.Announce(app.ServiceProvider.GetRequiredService<ExportLinks>().Enabled);
        app.MapGet(ExportLinks.RoutePrefix + "{token}", DownloadAsync);
        app.MapGet(signIn.CallbackPath, (HttpContext http, ExportSignIn s) => s.CallbackAsync(NoStore(http), http.RequestAborted));
        return app;
    }

    /// <summary>Who may export: the President (or acting President) and current Secretariat staff.</summary>
    public static bool MayExport(Roster roster, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return principal switch
        {
            Principal.Member { BureauMember: var m } => roster.FindMemberByAadObjectId(m.AadObjectId) is { } current && current.Id == m.Id && roster.ActsAsPresident(current),
            Principal.Secretariat { Staff: var s } => roster.FindSecretariatByAadObjectId(s.AadObjectId) is not null,
            _ => false,
        };
    }

    private static async Task ExportAsync(TurnContext turn, CancellationToken ct)
    {
        if (Sender.VenueOf(turn) != Venue.PrivateChat)
        {
            await turn.SendTextAsync(turn.T("export.onlyInPrivateChat"), ct).ConfigureAwait(false);
            return;
        }

        var sender = await turn.Services.GetRequiredService<BureauDirectory>()
            .RequireAsync(turn, s => MayExport(s.Roster, s.Principal) ? AuthorizationResult.Allow : AuthorizationResult.Deny(turn.T("export.denied")), ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var argument = turn.CommandArgument;
        if (argument.Length == 0)
        {
            await turn.SendTextAsync(turn.T("export.usage"), ct).ConfigureAwait(false);
            return;
        }

        var links = turn.Services.GetRequiredService<ExportLinks>();
        if (!links.Enabled || turn.Services.GetRequiredService<ExportSignIn>().Mode == ExportSignInMode.NotConfigured)
        {
            await turn.SendTextAsync(turn.T("export.notConfigured"), ct).ConfigureAwait(false);
            return;
        }

        var record = await turn.Services.GetRequiredService<RecordReader>().ReadAsync(sender, argument, Venue.PrivateChat, turn.Language, ct).ConfigureAwait(false);
        if (record is null)
        {
            await turn.SendTextAsync(turn.T("export.notFound"), ct).ConfigureAwait(false);
            return;
        }

        var aad = sender.Principal.AadObjectId;
        var id = record.Matter.Id.Value;
        var (pdf, grant) = await links.IssueAsync(id, aad, ExportFormats.Pdf, ct).ConfigureAwait(false);
        var (markdown, _) = await links.IssueAsync(id, aad, ExportFormats.Markdown, ct).ConfigureAwait(false);
        LogIssued(Logger(turn.Services), id);
        var card = turn.Services.GetRequiredService<BotCards>().Bind("export", CardData(record, links.Lifetime, grant.ExpiresAt, pdf, markdown, turn.Language), turn.Language);
        await turn.SendCardAsync(card, ct).ConfigureAwait(false);
    }

    /// <summary>The export card's data in <paramref name="language"/> (exposed for tests).</summary>
    public static JsonObject CardData(ReaderRecord record, TimeSpan lifetime, DateTimeOffset expiresAt, Uri pdf, Uri markdown, string language)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(markdown);
        var m = record.Matter;
        return new JsonObject
        {
            ["title"] = ExportDocument.TitleOf(m, language),
            ["matter"] = record.MatterLine(language),
            ["confidential"] = m.Confidentiality == Confidentiality.BureauOnly,
            ["publicOnly"] = !record.Full,
            ["entries"] = record.Items.Count.ToString(CultureInfo.InvariantCulture),
            ["expires"] = ExportTexts.When(language, expiresAt, record.TimeZone),
            ["alerts"] = new JsonArray(record.Alerts.Select(a => ExportDocument.Insight(a, record.TimeZone, language)).Select(a => (JsonNode)new JsonObject
            {
                ["title"] = a.Title,
                ["acknowledged"] = ExportTexts.Format(language, "ofRecipients", ("acknowledged", a.Acknowledged), ("recipients", a.Recipients)),
                ["timeToFirst"] = a.TimeToFirst,
                ["timeToAll"] = a.TimeToAll,
            }).ToArray()),
            ["note"] = ExportTexts.Format(language, "cardLinkNote", ("lifetime", MatterRecord.Duration(lifetime))),
            ["pdfUrl"] = pdf.AbsoluteUri,
            ["markdownUrl"] = markdown.AbsoluteUri,
        };
    }

    private static async Task<IResult> DownloadAsync(string token, HttpContext http, ExportLinks links, ExportSignIn signIn, IRosterRepository rosters, RecordReader reader, TimeProvider time)
    {
        var ct = http.RequestAborted;
        NoStore(http);
        var logger = Logger(http.RequestServices);

        // The cheap checks first (shape, signature, time, not used), without using the link: a refused sign-in leaves it usable.
        var (status, grant) = await links.CheckAsync(token, ct).ConfigureAwait(false);
        if (status == RedeemStatus.Granted)
        {
            var refusal = await IdentityRefusalAsync(http, token, grant!, signIn, logger, ct).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            (status, grant) = await links.RedeemAsync(token, ct).ConfigureAwait(false);
        }

        LogRedeem(logger, status);
        switch (status)
        {
            case RedeemStatus.Invalid:
                return Results.Text(ExportTexts.Get(ExportTexts.BrowserLanguage(http.Request), "linkInvalid"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            case RedeemStatus.Expired:
                return Results.Text(ExportTexts.Get(ExportTexts.BrowserLanguage(http.Request), "linkExpired"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone);
            case RedeemStatus.Used:
                return Results.Text(ExportTexts.Get(ExportTexts.BrowserLanguage(http.Request), "linkUsed"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone);
        }

        // The roster and the record are read again now: a person removed, or a role changed since the link was made, gets nothing.
        var roster = await rosters.GetAsync(ct).ConfigureAwait(false);
        var principal = roster?.Identify(grant!.UserAadObjectId);
        // The document is written in the requester's language as it is now (their choice, else their roster preference).
        var language = await http.RequestServices.GetRequiredService<LanguagePreferences>().OfAsync(grant!.UserAadObjectId, roster, ct).ConfigureAwait(false);
        var record = roster is null || principal is null || !MayExport(roster, principal) ? null
            : await reader.ReadAsync(new Sender(roster, principal, new Authorization(roster)), grant!.MatterId, Venue.PrivateChat, language, ct).ConfigureAwait(false);
        if (record is null)
        {
            return Results.Text(ExportTexts.Get(language, "linkNoLongerAllowed"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        var name = principal switch
        {
            Principal.Member { BureauMember: var m } => m.DisplayName,
            Principal.Secretariat { Staff: var s } => s.Name,
            _ => string.Empty,
        };
        var document = ExportDocument.From(record, name, time.GetUtcNow(), language);
        var file = record.Matter.Id.Value;
        return grant!.Format == ExportFormats.Pdf
            ? Results.File(ExportPdf.Write(document), "application/pdf", file + ".pdf")
            : Results.File(System.Text.Encoding.UTF8.GetBytes(document.ToMarkdown()), "text/markdown; charset=utf-8", file + ".md");
    }

    /// <summary>
    /// Null when the person at the browser is the one the link was made for (signed in with Entra, same object id, our
    /// tenant), or the sign-in is off and anonymous mode applies; otherwise the answer to give: the sign-in (a redirect to
    /// Entra) or a refusal. Nothing here uses the link.
    /// </summary>
    private static async Task<IResult?> IdentityRefusalAsync(HttpContext http, string token, ExportGrant grant, ExportSignIn signIn, ILogger logger, CancellationToken ct)
    {
        switch (signIn.Mode)
        {
            case ExportSignInMode.Off:
                return signIn.AllowsWithoutSignIn(http) ? null : ExportSignIn.Refusal(StatusCodes.Status403Forbidden, "off", ExportTexts.BrowserLanguage(http.Request));
            case ExportSignInMode.NotConfigured:
                return ExportSignIn.Refusal(StatusCodes.Status403Forbidden, "notConfigured", ExportTexts.BrowserLanguage(http.Request));
        }

        var user = await signIn.UserAsync(http, ct).ConfigureAwait(false);
        if (user is null)
        {
            return await signIn.ChallengeAsync(http, token, ct).ConfigureAwait(false);
        }

        if (!signIn.IsFor(user, grant))
        {
            LogOtherPerson(logger);
            return ExportSignIn.Refusal(StatusCodes.Status403Forbidden, "otherPerson", ExportTexts.BrowserLanguage(http.Request));
        }

        return null;
    }

    private static HttpContext NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return http;
    }

    private static ILogger Logger(IServiceProvider services) => services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot.Export");

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Export links issued for matter {MatterId}.")]
    private static partial void LogIssued(ILogger logger, string matterId);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Export link presented: {Status}.")]
    private static partial void LogRedeem(ILogger logger, RedeemStatus status);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Information, Message = "Export link presented by a signed-in person it was not made for: refused, the link stays usable.")]
    private static partial void LogOtherPerson(ILogger logger);
}
