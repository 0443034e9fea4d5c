using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary><c>ask for help</c> (para 19) through the real pipeline: the card reaches only the people asked; accept and decline reach the President.</summary>
public sealed class AskForHelpFlowTests : IAsyncLifetime
{
    public const string Ken = "a0000000-0000-4000-8000-000000000007";   // focal point, African States
    public const string Nga = "a0000000-0000-4000-8000-000000000008";   // Bureau member, not a focal point
    public const string Tun = "a0000000-0000-4000-8000-000000000009";   // Bureau member, not asked

    private FocalTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await FocalTestHost.StartAsync();
        await _host.OpenKenya7BAsync();
        foreach (var aad in new[] { Ken, Nga, Tun })
        {
            await _host.SayAsync(aad, "help"); // each member's 1:1 chat is known to the bot
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>The President asks Kenya's focal point and Nigeria's member; returns the request numbers.</summary>
    public static async Task<(int Ken, int Nga)> AskAsync(FocalTestHost host)
    {
        var before = host.Posted().Count;
        await host.SayAllAsync(BotTestHost.President, "ask for help NC-2026-001", "member-ken, member-nga", "Please raise the Court's request with the Permanent Secretary.");
        var matter = await host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        var requests = matter!.Timeline.OfType<FocalPointAssistanceRequested>().ToList();
        Assert.Equal(["member-ken", "member-nga"], requests.Select(r => r.MemberId));
        Assert.True(host.Posted().Count > before);
        return (requests[0].Sequence, requests[1].Sequence);
    }

    private Task<(IReadOnlyList<NonCoopBot.Protocol.Schema.Activity> Sent, NonCoopBot.Dialogs.Turns.TurnResult Result)> AnswerAsync(string aad, int request, string answer, string? reason = null) =>
        _host.ExecuteAsync(aad, FocalPointMessages.AnswerVerb, new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = request, ["answer"] = answer, ["reason"] = reason });

    private static string Message(NonCoopBot.Dialogs.Turns.TurnResult result) => (string?)result.InvokeResponse!.Body!["value"] ?? string.Empty;

    [Fact]
    public async Task A7bRequest_GoesOnlyToThePeopleAsked_WithTheBrief()
    {
        var before = _host.Posted().Count;

        await AskAsync(_host);

        var requests = _host.Posted().Skip(before).Where(p => Transcript.TextOf(p.Activity).Contains("Request for assistance", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { FocalTestHost.ConversationOf(Ken), FocalTestHost.ConversationOf(Nga) }.Order(),
            requests.Select(r => r.Conversation).Order());
        Assert.All(requests, r =>
        {
            var text = Transcript.TextOf(r.Activity);
            Assert.Contains("Please raise the Court's request with the Permanent Secretary.", text, StringComparison.Ordinal);
            Assert.Contains("Confidential — Bureau only", text, StringComparison.Ordinal);
            Assert.Empty(NeutralWording.FindJudgingWords(text));
        });
    }

    [Fact]
    public async Task Accept_And_Decline_ReachThePresident_AndLandOnTheTimeline()
    {
        var (ken, nga) = await AskAsync(_host);
        var before = _host.Posted().Count;

        var (_, accepted) = await AnswerAsync(Ken, ken, "accept");
        var (_, noReason) = await AnswerAsync(Nga, nga, "decline", " ");
        var (_, declined) = await AnswerAsync(Nga, nga, "decline", "Travelling until Friday.");

        Assert.Contains("You accepted", Message(accepted), StringComparison.Ordinal);
        Assert.Contains("Give a reason", Message(noReason), StringComparison.Ordinal);
        Assert.Contains("You declined", Message(declined), StringComparison.Ordinal);
        var toPresident = _host.Posted().Skip(before).Where(p => p.Conversation == FocalTestHost.ConversationOf(BotTestHost.President)).Select(p => Transcript.TextOf(p.Activity)).ToList();
        Assert.Contains(toPresident, t => t.Contains("Ambassador K. Example accepted the request for assistance on NC-2026-001", StringComparison.Ordinal));
        Assert.Contains(toPresident, t => t.Contains("Ambassador N. Sample declined the request for assistance on NC-2026-001 (Kenya) (reason: Travelling until Friday.)", StringComparison.Ordinal)
            || t.Contains("declined (reason: Travelling until Friday.) the request", StringComparison.Ordinal));
        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        Assert.True(matter!.AnswerTo(ken)!.Accepted);
        Assert.Equal("Travelling until Friday.", matter.AnswerTo(nga)!.Reason);
        Assert.Equal(2, matter.Timeline.OfType<AssistanceAnswered>().Count());
    }

    [Fact]
    public async Task AnAnswer_FromSomeoneNotAsked_OrForged_IsNotRecorded()
    {
        var (ken, _) = await AskAsync(_host);

        var (_, outsider) = await AnswerAsync(Tun, ken, "accept");
        var (_, otherAsked) = await AnswerAsync(Nga, ken, "accept");
        var (_, forgedAnswer) = await _host.ExecuteAsync(Ken, FocalPointMessages.AnswerVerb, new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = ken, ["answer"] = "maybe" });

        Assert.Contains("rien n'a été enregistré", Message(outsider), StringComparison.OrdinalIgnoreCase); // Tun reads French
        Assert.Contains(Languages.Said.En("domain.rule.assistanceNotYours", ("id", "NC-2026-001"), ("name", "Ambassador K. Example")), Message(otherAsked), StringComparison.Ordinal);
        Assert.Contains("nothing was recorded", Message(forgedAnswer), StringComparison.OrdinalIgnoreCase);
        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        Assert.Empty(matter!.Timeline.OfType<AssistanceAnswered>());
    }

    [Fact]
    public async Task AskForHelp_ByANonPresident_IsRefusedWithWhoMay()
    {
        var (sent, _) = await _host.SayAsync(Ken, "ask for help NC-2026-001");

        Assert.Contains(sent, a => (a.Text ?? string.Empty).Contains("Only the President", StringComparison.Ordinal));
    }
}
