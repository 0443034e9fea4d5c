using NonCoopBot.Dialogs.State;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NonCoopBot.App.Tests.NonCooperation;

/// <summary>The President's good-offices and oral-report flows, end to end through the real turn pipeline.</summary>
public sealed class GoodOfficesFlowTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> SayAsync(string aad, string text)
    {
        var (sent, _) = await _host.SayAsync(aad, text);
        var reply = string.Join(" // ", sent.Select(Transcript.TextOf));
        output.WriteLine($"User: {text}");
        output.WriteLine($"Bot:  {reply}");
        AssertNeutral(sent);
        return reply;
    }

    private static void AssertNeutral(IEnumerable<Activity> sent)
    {
        foreach (var activity in sent)
        {
            var judging = NeutralWording.FindJudgingWords(Transcript.TextOf(activity));
            Assert.True(judging.Count == 0, $"Judging words in a reply: {string.Join(", ", judging)} in \"{Transcript.TextOf(activity)}\"");
        }
    }

    private async Task<IReadOnlyList<Matter>> OpenMattersAsync() =>
        await _host.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct);

    /// <summary>Alerts queued (in the matter's transaction) for the open matters: the outbox of matter events.</summary>
    private async Task<int> QueuedAlertsAsync()
    {
        var store = _host.Services.GetRequiredService<IAlertStore>();
        var count = 0;
        foreach (var matter in await OpenMattersAsync())
        {
            count += (await store.ListAlertIdsForMatterAsync(matter.Id.Value, Ct)).Count;
        }

        return count;
    }

    private async Task RunGoodOffices7BUpToConfirmationAsync(string aad = BotTestHost.President)
    {
        Assert.Contains("Which State is the requested State?", await SayAsync(aad, "good offices"));
        Assert.Contains("Which scenario?", await SayAsync(aad, "Kenya"));
        var afterScenario = await SayAsync(aad, "7(b)");
        Assert.Contains("art. 89", afterScenario);
        Assert.Contains("Court's reference", afterScenario);
        Assert.Contains("person sought", await SayAsync(aad, "ICC-01/99-01/26"));
        Assert.Contains("What is known", await SayAsync(aad, "[name withheld]"));
        Assert.Contains("still be verified", await SayAsync(aad, "Reported travel on 2 December."));
        Assert.Contains("focal points", await SayAsync(aad, "Travel dates and source."));
        var summary = await SayAsync(aad, "1, 3");
        Assert.Contains("Kenya", summary);
        Assert.Contains("ICC-01/99-01/26", summary);
    }

    [Fact]
    public async Task GoodOffices_HappyPath_OpensTheMatterAndRaisesTheAlertSeam()
    {
        await RunGoodOffices7BUpToConfirmationAsync();

        var done = await SayAsync(BotTestHost.President, "yes");

        Assert.Contains("NC-2026-001 opened", done);
        var matter = Assert.Single(await OpenMattersAsync());
        Assert.Equal(Scenario.Urgent7B, matter.Scenario);
        Assert.Equal(MatterStatus.GoodOfficesUnderway, matter.Status);
        Assert.Equal("Reported travel on 2 December.", matter.WhatIsKnown);
        Assert.Equal(2, matter.FocalPointsInvolved.Count);
        Assert.True(await QueuedAlertsAsync() >= 1, "an alert is queued for the GoodOfficesInitiated event");
    }

    [Fact]
    public async Task GoodOffices_7aMatterOnABureauDecision_AsksTheBasisAndTheRequest()
    {
        await SayAsync(BotTestHost.President, "good offices");
        await SayAsync(BotTestHost.President, "Mongolia");
        Assert.Contains("On what basis", await SayAsync(BotTestHost.President, "7(a)"));
        Assert.Contains("Which Court request?", await SayAsync(BotTestHost.President, "Bureau decision"));
        Assert.Contains("Court's reference", await SayAsync(BotTestHost.President, "art 93"));
        await SayAsync(BotTestHost.President, "ICC-02/98-02/24");
        Assert.Contains("focal points", await SayAsync(BotTestHost.President, "none"));
        await SayAsync(BotTestHost.President, "none");

        Assert.Contains("opened", await SayAsync(BotTestHost.President, "yes"));

        var matter = Assert.Single(await OpenMattersAsync());
        Assert.Equal(Scenario.CourtReferral7A, matter.Scenario);
        Assert.Equal(CourtRequest.Art93OtherCooperation, matter.Request);
        Assert.Null(matter.PersonSought);
        Assert.Empty(matter.FocalPointsInvolved);
        Assert.Equal(GoodOfficesBasis.BureauDecision, Assert.IsType<GoodOfficesTriggered>(matter.Timeline[^1]).Basis);
    }

    [Fact]
    public async Task GoodOffices_ConfirmedByTheSummaryCardButton_OpensTheMatter()
    {
        await RunGoodOffices7BUpToConfirmationAsync();

        var (sent, result) = await _host.SendAsync(ActivityBuilder.CardAction(Features.NonCooperation.MatterRoutes.ConfirmGoodOfficesVerb, new System.Text.Json.Nodes.JsonObject { ["draftId"] = _host.LatestDraftId() })
            .From("29:" + BotTestHost.President, BotTestHost.President).InPersonalChat("a:personal-" + BotTestHost.President).Build());

        Assert.NotNull(result.InvokeResponse);
        Assert.Contains(sent, a => a.Text?.Contains("opened", StringComparison.Ordinal) == true);
        Assert.Single(await OpenMattersAsync());
    }

    [Fact]
    public async Task GoodOffices_CancelMidway_StoresNothing()
    {
        await SayAsync(BotTestHost.President, "good offices");
        await SayAsync(BotTestHost.President, "Kenya");

        Assert.Contains("Cancelled. Nothing was saved.", await SayAsync(BotTestHost.President, "cancel"));

        Assert.Empty(await OpenMattersAsync());
        Assert.Equal(0, await QueuedAlertsAsync());
        Assert.Contains("did not recognise", await SayAsync(BotTestHost.President, "7(b)"));
    }

    [Fact]
    public async Task GoodOffices_NoAtConfirmation_StoresNothing()
    {
        await RunGoodOffices7BUpToConfirmationAsync();

        Assert.Contains("Nothing was saved and nobody was alerted", await SayAsync(BotTestHost.President, "no"));

        Assert.Empty(await OpenMattersAsync());
    }

    [Fact]
    public async Task GoodOffices_InvalidAnswer_IsAskedAgainThenAccepted()
    {
        await SayAsync(BotTestHost.President, "good offices");

        var retry = await SayAsync(BotTestHost.President, "Atlantis");
        Assert.Contains("I do not know a State called \"Atlantis\"", retry);

        Assert.Contains("Did you mean Kenya?", retry + await SayAsync(BotTestHost.President, "kenyaa")); // "Kenia" is the Spanish spelling, known
        Assert.Contains("Which scenario?", await SayAsync(BotTestHost.President, "kenya"));
    }

    [Fact]
    public async Task GoodOffices_TooManyInvalidAnswers_EndsPolitely()
    {
        await SayAsync(BotTestHost.President, "good offices");
        await SayAsync(BotTestHost.President, "Atlantis");
        await SayAsync(BotTestHost.President, "Lemuria");

        var last = await SayAsync(BotTestHost.President, "Mu");

        Assert.Contains("Nothing was saved and nobody was alerted", last);
        Assert.Contains("did not recognise", await SayAsync(BotTestHost.President, "Kenya"));
    }

    [Fact]
    public async Task GoodOffices_NonPartyStateWithoutArrangement_IsRefusedCitingPara8()
    {
        await SayAsync(BotTestHost.President, "good offices");

        var refusal = await SayAsync(BotTestHost.President, "United States");

        Assert.Contains("(para 8)", refusal);
        Assert.Empty(await OpenMattersAsync());
    }

    [Fact]
    public async Task GoodOffices_FromAMemberWhoIsNotThePresident_IsRefusedSayingWhoMay()
    {
        var refusal = await SayAsync(BotTestHost.Member, "good offices");

        Assert.Contains("Only the President", refusal);
        Assert.Contains("did not recognise", await SayAsync(BotTestHost.Member, "Kenya"));
    }

    [Fact]
    public async Task GoodOffices_ActingVicePresident_MayTriggerIt()
    {
        await RunGoodOffices7BUpToConfirmationAsync(BotTestHost.ActingVicePresident);

        Assert.Contains("opened", await SayAsync(BotTestHost.ActingVicePresident, "yes"));
    }

    [Fact]
    public async Task GoodOffices_AfterARestart_ResumesAtTheSameStep()
    {
        await SayAsync(BotTestHost.President, "good offices");
        await SayAsync(BotTestHost.President, "Kenya");
        var db = _host.DbPath;
        await _host.DisposeAsync();

        _host = await BotTestHost.StartAsync(db);

        Assert.Contains("art. 89", await SayAsync(BotTestHost.President, "7(b)"));
    }

    [Fact]
    public async Task GoodOffices_TwoRacingMessages_OneIsToldToRetry()
    {
        await SayAsync(BotTestHost.President, "good offices");
        var key = $"dialog:a:personal-{BotTestHost.President}:{BotTestHost.President}";
        var storage = _host.Services.GetRequiredService<IStorage>();
        var item = (await storage.ReadAsync(key, Ct))!;
        // Another instance is mid-turn: it holds the dialog's lease.
        var leased = item.Json.Replace("\"frames\"", $"\"leaseUntil\":\"{_host.Time.GetUtcNow().AddSeconds(20):O}\",\"frames\"", StringComparison.Ordinal);
        await storage.WriteAsync(key, leased, item.Version, null, Ct);

        var loser = await SayAsync(BotTestHost.President, "Kenya");

        Assert.Contains("Another message arrived at the same moment", loser);
        _host.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Contains("Which scenario?", await SayAsync(BotTestHost.President, "Kenya"));
    }

    [Fact]
    public async Task GoodOffices_InAChannel_MovesToPersonalChatAndPostsNothingConfidentialThere()
    {
        const string channel = "19:bureau@thread.tacv2;messageid=1";
        await SayAsync(BotTestHost.President, "help"); // the app is installed for the President: a personal chat exists
        var (sent, _) = await _host.SendAsync(ActivityBuilder.Message("good offices").From("29:" + BotTestHost.President, BotTestHost.President)
            .InChannel(channel).Build());
        await SayAsync(BotTestHost.President, "hello");

        var inChannel = sent.Where(a => a.Conversation?.Id == channel).ToList();
        Assert.Equal(Languages.Said.En(Features.Bureau.PersonalChat.MovedNoticeKey), Assert.Single(inChannel).Text);
        Assert.Contains(sent, a => a.Conversation?.Id == "a:personal-" + BotTestHost.President && Transcript.TextOf(a).Contains("requested State", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Channel_SecondPersonsMessage_DoesNotAdvanceTheFirstPersonsDialog()
    {
        const string channel = "19:bureau@thread.tacv2;messageid=2";
        await _host.SendAsync(ActivityBuilder.Message("help").From("29:" + BotTestHost.President, BotTestHost.President).InChannel(channel).Build());
        await SayAsync(BotTestHost.President, "oral report");

        var (other, _) = await _host.SendAsync(ActivityBuilder.Message("Kenya").From("29:" + BotTestHost.Member, BotTestHost.Member).InChannel(channel).Build());

        Assert.Contains("did not recognise", Transcript.TextOf(Assert.Single(other)));
    }

    [Fact]
    public async Task SevenB_Matter_NeverAppearsInAChannel()
    {
        await RunGoodOffices7BUpToConfirmationAsync();
        await SayAsync(BotTestHost.President, "yes");
        await SayAsync(BotTestHost.Member, "help"); // the member's personal chat exists
        const string channel = "19:bureau@thread.tacv2;messageid=3";

        var (list, _) = await _host.SendAsync(ActivityBuilder.Message("matters").From("29:" + BotTestHost.Member, BotTestHost.Member).InChannel(channel).Build());
        var (status, _) = await _host.SendAsync(ActivityBuilder.Message("status NC-2026-001").From("29:" + BotTestHost.Member, BotTestHost.Member).InChannel(channel).Build());

        foreach (var activity in list.Concat(status).Where(a => a.Conversation?.Id == channel))
        {
            var text = Transcript.TextOf(activity);
            Assert.DoesNotContain("NC-2026-001", text);
            Assert.DoesNotContain("Kenya", text);
            Assert.DoesNotContain("ICC-01/99-01/26", text);
        }

        // Nothing moves to the private chat after a typed reference, and the answer is the one for a matter that does not exist.
        Assert.All(list.Concat(status), a => Assert.Equal(channel, a.Conversation?.Id));
        var (missing, _) = await _host.SendAsync(ActivityBuilder.Message("status NC-2026-001").From("29:" + BotTestHost.Member, BotTestHost.Member).InChannel("19:other@thread.tacv2").Build());
        Assert.Equal(Transcript.TextOf(Assert.Single(missing)), Transcript.TextOf(Assert.Single(status)));
    }

    [Fact]
    public async Task MattersAndStatus_InPersonalChat_ShowTheMatterAndItsTimeline()
    {
        await RunGoodOffices7BUpToConfirmationAsync();
        await SayAsync(BotTestHost.President, "yes");

        Assert.Contains("ICC-01/99-01/26", await SayAsync(BotTestHost.Member, "matters"));
        var status = await SayAsync(BotTestHost.Member, "status NC-2026-001");

        Assert.Contains("Good offices initiated by", status);
        Assert.Contains("Confidential", status);
    }

    [Fact]
    public async Task OralReport_HappyPath_LandsOnTheTimelineAndRaisesTheSeam()
    {
        await RunGoodOffices7BUpToConfirmationAsync();
        await SayAsync(BotTestHost.President, "yes");
        var before = await QueuedAlertsAsync();

        Assert.Contains("When did the interaction take place?", await SayAsync(BotTestHost.President, "oral report NC-2026-001"));
        Assert.Contains("With whom?", await SayAsync(BotTestHost.President, "today 08:30"));
        Assert.Contains("Summary", await SayAsync(BotTestHost.President, "The Permanent Representative"));
        Assert.Contains("Outcome", await SayAsync(BotTestHost.President, "The President recalled the request and art. 97 consultations."));
        Assert.Contains("Next steps", await SayAsync(BotTestHost.President, "Took note."));
        Assert.Contains("verified", await SayAsync(BotTestHost.President, "Follow-up call tomorrow."));
        var done = await SayAsync(BotTestHost.President, "no");

        Assert.Contains("Oral report recorded on NC-2026-001", done);
        var matter = Assert.Single(await OpenMattersAsync());
        var report = Assert.IsType<OralReportRecorded>(matter.Timeline[^1]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T13:30:00Z", System.Globalization.CultureInfo.InvariantCulture), report.InteractionAt);
        Assert.False(report.InformationVerified);
        Assert.Equal(before + 1, await QueuedAlertsAsync());
    }

    [Fact]
    public async Task OralReport_WithNoOpenMatter_SaysSo()
    {
        Assert.Contains("no open matter", await SayAsync(BotTestHost.President, "oral report"));
    }

    [Fact]
    public async Task OralReport_FromAMember_IsRefused()
    {
        Assert.Contains("Only the President", await SayAsync(BotTestHost.Member, "oral report"));
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var help = await SayAsync(BotTestHost.Member, "help");

        foreach (var command in new[] { "help", "cancel", "good offices", "oral report", "matters", "status" })
        {
            Assert.Contains(command, help);
        }
    }
}
