using System.Text.Json.Nodes;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Tests.Languages;
using NonCoopBot.App.Tests.NonCooperation;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary>
/// Focal points, the timeline and the roster in French and Spanish, through the real bot: each person reads their own
/// language (the person asked, the author, the President told), the command words of every language work.
/// </summary>
public sealed class FocalLanguageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tun = AskForHelpFlowTests.Tun;   // roster: fr
    private const string Ken = AskForHelpFlowTests.Ken;   // roster: en, focal point
    private const string Bra = "a0000000-0000-4000-8000-000000000016"; // roster: es

    private static readonly string[] Areas = ["focal.", "card.assistance-request.", "card.contact-log-form.", "card.contact-logged.", "record.", "card.timeline.", "roster.", "card.roster."];

    private FocalTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await FocalTestHost.StartAsync();
        await _host.OpenKenya7BAsync();
        foreach (var aad in new[] { Ken, Tun, Bra })
        {
            await _host.SayAsync(aad, "help");
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static string Said((IReadOnlyList<NonCoopBot.Protocol.Schema.Activity> Sent, TurnResult Result) turn)
    {
        var body = turn.Result.InvokeResponse?.Body;
        var text = string.Join(" // ", turn.Sent.Select(Transcript.TextOf));
        return body?["value"] switch
        {
            JsonValue v => text + " // " + (string)v!,
            JsonObject card => text + " // " + string.Join(" | ", Transcript.CardTexts(card)),
            _ => text,
        };
    }

    private async Task<string> SayAsync(string aad, string text)
    {
        var said = Said(await _host.SayAsync(aad, text));
        output.WriteLine($"{aad[^2..]}: {text} -> {said}");
        Assert.Empty(NeutralWording.FindJudgingWords(said));
        return said;
    }

    private async Task<string> TapAsync(string aad, string verb, JsonObject data)
    {
        var said = Said(await _host.ExecuteAsync(aad, verb, data));
        output.WriteLine($"{aad[^2..]} taps {verb} -> {said}");
        Assert.Empty(NeutralWording.FindJudgingWords(said));
        return said;
    }

    private string PostedTo(string aad, int from) =>
        string.Join(" // ", _host.Posted().Skip(from).Where(p => p.Conversation == FocalTestHost.ConversationOf(aad)).Select(p => Transcript.TextOf(p.Activity)));

    /// <summary>The number of the one request for assistance on NC-2026-001.</summary>
    private async Task<int> RequestAsync()
    {
        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), TestContext.Current.CancellationToken);
        return matter!.Timeline.OfType<FocalPointAssistanceRequested>().Single().Sequence;
    }

    private static JsonObject Form(string time) => new()
    {
        ["matterId"] = "NC-2026-001", ["corrects"] = "", ["date"] = "2026-11-29", ["time"] = time, ["channel"] = "call",
        ["officials"] = "J. Doe (Secrétaire permanent)", ["summary"] = "Appel sur la demande de la Cour.", ["outcome"] = "", ["followUp"] = "", ["nextContact"] = "",
    };

    [Fact]
    public async Task AFrenchMemberAsked_ReadsTheRequest_AnswersLogsAndReadsTheTimeline_InFrench_AndThePresidentInEnglish()
    {
        var before = _host.Posted().Count;
        await _host.SayAllAsync(BotTestHost.President, "ask for help NC-2026-001", "member-tun", "Please raise the Court's request with the Permanent Secretary.");
        var request = PostedTo(Tun, before);
        Assert.Contains("Demande d'assistance (par. 19)", request);
        Assert.Contains("Confidentiel — Bureau uniquement. Envoyé à vous seul.", request);
        Assert.Contains("Accepter", request);

        before = _host.Posted().Count;
        var accepted = await TapAsync(Tun, FocalPointMessages.AnswerVerb, new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = await RequestAsync(), ["answer"] = "accept" });

        Assert.Contains("Vous avez accepté la demande d'assistance sur NC-2026-001. Le Président en a été informé. Tapez formulaire de contact NC-2026-001", accepted);
        Assert.Contains("Ambassador T. Placeholder accepted the request for assistance on NC-2026-001 (Kenya).", PostedTo(BotTestHost.President, before));

        var form = await SayAsync(Tun, "formulaire de contact NC-2026-001");
        Assert.Contains("Consigner un contact", form);
        var future = await TapAsync(Tun, FocalPointMessages.ContactSubmitVerb, Form("23:00"));
        Assert.Contains("Veuillez vérifier : L'heure du contact se situe dans le futur", future);

        before = _host.Posted().Count;
        var recorded = await TapAsync(Tun, FocalPointMessages.ContactSubmitVerb, Form("15:00"));
        Assert.Contains("Contact enregistré sur NC-2026-001 comme entrée", recorded);
        var toPresident = PostedTo(BotTestHost.President, before);
        Assert.Contains("Contact logged", toPresident);
        Assert.Contains("call", toPresident);

        var timeline = await SayAsync(Tun, "chronologie NC-2026-001");
        Assert.Contains("Chronologie · NC-2026-001", timeline);
        Assert.Contains("Confidentiel — Bureau uniquement", timeline);
        Assert.Contains("Demande d'assistance", timeline);
        Assert.Contains("appel avec J. Doe (Secrétaire permanent) le 29 nov. 2026 14:00 UTC.", timeline);

        // The alert's title on the timeline is stored by the Alerts feature when the alert is sent (not this area's words).
        var transcript = string.Join("\n", request, accepted, form, future, recorded, timeline).Replace("Good offices initiated by the President", string.Empty, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(transcript, "fr", Areas));
    }

    [Fact]
    public async Task ThePresidentInSpanish_AsksAnEnglishFocalPoint_AndLogsAContact_ASpanishMemberIsToldWhoMay()
    {
        Assert.Equal("A partir de ahora le escribo en español.", await SayAsync(BotTestHost.President, "idioma es"));
        var who = await SayAsync(BotTestHost.President, "pedir asistencia NC-2026-001");
        Assert.Contains("¿A quién pide que preste asistencia (párr. 19)?", who);
        Assert.Contains("(coordinador, Estados de África)", who);
        Assert.Contains("Unas breves instrucciones", await SayAsync(BotTestHost.President, "member-ken"));

        var before = _host.Posted().Count;
        var sent = await SayAsync(BotTestHost.President, "Please raise the Court's request.");
        Assert.Contains("Solicitud de asistencia en NC-2026-001 enviada a Ambassador K. Example", sent);
        Assert.Contains("Request for assistance (para 19)", PostedTo(Ken, before)); // Ken reads English

        before = _host.Posted().Count;
        Assert.Contains("You declined", await TapAsync(Ken, FocalPointMessages.AnswerVerb, new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = await RequestAsync(), ["answer"] = "decline", ["reason"] = "Travelling." }));
        Assert.Contains("Ambassador K. Example declinó (motivo: Travelling.) la solicitud de asistencia en NC-2026-001 (Kenya).", PostedTo(BotTestHost.President, before));

        Assert.Equal(Languages.Said.Es("domain.denied.contactLog"), await SayAsync(Bra, "registrar contacto NC-2026-001"));

        var transcript = who;
        transcript += await SayAsync(BotTestHost.President, "registrar contacto NC-2026-001");
        Assert.Contains("¿Cuándo tuvo lugar el contacto?", transcript);
        transcript += await SayAsync(BotTestHost.President, "today 08:30");
        Assert.Contains("¿Medio?", transcript);
        foreach (var answer in new[] { "llamada", "J. Doe (Secretario Permanente)", "Llamada sobre la solicitud de la Corte.", "-", "-" })
        {
            transcript += await SayAsync(BotTestHost.President, answer);
        }

        var recorded = await SayAsync(BotTestHost.President, "-");
        Assert.Contains("Contacto registrado en NC-2026-001 como entrada", recorded);
        Assert.Empty(EnglishLeft.In(transcript + recorded, "es", Areas));
    }

    [Fact]
    public async Task TheSecretariat_ReadsTheRosterInSpanish_AndTheLoadAnswers()
    {
        await SayAsync(RosterFlowTests.Secretariat, "idioma es");
        var roster = await SayAsync(RosterFlowTests.Secretariat, "composición");
        Assert.Contains("Composición de la Mesa", roster);
        Assert.Contains("Coordinadores regionales (párr. 16)", roster);
        Assert.Contains("Estados de África", roster);
        Assert.Contains("Vicepresidencia", roster);
        var usage = await SayAsync(RosterFlowTests.Secretariat, "roster cargar roster.json");
        Assert.StartsWith("Indique la ruta completa de un archivo .json", usage, StringComparison.Ordinal);
        Assert.Contains("composición cargar /srv/noncoopbot/roster.json", usage);
        Assert.StartsWith("Solo la Secretaría de la Asamblea y la Presidencia", await SayAsync(Bra, "composition"), StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(roster + usage, "es", Areas));
    }
}
