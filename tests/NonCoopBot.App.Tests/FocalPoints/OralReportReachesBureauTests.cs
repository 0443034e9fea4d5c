using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary>Para 20: the oral report's summary, outcome and next steps reach every Bureau member as an acknowledged card.</summary>
public sealed class OralReportReachesBureauTests : IAsyncLifetime
{
    private FocalTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await FocalTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task OralReport_ReachesEveryMemberWithItsSummary_AndVerifiedKeepsTheBasis()
    {
        await _host.OpenKenya7BAsync();
        await _host.DrainAlertsAsync();
        var before = _host.Posted().Count;

        await _host.SayAllAsync(BotTestHost.President, "oral report", "NC-2026-001", "today 08:30", "Minister of Foreign Affairs",
            "Call held on the Court's request.", "Reply in writing by Friday.", "Focal point to follow up.", "yes");
        await _host.DrainAlertsAsync();

        // Each member reads the card in their own language (issue 12): the President's words as typed, the bot's in theirs.
        var texts = Features.NonCoopBotRoutes.Texts;
        string T(string language, string key) => texts.Get(language, key);
        var reports = _host.Posted().Skip(before)
            .Select(p => (p.Conversation, Text: Transcript.TextOf(p.Activity)))
            .Select(p => (p.Conversation, p.Text, Language: NonCoopBot.Dialogs.Texts.TextCatalogue.Languages.FirstOrDefault(l =>
                p.Text.Contains(T(l, "alerts.title.oralReport"), StringComparison.Ordinal) && p.Text.Contains(T(l, "card.alert.fact.asked"), StringComparison.Ordinal))))
            .Where(p => p.Language is not null)
            .ToList();
        Assert.Equal(21, reports.Select(r => r.Conversation).Distinct().Count());
        Assert.Equal([("en", 15), ("es", 3), ("fr", 3)], reports.GroupBy(r => r.Language!).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
        Assert.All(reports, r =>
        {
            Assert.Contains("Call held on the Court's request.", r.Text, StringComparison.Ordinal);
            Assert.Contains("Reply in writing by Friday.", r.Text, StringComparison.Ordinal);
            Assert.Contains("Focal point to follow up.", r.Text, StringComparison.Ordinal);
            Assert.Contains($"{T(r.Language!, "card.alert.report.verified")} | {T(r.Language!, "alerts.verified.yes")}", r.Text, StringComparison.Ordinal);
            Assert.Contains($"{T(r.Language!, "card.alert.report.basisToVerify")} Dates.", r.Text, StringComparison.Ordinal);
            Assert.Contains(T(r.Language!, "card.alert.ack"), r.Text, StringComparison.Ordinal);
            Assert.Empty(NeutralWording.FindJudgingWords(r.Text));
        });

        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), TestContext.Current.CancellationToken);
        Assert.Equal("Dates.", matter!.StillToVerify);
        Assert.True(matter.InformationVerified);
    }
}
