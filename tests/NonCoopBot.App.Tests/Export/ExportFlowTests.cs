using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Features.Record;
using NonCoopBot.App.Tests.FocalPoints;
using NonCoopBot.App.Tests.Languages;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Record;
using NonCoopBot.Domain.States;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;
using UglyToad.PdfPig;

namespace NonCoopBot.App.Tests.Export;

/// <summary>
/// <c>export</c> through the real pipeline, and the links downloaded over real HTTP from the bot's own Kestrel on loopback:
/// the Markdown and the PDF (read back with PdfPig) hold the record line for line, the links are single-use, short-lived
/// (FakeTimeProvider), signed and bound to the requester; the Secretariat gets the public elements of a 7(a) matter only.
/// </summary>
public sealed class ExportFlowTests : IAsyncLifetime
{
    private const string Ken = AskForHelpFlowTests.Ken;
    private const string Secretariat = RosterFlowTests.Secretariat;
    private const string Summary = "Réunion tenue à Nairobi avec le ministre; señal de cooperación recibida.";

    private FocalTestHost _host = null!;
    private FakeEntraSignIn _entra = null!;
    private Uri _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _entra = await FakeEntraSignIn.StartAsync(TestTokens.BotAppId, "export-test-secret", Ct);
        _host = await FocalTestHost.StartAsync(configure: _entra.Configure);
        _entra.Clock = _host.Bot.Time.GetUtcNow;
        _bot = new Uri(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var roster = (await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!;
        foreach (var member in roster.Members)
        {
            await _host.SayAsync(member.AadObjectId, "help"); // every 1:1 chat is known: alerts go there and are acknowledged from there
        }

        await _host.OpenKenya7BAsync(); // NC-2026-001, 7(b): alert to 21 members
        await _host.DrainAlertsAsync();
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(2));
        await AcknowledgeAsync(Ken);
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(3));
        await AcknowledgeAsync(BotTestHost.Member);
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(10));
        await _host.SayAllAsync(BotTestHost.President, "oral report", "NC-2026-001", "today 09:10", "Minister", Summary, "none", "none", "no");
        await _host.DrainAlertsAsync();
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private async Task<string> FirstAlertIdAsync() =>
        (await _host.Services.GetRequiredService<IAlertStore>().ListAlertIdsForMatterAsync("NC-2026-001", Ct))[0];

    private async Task AcknowledgeAsync(string aad)
    {
        var (_, result) = await _host.ExecuteAsync(aad, AlertRoutes.AckVerb, new JsonObject { ["alertId"] = await FirstAlertIdAsync() });
        Assert.Equal(200, (int)result.InvokeResponse!.Body!["statusCode"]!);
    }

    /// <summary>Asks for an export in the 1:1 chat; returns the card's PDF and Markdown links as paths on the bot.</summary>
    private async Task<(JsonNode Card, string Pdf, string Markdown)> ExportAsync(string aad, string matter)
    {
        var (sent, _) = await _host.SayAsync(aad, "export " + matter);
        var card = Assert.Single(sent).Attachments![0].Content!;
        var actions = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]!.AsArray();
        string Path(string title) => new Uri((string)actions.Single(a => (string?)a!["title"] == title)!["url"]!).PathAndQuery;
        return (card, Path("Download PDF"), Path("Download Markdown"));
    }

    /// <summary>Downloads a link in a fresh browser that signs in at Entra as <paramref name="requester"/> (the President by default).</summary>
    private async Task<(HttpStatusCode Status, byte[] Body, string? Type)> GetAsync(string path, string requester = BotTestHost.President)
    {
        using var browser = new ExportBrowser(_bot, _entra);
        var download = await browser.OpenAsync(path, new FakeEntraUser(requester));
        return (download.Status, download.Body, download.Type);
    }

    private async Task<ReaderRecord> RecordAsync(string aad, string matter)
    {
        var roster = (await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!;
        var principal = roster.Identify(aad);
        return (await _host.Services.GetRequiredService<RecordReader>().ReadAsync(new Sender(roster, principal, new Domain.Members.Authorization(roster)), matter, Venue.PrivateChat, Ct))!;
    }

    /// <summary>The words of every page of a PDF, in reading order, joined by single spaces.</summary>
    private static (string Text, int Images, IReadOnlyList<(int Width, int Height)> ImageSizes) ReadPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        var text = string.Join(' ', pages.SelectMany(p => p.GetWords()).Select(w => w.Text));
        SentWording.InspectText(text, "GET " + ExportLinks.RoutePrefix + " (PDF)");
        var images = pages.SelectMany(p => p.GetImages()).ToList();
        return (text, images.Count, images.Select(i => (i.WidthInSamples, i.HeightInSamples)).ToList());
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Asserts every part appears in <paramref name="text"/> in the given order.</summary>
    private static void AssertInOrder(string text, IEnumerable<string> parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(Words(part), at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"not found after position {at}: \"{part}\"{Environment.NewLine}in: {text}");
            at = found + Words(part).Length;
        }
    }

    [Fact]
    public async Task ThePresidentsExport_MarkdownAndPdf_HoldEveryLineOfTheRecordInOrder_WithThePlot()
    {
        var (card, pdfPath, markdownPath) = await ExportAsync(BotTestHost.President, "NC-2026-001");
        var record = await RecordAsync(BotTestHost.President, "NC-2026-001");

        var (mdStatus, mdBody, mdType) = await GetAsync(markdownPath);
        var (pdfStatus, pdfBody, pdfType) = await GetAsync(pdfPath);

        Assert.Equal(HttpStatusCode.OK, mdStatus);
        Assert.Equal("text/markdown", mdType);
        Assert.Equal(HttpStatusCode.OK, pdfStatus);
        Assert.Equal("application/pdf", pdfType);
        Assert.True(record.Items.Count >= 7, string.Join(", ", record.Items.Select(i => i.Kind)));
        Assert.Contains(record.Items, i => i.Text.Contains(Summary, StringComparison.Ordinal));
        var markdown = Encoding.UTF8.GetString(mdBody);
        var lines = record.Items.Select(i => $"- {ExportDocument.Md(MatterRecord.InZone(i.At, record.TimeZone))} · **{i.Kind}** · {ExportDocument.Md(i.Text)}").ToList();
        AssertInOrder(markdown, lines);
        Assert.Equal(lines, markdown.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains(" · **", StringComparison.Ordinal)));
        var (pdfText, images, sizes) = ReadPdf(pdfBody);
        AssertInOrder(pdfText, record.Items.SelectMany(i => new[] { $"{MatterRecord.InZone(i.At, record.TimeZone)} · {i.Kind}", i.Text }));
        Assert.Contains("Confidential — Bureau only", pdfText, StringComparison.Ordinal);
        Assert.Contains("first acknowledgement after 2 min; 19 not yet acknowledged.", pdfText, StringComparison.Ordinal);
        Assert.Contains("first acknowledgement after 2 min; 19 not yet acknowledged.", markdown, StringComparison.Ordinal);
        Assert.Contains("2 min: 1, 5 min: 2.", markdown, StringComparison.Ordinal); // the plot's points in text
        Assert.Equal(1, images);
        Assert.Equal((AcknowledgementPlot.Width, AcknowledgementPlot.Height), Assert.Single(sizes));
        Assert.Equal("Record of matter NC-2026-001", (string?)card["body"]![0]!["text"]);
        Assert.All(new[] { markdown, pdfText }, t => Assert.Empty(Domain.Wording.NeutralWording.FindJudgingWords(t)));
    }

    [Fact]
    public async Task ThePlot_IsAPngOfTheExpectedSize_WithALinePerAlert()
    {
        var record = await RecordAsync(BotTestHost.President, "NC-2026-001");
        var alerts = record.Alerts.Select(a => ExportDocument.Insight(a, "UTC")).ToList();

        var png = AcknowledgementPlot.Render(alerts)!;

        Assert.Equal(2, alerts.Count);
        Assert.Equal([(2.0, 1), (5.0, 2)], alerts[0].Points);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        Assert.Equal(AcknowledgementPlot.Width, (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(AcknowledgementPlot.Height, (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 10_000, $"the PNG has only {png.Length} bytes: nothing drawn?");
        Assert.Null(AcknowledgementPlot.Render([]));
    }

    [Fact]
    public async Task ALink_WorksOnce()
    {
        var (_, pdf, _) = await ExportAsync(BotTestHost.President, "NC-2026-001");

        var first = await GetAsync(pdf);
        var second = await GetAsync(pdf);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Gone, second.Status);
        Assert.Equal(ExportTexts.LinkUsed, Encoding.UTF8.GetString(second.Body));
    }

    [Fact]
    public async Task TwoRacingDownloads_OfOneLink_GetOneFile()
    {
        var (_, _, markdown) = await ExportAsync(BotTestHost.President, "NC-2026-001");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => GetAsync(markdown)));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(3, results.Count(r => r.Status == HttpStatusCode.Gone));
    }

    [Fact]
    public async Task ALink_ExpiresAfterItsLifetime()
    {
        var (_, pdf, markdown) = await ExportAsync(BotTestHost.President, "NC-2026-001");

        _host.Bot.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var inTime = await GetAsync(markdown);
        _host.Bot.Time.Advance(TimeSpan.FromSeconds(1));
        var late = await GetAsync(pdf);

        Assert.Equal(HttpStatusCode.OK, inTime.Status);
        Assert.Equal(HttpStatusCode.Gone, late.Status);
        Assert.Equal(ExportTexts.LinkExpired, Encoding.UTF8.GetString(late.Body));
    }

    [Fact]
    public async Task ATamperedLink_IsRefused_AndStaysUsable()
    {
        var (_, pdf, _) = await ExportAsync(BotTestHost.President, "NC-2026-001");
        var parts = pdf.Split('.');
        var signature = parts[2];
        var flipped = (signature[5] == 'A' ? 'B' : 'A') + string.Empty;
        var tamperedSignature = $"{parts[0]}.{parts[1]}.{signature[..5]}{flipped}{signature[6..]}";
        var longerLife = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{signature}";

        var results = new[] { await GetAsync(tamperedSignature), await GetAsync(longerLife), await GetAsync(ExportLinks.RoutePrefix + "not-a-token") };
        var genuine = await GetAsync(pdf);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Forbidden, r.Status));
        Assert.All(results, r => Assert.Equal(ExportTexts.LinkInvalid, Encoding.UTF8.GetString(r.Body)));
        Assert.Equal(HttpStatusCode.OK, genuine.Status);
    }

    [Fact]
    public async Task ALink_IsBoundToItsRequester_RebindingItToAnotherUserIsRefused()
    {
        var (_, pdf, markdown) = await ExportAsync(BotTestHost.President, "NC-2026-001");
        var storage = _host.Services.GetRequiredService<IStorage>();
        var key = "export:link:" + pdf[ExportLinks.RoutePrefix.Length..].Split('.')[0];
        var item = (await storage.ReadAsync(key, Ct))!;
        var grant = JsonNode.Parse(item.Json)!;
        grant["userAadObjectId"] = BotTestHost.ActingVicePresident; // another person who could export: the signature no longer matches
        await storage.WriteAsync(key, grant.ToJsonString(), item.Version, null, Ct);

        var rebound = await GetAsync(pdf);
        var genuine = await GetAsync(markdown);

        Assert.Equal(HttpStatusCode.Forbidden, rebound.Status);
        Assert.Equal(ExportTexts.LinkInvalid, Encoding.UTF8.GetString(rebound.Body));
        Assert.Equal(HttpStatusCode.OK, genuine.Status);
    }

    [Theory]
    [InlineData("secretariat removed")]
    [InlineData("no longer acting President")]
    public async Task ALink_IsRefused_WhenItsRequesterMayNoLongerExport(string change)
    {
        var secretariat = change == "secretariat removed";
        var requester = secretariat ? Secretariat : BotTestHost.ActingVicePresident;
        var (_, pdf, _) = await ExportAsync(requester, secretariat ? await OpenPublicMatterAsync() : "NC-2026-001");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json")))!;
        if (secretariat)
        {
            json["secretariat"] = new JsonArray(json["secretariat"]!.AsArray().Where(s => (string?)s!["aadObjectId"] != Secretariat).Select(s => s!.DeepClone()).ToArray());
        }
        else
        {
            json.AsObject().Remove("actingPresidentMemberId"); // still a Vice-President who reads everything, but no longer acts for the President
        }

        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString(), Ct);
        await _host.SayAsync(BotTestHost.President, "roster load " + path);
        File.Delete(path);
        var roster = (await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!;

        var refused = await GetAsync(pdf, requester);

        Assert.False(ExportRoutes.MayExport(roster, roster.Identify(requester)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(ExportTexts.LinkNoLongerAllowed, Encoding.UTF8.GetString(refused.Body));
    }

    /// <summary>A 7(a) matter with a Bureau-only entry (good offices decided by the Bureau): returns its number.</summary>
    private async Task<string> OpenPublicMatterAsync()
    {
        var time = _host.Bot.Time;
        var states = _host.Services.GetRequiredService<StateDirectory>();
        var repo = _host.Services.GetRequiredService<IMatterRepository>();
        var president = new Actor("president", "Ambassador A. Wilber");
        var opened = Matter.Open(new MatterOpening(states.GetByCode("KEN"), Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, "ICC-02/05-01/09"),
            await repo.NextSequenceAsync(Ct), president, time).Matter!;
        opened.TriggerGoodOffices(president, GoodOfficesBasis.BureauDecision, "As decided.", time);
        await repo.AddAsync(opened, Ct);
        return opened.Id.Value;
    }

    [Fact]
    public async Task TheSecretariat_GetsThePublicElementsOfA7aMatter_AndA7bMatterIsNotFound()
    {
        var matter = await OpenPublicMatterAsync();
        var (card, pdf, markdown) = await ExportAsync(Secretariat, matter);
        var (presidentCard, presidentPdf, _) = await ExportAsync(BotTestHost.President, matter);
        var (hidden, _) = await _host.SayAsync(Secretariat, "export NC-2026-001");
        var (absent, _) = await _host.SayAsync(Secretariat, "export NC-2026-099");

        var md = Encoding.UTF8.GetString((await GetAsync(markdown, Secretariat)).Body);
        var secretariatPdf = ReadPdf((await GetAsync(pdf, Secretariat)).Body).Text;
        var fullPdf = ReadPdf((await GetAsync(presidentPdf)).Body).Text;

        Assert.Contains("Opened", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Good offices", md, StringComparison.Ordinal);
        Assert.Contains(ExportTexts.PublicOnlyNote, md, StringComparison.Ordinal);
        Assert.DoesNotContain("Good offices", secretariatPdf, StringComparison.Ordinal);
        Assert.DoesNotContain(ExportTexts.AcknowledgementsHeading, secretariatPdf, StringComparison.Ordinal);
        Assert.Contains("Good offices initiated by", fullPdf, StringComparison.Ordinal);
        Assert.Equal("1", (string?)card["body"]!.AsArray().Single(e => (string?)e!["type"] == "FactSet")!["facts"]![0]!["value"]);
        Assert.Equal($"Record of matter {matter}", (string?)card["body"]![0]!["text"]);
        Assert.Equal(ExportTexts.NotFound, Assert.Single(hidden).Text);
        Assert.Equal(ExportTexts.NotFound, Assert.Single(absent).Text);
        Assert.NotNull(presidentCard);
    }

    [Fact]
    public async Task AMemberWhoIsNeitherPresidentNorSecretariat_IsRefused_NamingWhoMay_TheActingPresidentMay()
    {
        var (member, _) = await _host.SayAsync(BotTestHost.Member, "export NC-2026-001");
        var (focal, _) = await _host.SayAsync(Ken, "export NC-2026-099");

        Assert.Equal(ExportTexts.Denied, Assert.Single(member).Text);
        Assert.Equal(ExportTexts.Denied, Assert.Single(focal).Text);
        var (acting, _) = await _host.SayAsync(BotTestHost.ActingVicePresident, "export NC-2026-001");
        Assert.Equal("Record of matter NC-2026-001", (string?)Assert.Single(acting).Attachments![0].Content!["body"]![0]!["text"]);
        Assert.Contains("President", ExportTexts.Denied, StringComparison.Ordinal);
        Assert.Contains("Secretariat", ExportTexts.Denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAChannel_TheAnswerIsTheSame_WhetherTheMatterExistsOrNot()
    {
        Activity InChannel(string aad, string text) =>
            ActivityBuilder.Message(text).From("29:" + aad, aad).InChannel("19:general@thread.tacv2").WithServiceUrl(_host.Connector.BaseUrl).Build();

        var (existing, _) = await _host.Bot.SendAsync(InChannel(BotTestHost.President, "export NC-2026-001"));
        var (missing, _) = await _host.Bot.SendAsync(InChannel(BotTestHost.President, "export NC-2026-099"));
        var (secretariat, _) = await _host.Bot.SendAsync(InChannel(Secretariat, "export NC-2026-001"));

        Assert.Equal(ExportTexts.OnlyInPrivateChat, Assert.Single(existing).Text);
        Assert.Equal(ExportTexts.OnlyInPrivateChat, Assert.Single(missing).Text);
        Assert.Equal(ExportTexts.OnlyInPrivateChat, Assert.Single(secretariat).Text);
        Assert.Empty(existing.SelectMany(a => a.Attachments ?? []));
    }

    [Fact]
    public async Task TheTracker_ShowsTimeToFirstAndToAll()
    {
        var roster = (await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!;
        foreach (var member in roster.Members.Where(m => m.AadObjectId != Ken && m.AadObjectId != BotTestHost.Member))
        {
            _host.Bot.Time.Advance(TimeSpan.FromMinutes(1));
            await AcknowledgeAsync(member.AadObjectId);
        }

        await _host.DrainAlertsAsync();
        var alert = (await _host.Services.GetRequiredService<IAlertStore>().GetAlertAsync(await FirstAlertIdAsync(), Ct))!;
        var presidentChat = FocalTestHost.ConversationOf(BotTestHost.President);
        var tracker = _host.Connector.Requests
            .Where(r => r.Method == "PUT" && r.Path.Contains("/" + presidentChat + "/", StringComparison.Ordinal))
            .Select(r => r.BodyAsActivity()!.Attachments![0].Content!)
            .Last(c => ((string?)c["body"]![2]!["facts"]![0]!["value"]) == Utc(alert.CreatedAt));
        var facts = tracker["body"]![2]!["facts"]!.AsArray();
        var record = await RecordAsync(BotTestHost.President, "NC-2026-001");
        var first = record.Alerts.First(a => a.SentAt == alert.CreatedAt);

        Assert.Equal(("First acknowledgement after", "2 min"), ((string)facts[1]!["title"]!, (string)facts[1]!["value"]!));
        Assert.Equal(("All acknowledgements after", $"{(int)first.TimeToAll!.Value.TotalMinutes} min"), ((string)facts[2]!["title"]!, (string)facts[2]!["value"]!));
        Assert.Equal(TimeSpan.FromMinutes(2), first.TimeToFirst);
        Assert.Equal(TimeSpan.FromMinutes(16 + roster.Members.Count - 2), first.TimeToAll); // the last of the others at 16 min + 1 min each
    }

    /// <summary>Asks for an export in the 1:1 chat after choosing <paramref name="language"/>; returns the card and its two links (PDF first).</summary>
    private async Task<(JsonNode Card, string Pdf, string Markdown)> ExportInAsync(string language, string aad, string matter)
    {
        await _host.SayAsync(aad, "language " + language);
        var (sent, _) = await _host.SayAsync(aad, "export " + matter);
        var card = Assert.Single(sent).Attachments![0].Content!;
        var actions = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        return (card, new Uri((string)actions[0]!["url"]!).PathAndQuery, new Uri((string)actions[1]!["url"]!).PathAndQuery);
    }

    private async Task<ReaderRecord> RecordInAsync(string language, string aad, string matter)
    {
        var roster = (await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!;
        var principal = roster.Identify(aad);
        return (await _host.Services.GetRequiredService<RecordReader>().ReadAsync(new Sender(roster, principal, new Domain.Members.Authorization(roster)), matter, Venue.PrivateChat, language, Ct))!;
    }

    /// <summary>A time as DateTexts writes it in <paramref name="language"/>, the zone named after it.</summary>
    private static string When(string language, DateTimeOffset at, string zone) => $"{Said.Texts.FormatDateTime(language, at, zone)} ({zone})";

    [Fact]
    public async Task AFrenchRequester_GetsTheMarkdownAndThePdfInFrench_WithEveryLineOfTheRecordInOrder()
    {
        var (card, pdfPath, markdownPath) = await ExportInAsync("fr", BotTestHost.President, "NC-2026-001");
        var record = await RecordInAsync("fr", BotTestHost.President, "NC-2026-001");
        var english = await RecordInAsync("en", BotTestHost.President, "NC-2026-001");

        var markdown = Encoding.UTF8.GetString((await GetAsync(markdownPath)).Body);
        var (pdfText, images, _) = ReadPdf((await GetAsync(pdfPath)).Body);

        Assert.NotEqual(english.Items.Select(i => i.Kind), record.Items.Select(i => i.Kind)); // the record itself is read in French
        var lines = record.Items.Select(i => $"- {ExportDocument.Md(When("fr", i.At, record.TimeZone))} · **{i.Kind}** · {ExportDocument.Md(i.Text)}").ToList();
        Assert.Equal(lines, markdown.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains(" · **", StringComparison.Ordinal)));
        AssertInOrder(markdown, ["# Dossier de l'affaire NC-2026-001", "**Confidentiel — Bureau uniquement**", "Exporté le ", "## Chronologie", .. lines, "## Accusés de réception"]);
        Assert.Contains("premier accusé de réception après 2 min ; 19 sans accusé de réception pour l'instant.", markdown, StringComparison.Ordinal);
        Assert.Contains("2 min : 1, 5 min : 2.", markdown, StringComparison.Ordinal);
        Assert.Contains(Said.Fr("export.plotInMarkdown"), markdown, StringComparison.Ordinal);
        AssertInOrder(pdfText, ["Dossier de l'affaire NC-2026-001", "Confidentiel — Bureau uniquement", "Chronologie",
            .. record.Items.SelectMany(i => new[] { $"{When("fr", i.At, record.TimeZone)} · {i.Kind}", i.Text }), "Accusés de réception",
            "premier accusé de réception après 2 min ; 19 sans accusé de réception pour l'instant."]);
        Assert.Equal(1, images);
        Assert.Contains(" nov. 2026 ", markdown, StringComparison.Ordinal); // the dates of the record, in French
        Assert.Equal("Dossier de l'affaire NC-2026-001", (string?)card["body"]![0]!["text"]);
        foreach (var key in Said.Texts.Keys(TextCatalogue.English).Where(k => k.StartsWith("export.", StringComparison.Ordinal) && !k.Contains("{", StringComparison.Ordinal)))
        {
            var englishText = Said.En(key);
            if (englishText != Said.Fr(key) && englishText.Length > 8 && !englishText.Contains('{', StringComparison.Ordinal))
            {
                Assert.DoesNotContain(englishText, markdown, StringComparison.Ordinal);
                Assert.DoesNotContain(englishText, pdfText, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ASpanishRequester_GetsTheExportCardInSpanish()
    {
        var (card, _, _) = await ExportInAsync("es", BotTestHost.President, "NC-2026-001");

        var texts = Transcript.CardTexts(card).ToList();
        Assert.Equal("Expediente del asunto NC-2026-001", (string?)card["body"]![0]!["text"]);
        Assert.Contains(Said.Es("card.export.confidential"), texts);
        Assert.Contains(Said.Es("export.cardLinkNote", ("lifetime", "5 min")), texts);
        var facts = card["body"]!.AsArray().Where(e => (string?)e!["type"] == "FactSet").SelectMany(f => f!["facts"]!.AsArray()).ToList();
        Assert.Equal(["Entradas", "Enlaces válidos hasta el"], facts.Take(2).Select(f => (string)f!["title"]!));
        Assert.Matches(@"^\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic)\. 2026 \d\d:\d\d \(", (string)facts[1]!["value"]!);
        var firstAlert = card["body"]!.AsArray().First(e => (string?)e!["type"] == "Container")!;
        var alertFacts = firstAlert["items"]![1]!["facts"]!.AsArray();
        Assert.Equal(["Acuses de recibo", "Primer acuse tras", "Todos los acuses tras"], alertFacts.Select(f => (string)f!["title"]!));
        Assert.Equal("2 de 21", (string?)alertFacts[0]!["value"]);
        Assert.Equal("todavía no (19 pendientes)", (string?)alertFacts[2]!["value"]);
        var actions = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]!.AsArray();
        Assert.Equal(["Descargar el PDF", "Descargar el Markdown"], actions.Select(a => (string)a!["title"]!));
        foreach (var key in Said.Texts.Keys(TextCatalogue.English).Where(k => k.StartsWith("card.export.", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(Said.En(key), texts);
        }
    }

    [Fact]
    public async Task AnEnglishExport_KeepsItsEnglishHeadingsLabelsAndDates()
    {
        var (card, pdfPath, markdownPath) = await ExportAsync(BotTestHost.President, "NC-2026-001");
        var record = await RecordAsync(BotTestHost.President, "NC-2026-001");

        var markdown = Encoding.UTF8.GetString((await GetAsync(markdownPath)).Body);
        var pdfText = ReadPdf((await GetAsync(pdfPath)).Body).Text;

        var first = record.Items[0];
        Assert.Equal(MatterRecord.InZone(first.At, record.TimeZone), When("en", first.At, record.TimeZone)); // the English date is written as before
        AssertInOrder(markdown, ["# Record of matter NC-2026-001", "**Confidential — Bureau only**", "Exported on ", "## Timeline", $"- {ExportDocument.Md(MatterRecord.InZone(first.At, record.TimeZone))} · **Opened** · ", "## Acknowledgements", "2 min: 1, 5 min: 2."]);
        AssertInOrder(pdfText, ["Record of matter NC-2026-001", "Confidential — Bureau only", "Timeline", "Acknowledgements"]);
        var facts = card["body"]!.AsArray().SelectMany(e => (string?)e!["type"] == "Container" ? e["items"]!.AsArray().AsEnumerable() : new[] { e })
            .Where(e => (string?)e!["type"] == "FactSet").SelectMany(f => f!["facts"]!.AsArray()).Select(f => (string)f!["title"]!).ToList();
        Assert.Equal(["Entries", "Links valid until", "Acknowledged", "First ack after", "All acks after", "Acknowledged", "First ack after", "All acks after"], facts);
        Assert.Contains("2 of 21", card.ToJsonString(), StringComparison.Ordinal);
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
