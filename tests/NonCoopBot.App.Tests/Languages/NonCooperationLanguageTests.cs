using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>
/// Good offices, the oral report, matters and status, the Bureau's refusals and the welcome, in French and Spanish through
/// the real bot: the command words and yes/no of each language, dates read with the language's words, and nothing of the
/// English catalogue left in what a French or Spanish reader gets.
/// </summary>
public sealed partial class NonCooperationLanguageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string French = "a0000000-0000-4000-8000-000000000009";   // roster: fr, a Bureau member
    private const string Spanish = "a0000000-0000-4000-8000-000000000016";  // roster: es, a Bureau member

    /// <summary>The catalogue areas this helper moved (the texts a reader of these flows can get).</summary>
    private static readonly string[] Areas =
    [
        "goodOffices.", "oralReport.", "matters.", "bureau.", "onboarding.", "prompt.", "dialog.", "domain.", "turn.", "focalPoints.pick.",
        "card.good-offices-summary.", "card.matter-status.", "card.matters.", "card.oral-report.",
    ];

    private BotTestHost _host = null!;
    private readonly List<string> _said = [];

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private async Task<string> SayAsync(string aad, string text)
    {
        var (sent, _) = await _host.SayAsync(aad, text);
        var reply = string.Join(" // ", sent.Select(Transcript.TextOf));
        output.WriteLine($"User: {text}");
        output.WriteLine($"Bot:  {reply}");
        _said.Add(reply);
        return reply;
    }

    private static string Fr(string key, params (string, object?)[] args) => Said.Fr(key, args);

    private static string Es(string key, params (string, object?)[] args) => Said.Es(key, args);

    private async Task<Matter> SingleOpenMatterAsync() =>
        Assert.Single(await _host.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(TestContext.Current.CancellationToken));

    /// <summary>
    /// No fixed part of an English text of these areas (runs of three words or more between placeholders, where the other
    /// language says it differently) appears in what the reader got.
    /// </summary>
    private void AssertNothingLeftInEnglish(string language)
    {
        var texts = Said.Texts;
        var transcript = string.Join("\n", _said);
        var english = texts.Keys(TextCatalogue.English)
            .Where(k => Areas.Any(a => k.StartsWith(a, StringComparison.Ordinal)) && !k.EndsWith("Words", StringComparison.Ordinal) && !k.EndsWith(".synonyms", StringComparison.Ordinal))
            .Where(k => texts.Get(TextCatalogue.English, k) != texts.Get(language, k))
            .SelectMany(k => Placeholder().Split(texts.Get(TextCatalogue.English, k)).Select(part => (Key: k, Part: part.Trim(' ', '.', ',', ';', ':', '(', ')', '*'))))
            .Where(p => p.Part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3)
            .ToList();
        Assert.True(english.Count > 50, $"only {english.Count} English fragments to look for");
        var left = english.Where(p => transcript.Contains(p.Part, StringComparison.Ordinal)).Select(p => $"{p.Key}: \"{p.Part}\"").ToList();
        Assert.True(left.Count == 0, $"English left for a {language} reader:\n" + string.Join("\n", left));
    }

    [Fact]
    public async Task GoodOffices_InFrench_FromTheCommandToTheOpenedMatter_ThenStatusAndMatters()
    {
        await SayAsync(BotTestHost.President, "langue fr");
        Assert.StartsWith(Fr("goodOffices.askState", ("cancel", "annuler")), await SayAsync(BotTestHost.President, "bons offices"), StringComparison.Ordinal);
        Assert.Contains(Fr("goodOffices.askScenario", ("state", "Kenya")), await SayAsync(BotTestHost.President, "Kenya"));
        var afterScenario = await SayAsync(BotTestHost.President, "7(b) Pas encore de renvoi");
        Assert.Contains(Fr("goodOffices.art89Recorded"), afterScenario);
        Assert.Contains(Fr("goodOffices.askReference"), afterScenario);
        Assert.Contains(Fr("goodOffices.askPerson"), await SayAsync(BotTestHost.President, "ICC-01/99-01/26"));
        Assert.Contains(Fr("goodOffices.askKnown"), await SayAsync(BotTestHost.President, "aucun"));
        Assert.Contains(Fr("goodOffices.askToVerify"), await SayAsync(BotTestHost.President, "Déplacement signalé le 2 décembre."));
        Assert.Contains(Fr("goodOffices.askFocalPoints"), await SayAsync(BotTestHost.President, "Dates et source."));
        var summary = await SayAsync(BotTestHost.President, "1 et 3");
        Assert.Contains("Confirmer : engager les bons offices", summary);
        Assert.Contains(Fr("domain.request.Art89ArrestAndSurrender"), summary);
        Assert.Contains(Fr("domain.scenario.explanation.Urgent7B"), summary);

        var done = await SayAsync(BotTestHost.President, "oui");

        Assert.StartsWith(Fr("goodOffices.opened", ("id", "NC-2026-001"), ("status", "statut")), done, StringComparison.Ordinal);
        var matter = await SingleOpenMatterAsync();
        Assert.Equal(Scenario.Urgent7B, matter.Scenario);
        Assert.Null(matter.PersonSought);
        Assert.Equal(2, matter.FocalPointsInvolved.Count);

        var status = await SayAsync(BotTestHost.President, "statut NC-2026-001");
        Assert.Contains("Chronologie", status);
        Assert.Contains(Fr("domain.status.GoodOfficesUnderway"), status);
        Assert.Contains(Said.Texts.FormatDateTimeUtc("fr", matter.OpenedAt), status);
        var list = await SayAsync(BotTestHost.President, "affaires");
        Assert.Contains("Affaires en cours (1)", list);
        AssertNothingLeftInEnglish("fr");
    }

    [Fact]
    public async Task GoodOffices_InSpanish_With7aChoicesTypedInSpanish_AndAnOralReportReadWithSpanishDateWords()
    {
        await SayAsync(BotTestHost.President, "idioma es");
        Assert.StartsWith(Es("goodOffices.askState", ("cancel", "cancelar")), await SayAsync(BotTestHost.President, "buenos oficios"), StringComparison.Ordinal);
        await SayAsync(BotTestHost.President, "Mongolia");
        Assert.Contains(Es("goodOffices.askBasis"), await SayAsync(BotTestHost.President, "remisión"));
        Assert.Contains(Es("goodOffices.askRequest"), await SayAsync(BotTestHost.President, "decisión de la mesa"));
        Assert.Contains(Es("goodOffices.askReference"), await SayAsync(BotTestHost.President, "otra"));
        await SayAsync(BotTestHost.President, "ICC-02/98-02/24");
        await SayAsync(BotTestHost.President, "ninguno");
        await SayAsync(BotTestHost.President, "ninguno");
        Assert.StartsWith(Es("goodOffices.opened", ("id", "NC-2026-001"), ("status", "estado")), await SayAsync(BotTestHost.President, "sí"), StringComparison.Ordinal);
        var matter = await SingleOpenMatterAsync();
        Assert.Equal(CourtRequest.Art93OtherCooperation, matter.Request);
        Assert.Equal(GoodOfficesBasis.BureauDecision, Assert.IsType<GoodOfficesTriggered>(matter.Timeline[^1]).Basis);

        Assert.Contains(Es("oralReport.askWhen", ("zone", "America/New_York")), await SayAsync(BotTestHost.President, "informe oral NC-2026-001"));
        Assert.Contains(Es("oralReport.askWithWhom"), await SayAsync(BotTestHost.President, "hoy a las 08:30"));
        await SayAsync(BotTestHost.President, "El Representante Permanente");
        await SayAsync(BotTestHost.President, "El Presidente recordó la solicitud.");
        await SayAsync(BotTestHost.President, "Tomó nota.");
        var done = await SayAsync(BotTestHost.President, "ninguno");

        Assert.Contains(Es("oralReport.recorded", ("id", "NC-2026-001")), done);
        Assert.Contains("Informe oral del Presidente", done);
        var report = Assert.IsType<OralReportRecorded>((await SingleOpenMatterAsync()).Timeline[^1]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T13:30:00Z", CultureInfo.InvariantCulture), report.InteractionAt);
        Assert.Null(report.NextSteps);
        Assert.Contains(Said.Texts.FormatDateTimeUtc("es", report.InteractionAt), done);
        AssertNothingLeftInEnglish("es");
    }

    [Fact]
    public async Task OralReport_InFrench_ReadsFrenchDateWords_AndAFrenchNo()
    {
        await SayAsync(BotTestHost.President, "good offices");
        foreach (var answer in new[] { "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Known.", "To verify.", "none", "yes" })
        {
            await SayAsync(BotTestHost.President, answer);
        }

        await SayAsync(BotTestHost.President, "langue fr");
        _said.Clear();
        Assert.Contains(Fr("oralReport.askMatter"), await SayAsync(BotTestHost.President, "rapport oral"));
        Assert.Contains(Fr("oralReport.askWhen", ("zone", "America/New_York")), await SayAsync(BotTestHost.President, "1"));
        Assert.StartsWith(Fr("prompt.datetime.retry"), await SayAsync(BotTestHost.President, "bientôt"), StringComparison.Ordinal);
        Assert.Contains(Fr("oralReport.askWithWhom"), await SayAsync(BotTestHost.President, "hier à 9h30"));
        await SayAsync(BotTestHost.President, "Le Représentant permanent");
        await SayAsync(BotTestHost.President, "Rappel de la demande.");
        await SayAsync(BotTestHost.President, "aucun");
        Assert.Contains(Fr("oralReport.askVerified"), await SayAsync(BotTestHost.President, "aucune"));
        Assert.Contains(Fr("prompt.confirm.retry"), await SayAsync(BotTestHost.President, "peut-être"));
        var done = await SayAsync(BotTestHost.President, "non");

        Assert.Contains(Fr("oralReport.recorded", ("id", "NC-2026-001")), done);
        var report = Assert.IsType<OralReportRecorded>((await SingleOpenMatterAsync()).Timeline[^1]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T14:30:00Z", CultureInfo.InvariantCulture), report.InteractionAt);
        Assert.False(report.InformationVerified);
        Assert.Null(report.Outcome);
        AssertNothingLeftInEnglish("fr");
    }

    [Theory]
    [InlineData(French, "bons offices", "fr")]
    [InlineData(French, "good offices", "fr")]
    [InlineData(Spanish, "buenos oficios", "es")]
    [InlineData(Spanish, "rapport oral", "es")]
    [InlineData(BotTestHost.Member, "informe oral", "en")]
    public async Task APresidentsCommand_InAnyLanguage_IsRefusedToAMember_InTheirLanguage(string aad, string command, string language)
    {
        var key = command.Contains("oral", StringComparison.Ordinal) || command.Contains("informe", StringComparison.Ordinal) ? "domain.denied.oralReport" : "domain.denied.goodOffices";
        Assert.Equal(Said.In(language, key), await SayAsync(aad, command));
    }

    [Theory]
    [InlineData(French, "statut", "fr")]
    [InlineData(Spanish, "estado", "es")]
    [InlineData(French, "status", "fr")]
    public async Task Status_WithoutAMatter_AsksWhich_InTheReadersLanguage_WithTheirCommandWords(string aad, string command, string language)
    {
        var words = language == "fr" ? ("statut", "affaires") : ("estado", "asuntos");
        Assert.Equal(Said.In(language, "matters.whichMatter", ("status", words.Item1), ("matters", words.Item2)), await SayAsync(aad, command));
        Assert.Equal(Said.In(language, "matters.none"), await SayAsync(aad, language == "fr" ? "affaires" : "asuntos"));
    }

    [Fact]
    public async Task CommandsTypedWithoutAccents_AreUnderstood()
    {
        await SayAsync(BotTestHost.President, "langue fr");
        Assert.StartsWith(Fr("goodOffices.askState", ("cancel", "annuler")), await SayAsync(BotTestHost.President, "Bons Offices"), StringComparison.Ordinal);
        Assert.Equal(Fr("help.cancelled"), await SayAsync(BotTestHost.President, "annuler"));
        Assert.Equal(Said.Es("matters.none"), await SayAsync(Spanish, "asuntos"));
    }

    [Fact]
    public async Task TheWelcome_AndTheFallback_AreInTheReadersLanguage()
    {
        var install = ActivityBuilder.Message("x").From("29:" + French, French).InPersonalChat("a:personal-" + French).Build();
        install.Type = ActivityTypes.ConversationUpdate;
        install.Text = null;
        install.MembersAdded = [new ChannelAccount { Id = install.Recipient!.Id }];
        var (sent, _) = await _host.SendAsync(install);
        Assert.Equal(Fr("onboarding.welcome", ("help", "aide")), Assert.Single(sent).Text);
        Assert.Equal(Es("onboarding.unrecognized", ("help", "ayuda")), await SayAsync(Spanish, "¿qué tal?"));
    }

    [Fact]
    public async Task AnUnusualCourtReference_IsNotedInTheReadersLanguage()
    {
        await SayAsync(BotTestHost.President, "idioma es");
        await SayAsync(BotTestHost.President, "buenos oficios");
        foreach (var answer in new[] { "Kenya", "7(b)", "expediente 12", "ninguno", "Se sabe.", "Por verificar.", "todos" })
        {
            await SayAsync(BotTestHost.President, answer);
        }

        var done = await SayAsync(BotTestHost.President, "vale");

        Assert.Contains(Es("goodOffices.note", ("warnings", Es("domain.reference.unusual", ("reference", "expediente 12")))), done);
        AssertNothingLeftInEnglish("es");
    }

    [Fact]
    public async Task AMatterForANonPartyState_IsRefusedInFrench_CitingPara8()
    {
        await SayAsync(BotTestHost.President, "langue fr");
        await SayAsync(BotTestHost.President, "bons offices");

        var refused = await SayAsync(BotTestHost.President, "United States of America");

        Assert.StartsWith(Fr("domain.matter.notRequestedState", ("state", "États-Unis d'Amérique")), refused, StringComparison.Ordinal);
        Assert.Contains(Fr("goodOffices.nothingSaved"), refused);
        Assert.Empty(await _host.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(TestContext.Current.CancellationToken));
        AssertNothingLeftInEnglish("fr");
    }

    [Fact]
    public void ABrokenRuleOfAMatter_IsSaidInTheReadersLanguage_ByItsCode()
    {
        var rule = MatterRuleException.Of(MatterId.Parse("NC-2026-001"), "rule.closed");
        Assert.Equal("NC-2026-001 est close ; plus rien ne peut y être consigné.", Said.Texts.RuleText("fr", rule));
        Assert.Equal("NC-2026-001 is closed; nothing more can be recorded on it.", Said.Texts.RuleText("en", rule));
        Assert.Equal("NC-2026-001 está cerrado; ya no se puede registrar nada en él.", Said.Texts.RuleText("es", rule));
        Assert.Equal("rule.closed(id=NC-2026-001)", rule.Message); // the code, for logs: no sentence in the Domain
    }

    [GeneratedRegex(@"\{[A-Za-z0-9_]+\}|\*\*")]
    private static partial Regex Placeholder();
}
