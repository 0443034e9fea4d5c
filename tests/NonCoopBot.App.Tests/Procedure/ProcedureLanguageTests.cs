using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Procedure;
using NonCoopBot.App.Tests.Languages;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Procedure;

/// <summary>The formal procedure in French and Spanish: command words, the referral form, the card, answers and refusals.</summary>
public sealed class ProcedureLanguageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string French = "a0000000-0000-4000-8000-000000000009";   // roster: fr
    private const string Spanish = "a0000000-0000-4000-8000-000000000016";  // roster: es

    private static readonly string[] Areas = ["procedure.", "card.procedure.", "card.referral-form.", "record.date."];

    private BotTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> SendAsync(string aad, ActivityBuilder activity)
    {
        var (sent, result) = await _host.SendAsync(activity.From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).Build());
        var text = ProcedureFlowTests.TextOf(sent, result.InvokeResponse?.Body);

        output.WriteLine($"{aad[^2..]}: {text}");
        Assert.Empty(NeutralWording.FindJudgingWords(text));
        return text;
    }

    private Task<string> SayAsync(string aad, string text) => SendAsync(aad, ActivityBuilder.Message(text));

    [Fact]
    public async Task InFrench_TheSecretariatRecordsAReferral_AndAFrenchMemberReadsTheProcedure_WithNoEnglishLeft()
    {
        await SayAsync(ProcedureFlowTests.Secretariat, "langue fr");
        var transcript = await SayAsync(ProcedureFlowTests.Secretariat, "saisine");
        Assert.Contains("Enregistrer une saisine par la Cour (par. 13)", transcript);
        Assert.Contains("Chambre préliminaire I", transcript);

        var missing = await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(state: "Narnia", chamber: "Chambre préliminaire I")));
        Assert.Contains("Je ne connais aucun État nommé « Narnia »", missing);
        Assert.Contains("Rien n'a été enregistré.", missing);

        var recorded = await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(chamber: "Chambre préliminaire I")));
        Assert.Contains("Saisine par la Cour enregistrée. Affaire NC-2026-001 ouverte (scénario 7(a))", recorded);
        Assert.Contains("ICC-02/05-01/09-109 du 20 novembre 2026", recorded);
        Assert.Contains("Étapes publiques de la procédure", recorded);
        Assert.Contains("Lettre ouverte à l'État requis", recorded);

        var member = await SayAsync(French, "procédure NC-2026-001");
        Assert.Contains("Procédure formelle · NC-2026-001", member);
        Assert.Contains("Vue du Bureau : toutes les étapes.", member);
        Assert.Contains("Réunion d'urgence du Bureau", member);
        Assert.Contains("demande d'arrestation et de remise (art. 89), ICC-02/05-01/09, du 1 mars 2026", member);
        Assert.Contains("Non commencée", member);

        var unknown = await SayAsync(French, "procédure NC-2026-099");
        Assert.Contains("Je n'ai trouvé aucune affaire « NC-2026-099 »", unknown);
        var refused = await SayAsync(French, "étape NC-2026-001 b faite 2026-11-30 limite 2026-12-10");
        Assert.StartsWith("Seul le Président", refused, StringComparison.Ordinal);

        transcript = string.Join("\n", transcript, missing, recorded, member, unknown, refused);
        Assert.Empty(EnglishLeft.In(transcript, "fr", Areas));
    }

    [Fact]
    public async Task InSpanish_AMemberReadsTheProcedure_AndTheWordsOfEveryLanguageWork()
    {
        await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(chamber: "Sala de Cuestiones Preliminares I")));

        // The President reads English, whatever words they type.
        Assert.Contains("step (b) open letter to the requested State: done (30 November 2026). Views requested by 10 December 2026",
            await SayAsync(BotTestHost.President, "paso NC-2026-001 b hecho 2026-11-30 límite 2026-12-10"));
        Assert.Contains("step (a) emergency Bureau meeting: planned (1 December 2026)", await SayAsync(BotTestHost.President, "étape NC-2026-001 a prévue 2026-12-01"));
        Assert.Contains("Use: step NC-2026-001 b done", await SayAsync(BotTestHost.President, "step NC-2026-001 b hecho 2026-13-40"));

        var member = await SayAsync(Spanish, "procedimiento NC-2026-001");
        Assert.Contains("Procedimiento formal · NC-2026-001", member);
        Assert.Contains("Vista de la Mesa: todos los pasos.", member);
        Assert.Contains("Hecho · 30 de noviembre de 2026", member);
        Assert.Contains("Observaciones solicitadas a más tardar el 10 de diciembre de 2026 (párr. 14(b)).", member);
        Assert.Contains("El paso (a) reunión de emergencia de la Mesa está previsto para el 1 de diciembre de 2026.", member);

        var session = await SayAsync(Spanish, "período de sesiones 2027-12-06");
        Assert.StartsWith("Solo la Secretaría de la Asamblea", session, StringComparison.Ordinal);
        var which = await SayAsync(Spanish, "procedimiento");
        Assert.Equal("¿Qué asunto? Por ejemplo: procedimiento NC-2026-001. Escriba asuntos para ver los asuntos abiertos.", which);

        Assert.Empty(EnglishLeft.In(string.Join("\n", member, session, which), "es", Areas));
    }

    [Fact]
    public async Task AReferralTypedWithAFrenchStateName_IsStoredWithTheEnglishNameOnly_AndEachReaderReadsTheStateInTheirLanguage()
    {
        await SayAsync(ProcedureFlowTests.Secretariat, "langue fr");
        var recorded = await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(state: "Allemagne", chamber: "Chambre préliminaire I")));
        Assert.Contains("Saisine par la Cour enregistrée. Affaire NC-2026-001 ouverte (scénario 7(a))", recorded);

        // What is stored is what the bot stored before State names were translated: the code and the English name.
        var stored = await StoredProcedureAsync();
        Assert.Contains("\"stateCode\":\"DEU\",\"stateName\":\"Germany\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Allemagne", stored, StringComparison.Ordinal);

        Assert.Contains("Allemagne", await SayAsync(French, "procédure NC-2026-001"));
        Assert.Contains("Alemania", await SayAsync(Spanish, "procedimiento NC-2026-001"));
        var english = await SayAsync(BotTestHost.President, "procedure NC-2026-001");
        Assert.Contains("Germany", english);
        Assert.DoesNotContain("Allemagne", english);

        // A record whose code the States data no longer knows reads the English name stored with it.
        await ExecuteAsync("UPDATE procedures SET snapshot = REPLACE(snapshot, '\"stateCode\":\"DEU\"', '\"stateCode\":\"XDE\"')");
        Assert.Contains("\"stateCode\":\"XDE\"", await StoredProcedureAsync(), StringComparison.Ordinal);
        var old = await SayAsync(French, "procédure NC-2026-001");
        Assert.Contains("Procédure formelle · NC-2026-001", old);
        Assert.Contains("Germany", old);
    }

    [Fact]
    public async Task AStateTypedInSpanishWithoutAccents_IsFound_AndAMisspeltOneGetsSpanishSuggestions()
    {
        await SayAsync(ProcedureFlowTests.Secretariat, "idioma es");
        var misspelt = await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(state: "Alemanai")));
        Assert.Contains(Said.Es("procedure.form.stateCandidates", ("given", "Alemanai"), ("candidates", "Alemania")), misspelt);

        var recorded = await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(state: "Republica Democratica del Congo")));
        Assert.Contains("República Democrática del Congo", recorded);
        Assert.DoesNotContain("Democratic Republic of the Congo", recorded);
        Assert.StartsWith("Registrado para Federación de Rusia", await SayAsync(ProcedureFlowTests.Secretariat, "cambio de estatus Rusia retirada 2027-01-01"), StringComparison.Ordinal);
        Assert.StartsWith("Registrado para Türkiye", await SayAsync(ProcedureFlowTests.Secretariat, "cambio de estatus Turquia retirada 2027-01-01"), StringComparison.Ordinal);
        var notParty = await SendAsync(ProcedureFlowTests.Secretariat, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(state: "Estados Unidos")));
        Assert.Contains(Said.Es("procedure.referral.notRequestedState", ("state", "Estados Unidos de América"), ("date", "1 de marzo de 2026")), notParty);
    }

    private async Task<string> StoredProcedureAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<IDatabase>().OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand("SELECT snapshot FROM procedures WHERE matter_id = 'NC-2026-001'");
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _host.Services.GetRequiredService<IDatabase>().OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand(sql);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheSecretariat_InSpanish_RecordsASessionAndAStateStatus()
    {
        await SayAsync(ProcedureFlowTests.Secretariat, "idioma es");
        Assert.Equal("El próximo período de sesiones de la Asamblea comienza el 6 de diciembre de 2027.", await SayAsync(ProcedureFlowTests.Secretariat, "período de sesiones 2027-12-06"));
        Assert.StartsWith("Uso: período de sesiones 2027-12-06", await SayAsync(ProcedureFlowTests.Secretariat, "assembly session 6/12/2027"), StringComparison.Ordinal);
        Assert.StartsWith("Registrado para Kenya: retirada del Estatuto de Roma, con efecto el 1 de enero de 2027.",
            await SayAsync(ProcedureFlowTests.Secretariat, "cambio de estatus Kenya retirada 2027-01-01"), StringComparison.Ordinal);
        Assert.StartsWith("Registrado para Kenya: arreglo especial",
            await SayAsync(ProcedureFlowTests.Secretariat, "changement de statut Kenya arrangement 2027-02-01"), StringComparison.Ordinal);
    }
}
