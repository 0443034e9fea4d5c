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

        var reports = _host.Posted().Skip(before)
            .Select(p => (p.Conversation, Text: Transcript.TextOf(p.Activity)))
            .Where(p => p.Text.Contains("Oral report filed", StringComparison.Ordinal) && p.Text.Contains("Asked of you", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(21, reports.Select(r => r.Conversation).Distinct().Count());
        Assert.All(reports, r =>
        {
            Assert.Contains("Call held on the Court's request.", r.Text, StringComparison.Ordinal);
            Assert.Contains("Reply in writing by Friday.", r.Text, StringComparison.Ordinal);
            Assert.Contains("Focal point to follow up.", r.Text, StringComparison.Ordinal);
            Assert.Contains("Information verified | yes", r.Text, StringComparison.Ordinal);
            Assert.Contains("to verify at the time — Dates.", r.Text, StringComparison.Ordinal);
            Assert.Contains("Acknowledge", r.Text, StringComparison.Ordinal);
            Assert.Empty(NeutralWording.FindJudgingWords(r.Text));
        });

        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), TestContext.Current.CancellationToken);
        Assert.Equal("Dates.", matter!.StillToVerify);
        Assert.True(matter.InformationVerified);
    }
}
