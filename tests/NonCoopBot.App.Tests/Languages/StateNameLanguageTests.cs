using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>
/// State names in the reader's language through the real bot: a State typed in French or Spanish (with or without accents)
/// is found, a misspelt one gets suggestions named in the reader's language, and the prompts, refusals, summary card and
/// status name the State in that language.
/// </summary>
public sealed class StateNameLanguageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private async Task<string> SayAsync(string text)
    {
        var (sent, _) = await _host.SayAsync(BotTestHost.President, text);
        var reply = string.Join(" // ", sent.Select(Transcript.TextOf));
        output.WriteLine($"User: {text}");
        output.WriteLine($"Bot:  {reply}");
        return reply;
    }

    [Fact]
    public async Task InFrench_StatesAreTypedAndReadInFrench()
    {
        await SayAsync("langue fr");
        await SayAsync("bons offices");

        Assert.Contains(Said.Fr("goodOffices.stateUnknownDidYouMean", ("text", "Allemange"), ("candidates", "Allemagne")), await SayAsync("Allemange"));
        var ambiguous = await SayAsync("Corée");
        Assert.Contains(Said.Fr("goodOffices.stateAmbiguous", ("text", "Corée"), ("candidates", "République populaire démocratique de Corée ou République de Corée")), ambiguous);
        Assert.Contains(Said.Fr("domain.matter.notRequestedState", ("state", "États-Unis d'Amérique")), await SayAsync("Etats-Unis d'Amerique"));

        await SayAsync("bons offices");
        Assert.Contains(Said.Fr("goodOffices.askScenario", ("state", "Allemagne")), await SayAsync("allemagne"));
        await SayAsync("7(b) Pas encore de renvoi");
        await SayAsync("ICC-01/99-01/26");
        await SayAsync("aucun");
        await SayAsync("Déplacement signalé le 2 décembre.");
        await SayAsync("Dates et source.");
        var summary = await SayAsync("1 et 3");
        Assert.Contains("Allemagne", summary);
        Assert.StartsWith(Said.Fr("goodOffices.opened", ("id", "NC-2026-001"), ("status", "statut")), await SayAsync("oui"), StringComparison.Ordinal);

        var status = await SayAsync("statut NC-2026-001");
        Assert.Contains("Allemagne", status);
        Assert.Contains("Allemagne", await SayAsync("affaires"));
        var timeline = await SayAsync("chronologie NC-2026-001");
        Assert.Contains("Allemagne · ICC-01/99-01/26 · 7(b)", timeline);
        Assert.Contains(": Allemagne, ", timeline);
        Assert.Contains("NC-2026-001 Allemagne 7(b)", await SayAsync("rapport oral"));
        await SayAsync("annuler");
        Assert.Contains("NC-2026-001 Allemagne 7(b)", await SayAsync("réunion d'urgence"));
        await SayAsync("annuler");
        Assert.DoesNotContain("Germany", string.Join("\n", summary, status, timeline));
    }

    [Fact]
    public async Task InSpanish_AStateTypedWithoutAccentsIsFound_AndReadInSpanish()
    {
        await SayAsync("idioma es");
        await SayAsync("buenos oficios");

        Assert.Contains(Said.Es("goodOffices.stateUnknownDidYouMean", ("text", "Marrueocs"), ("candidates", "Marruecos")), await SayAsync("Marrueocs"));
        Assert.Contains(Said.Es("domain.matter.notRequestedState", ("state", "Sudán")), await SayAsync("Sudan"));

        await SayAsync("buenos oficios");
        Assert.Contains(Said.Es("goodOffices.askScenario", ("state", "República Democrática del Congo")), await SayAsync("Republica Democratica del Congo"));
        await SayAsync("remisión");
        await SayAsync("decisión de la mesa");
        await SayAsync("otra");
        await SayAsync("ICC-02/98-02/24");
        await SayAsync("ninguno");
        var summary = await SayAsync("ninguno");
        Assert.Contains("República Democrática del Congo", summary);
        Assert.StartsWith(Said.Es("goodOffices.opened", ("id", "NC-2026-001"), ("status", "estado")), await SayAsync("sí"), StringComparison.Ordinal);

        var status = await SayAsync("estado NC-2026-001");
        Assert.Contains("República Democrática del Congo", status);
        await SayAsync("informe oral NC-2026-001");
        foreach (var answer in new[] { "hoy a las 08:30", "El Representante Permanente", "El Presidente recordó la solicitud.", "Tomó nota." })
        {
            await SayAsync(answer);
        }

        var report = await SayAsync("ninguno");
        Assert.Contains("República Democrática del Congo", report);
        Assert.DoesNotContain("Democratic Republic of the Congo", string.Join("\n", summary, status, report));
    }
}
