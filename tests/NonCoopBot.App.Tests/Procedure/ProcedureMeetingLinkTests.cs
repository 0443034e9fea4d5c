using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Features.Procedure;
using NonCoopBot.App.Tests.Meetings;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Tests.Procedure;

/// <summary>Step 14(a) follows the emergency Bureau meeting booked on the matter (issue 11, item 2(a)).</summary>
public sealed class ProcedureMeetingLinkTests : IAsyncLifetime
{
    private MeetingTestRig _rig = null!;

    public async ValueTask InitializeAsync() => _rig = await MeetingTestRig.StartAsync();

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<FormalProcedure?> ProcedureAsync() =>
        _rig.Host.Services.GetRequiredService<IProcedureRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);

    private async Task<string> BookAsync(string slot)
    {
        await _rig.ConveneAsync("emergency meeting NC-2026-001", matter: "", required: "POL");
        await _rig.PollAsync();
        var proposal = _rig.PostedCards(BotTestHost.President).Last(c => CardInspector.Verbs(c).Contains(MeetingRoutes.BookVerb));
        var meetingId = proposal.ToJsonString().Split("\"meetingId\":\"")[1].Split('"')[0];
        await _rig.TapAsync(BotTestHost.President, MeetingRoutes.BookVerb, new JsonObject { ["meetingId"] = meetingId, ["slot"] = slot });
        await _rig.PollAsync();
        await _rig.PollAsync();
        return meetingId;
    }

    [Fact]
    public async Task AMeetingBookedOnAReferredMatter_PlansStep14aForItsDay_AndUpdatesThePostedProcedureCardInPlace()
    {
        await _rig.TapAsync(ProcedureFlowTests.Secretariat, ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData());
        await _rig.SayAsync(BotTestHost.President, "procedure NC-2026-001");
        Assert.Equal(StepState.NotStarted, (await ProcedureAsync())![ProcedureStep.EmergencyBureauMeeting].State);
        var updatesBefore = _rig.Connector.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("a:personal-" + BotTestHost.President, StringComparison.Ordinal));

        await BookAsync("2026-11-29T19:00:00Z");

        var step = (await ProcedureAsync())![ProcedureStep.EmergencyBureauMeeting];
        Assert.Equal((StepState.Planned, new DateOnly(2026, 11, 29)), (step.State, step.Date));
        Assert.Equal("Ambassador A. Wilber", step.By!.Name); // the President who booked it
        var updates = _rig.Connector.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("a:personal-" + BotTestHost.President, StringComparison.Ordinal)).Skip(updatesBefore)
            .Select(r => MeetingTestRig.Text(r.Body!["attachments"]![0]!["content"]!)).ToList();
        var procedureCard = Assert.Single(updates, u => u.StartsWith("Formal procedure · NC-2026-001", StringComparison.Ordinal));
        Assert.Contains("(a) | Emergency Bureau meeting | Planned · 29 November 2026", procedureCard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStepAlreadyDone_IsLeftAsItIs()
    {
        await _rig.TapAsync(ProcedureFlowTests.Secretariat, ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData());
        await _rig.SayAsync(BotTestHost.President, "step NC-2026-001 a done 2026-11-28");

        await BookAsync("2026-11-29T19:00:00Z");

        var step = (await ProcedureAsync())![ProcedureStep.EmergencyBureauMeeting];
        Assert.Equal((StepState.Done, new DateOnly(2026, 11, 28)), (step.State, step.Date));
    }

    [Fact]
    public async Task AMatterWithoutAReferral_HasNoProcedureToPlan()
    {
        foreach (var answer in new[] { "good offices", "Mongolia", "7(a)", "Bureau decision", "art 93", "ICC-02/98-02/24", "none", "none", "yes" })
        {
            await _rig.SayAsync(BotTestHost.President, answer);
        }

        await BookAsync("2026-11-29T19:00:00Z");

        Assert.Null(await ProcedureAsync());
        Assert.IsType<EmergencyMeetingConvened>((await _rig.Host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct))!.Timeline[^1]);
    }
}
