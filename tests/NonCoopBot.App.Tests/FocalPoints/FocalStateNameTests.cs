using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary>
/// The requested State in each reader's language in the focal points' work, through the real bot: the request for
/// assistance each member asked receives, the answer told to the President, the contact form and the matter choices.
/// </summary>
public sealed class FocalStateNameTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tun = AskForHelpFlowTests.Tun;                  // roster: fr
    private const string Bra = "a0000000-0000-4000-8000-000000000016";  // roster: es

    private FocalTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await FocalTestHost.StartAsync();
        await _host.SayAllAsync(BotTestHost.President, "good offices", "Germany", "7(b)", "ICC-01/99-01/26", "none", "Reported travel.", "Dates.", "none", "yes");
        foreach (var aad in new[] { Tun, Bra })
        {
            await _host.SayAsync(aad, "help");
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> SayAsync(string aad, string text)
    {
        var (sent, result) = await _host.SayAsync(aad, text);
        return Log(aad, text, sent, result.InvokeResponse?.Body);
    }

    private string Log(string aad, string what, IReadOnlyList<NonCoopBot.Protocol.Schema.Activity> sent, JsonNode? body)
    {
        var said = string.Join(" // ", sent.Select(Transcript.TextOf)) + (body?["value"] is JsonObject card ? " // " + string.Join(" | ", Transcript.CardTexts(card)) : string.Empty);
        output.WriteLine($"{aad[^2..]}: {what} -> {said}");
        return said;
    }

    private string PostedTo(string aad, int from) =>
        string.Join(" // ", _host.Posted().Skip(from).Where(p => p.Conversation == FocalTestHost.ConversationOf(aad)).Select(p => Transcript.TextOf(p.Activity)));

    [Fact]
    public async Task EachMemberAsked_ReadsTheRequestedStateInTheirLanguage_AndSoDoesThePresidentTold()
    {
        await SayAsync(BotTestHost.President, "langue fr");
        Assert.Contains("NC-2026-001 Allemagne 7(b)", await SayAsync(BotTestHost.President, "demander assistance"));
        await SayAsync(BotTestHost.President, "annuler");

        var before = _host.Posted().Count;
        await _host.SayAllAsync(BotTestHost.President, "demander assistance NC-2026-001", "member-tun, member-bra", "Merci de soulever la demande de la Cour.");
        Assert.Contains("Allemagne", PostedTo(Tun, before));
        Assert.Contains("Alemania", PostedTo(Bra, before));
        Assert.DoesNotContain("Germany", PostedTo(Tun, before) + PostedTo(Bra, before));

        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), TestContext.Current.CancellationToken);
        var request = matter!.Timeline.OfType<FocalPointAssistanceRequested>().Single(r => r.MemberId == "member-tun").Sequence;
        before = _host.Posted().Count;
        var (sent, result) = await _host.ExecuteAsync(Tun, FocalPointMessages.AnswerVerb, new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = request, ["answer"] = "accept" });
        Log(Tun, "accept", sent, result.InvokeResponse?.Body);
        Assert.Contains("(Allemagne)", PostedTo(BotTestHost.President, before));

        Assert.Contains("NC-2026-001 · Allemagne · 7(b)", await SayAsync(Tun, "formulaire de contact NC-2026-001"));
        Assert.Contains("NC-2026-001 Allemagne 7(b)", await SayAsync(BotTestHost.President, "consigner un contact"));
    }
}
