using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Procedure;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.App.Tests.Languages;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Procedure;

/// <summary>The formal procedure of a Court referral, end to end through the real turn pipeline on SQLite.</summary>
public sealed class ProcedureFlowTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Secretariat = "b0000000-0000-4000-8000-000000000001";

    private BotTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IProcedureRepository Procedures => _host.Services.GetRequiredService<IProcedureRepository>();

    private IMatterRepository Matters => _host.Services.GetRequiredService<IMatterRepository>();

    private async Task<string> SayAsync(string aad, string text)
    {
        var (sent, _) = await _host.SayAsync(aad, text);
        var reply = string.Join(" // ", sent.Select(Transcript.TextOf));
        output.WriteLine($"{aad[^2..]}: {text}");
        output.WriteLine($"Bot: {reply}");
        AssertNeutral(reply);
        return reply;
    }

    private static void AssertNeutral(string text)
    {
        var judging = NeutralWording.FindJudgingWords(text);
        Assert.True(judging.Count == 0, $"Judging words: {string.Join(", ", judging)} in \"{text}\"");
    }

    public static JsonObject ReferralData(string state = "Kenya", string requestDate = "2026-03-01", string? matterId = null, string chamber = "Pre-Trial Chamber I") => new()
    {
        ["form"] = "referral",
        ["chamber"] = chamber,
        ["decisionDate"] = "2026-11-20",
        ["decisionReference"] = "ICC-02/05-01/09-109",
        ["state"] = state,
        ["request"] = "Art89ArrestAndSurrender",
        ["requestReference"] = "ICC-02/05-01/09",
        ["requestDate"] = requestDate,
        ["personSought"] = "[name withheld]",
        ["matterId"] = matterId ?? string.Empty,
    };

    private async Task<(string Text, JsonNode? InvokeBody)> TapAsync(string aad, string verb, JsonObject data)
    {
        var (sent, result) = await _host.SendAsync(ActivityBuilder.CardAction(verb, data).From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).Build());
        var text = TextOf(sent, result.InvokeResponse?.Body);
        var body = result.InvokeResponse?.Body;
        output.WriteLine($"{aad[^2..]} taps {verb}: {text}");
        AssertNeutral(text);
        return (text, body);
    }

    /// <summary>What was sent and the invoke's answer (a card's texts, or its message), as one line.</summary>
    public static string TextOf(IReadOnlyList<Activity> sent, JsonNode? body)
    {
        var text = string.Join(" // ", sent.Select(Transcript.TextOf));
        if (body?["type"]?.GetValue<string>() == ContentTypes.AdaptiveCard)
        {
            text += " // [invoke card] " + string.Join(" | ", Transcript.CardTexts(body["value"]!));
        }
        else if (body?["value"] is JsonValue message)
        {
            text += " // [invoke] " + message;
        }

        return text;
    }

    private Task<(string Text, JsonNode? InvokeBody)> SubmitReferralAsync(string aad, JsonObject data) => TapAsync(aad, ProcedureRoutes.ReferralSubmitVerb, data);

    private Task<(string Text, JsonNode? InvokeBody)> TickAsync(string aad, ChecklistItem item, string matter = "NC-2026-001") =>
        TapAsync(aad, ProcedureRoutes.TickVerb, new JsonObject { ["matterId"] = matter, ["item"] = item.ToString() });

    [Fact]
    public async Task Referral_ByTheSecretariat_OpensA7aMatterWithTheChecklist_AndTheSecretariatSeesThePublicStepsOnly()
    {
        Assert.Contains("[card]", await SayAsync(Secretariat, "referral"));

        var (text, _) = await SubmitReferralAsync(Secretariat, ReferralData());

        Assert.Contains("Matter NC-2026-001 opened (scenario 7(a))", text);
        Assert.Contains("checklist (para 13)", text);
        var matter = (await Matters.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;
        Assert.Equal(Scenario.CourtReferral7A, matter.Scenario);
        Assert.Equal(MatterStatus.Open, matter.Status);
        Assert.IsType<ReferralRecorded>(matter.Timeline[^1]);
        var procedure = (await Procedures.GetAsync(matter.Id, Ct))!;
        Assert.Equal("Pre-Trial Chamber I", procedure.Decision.Chamber);
        Assert.Equal(new DateOnly(2026, 3, 1), procedure.Decision.RequestDate);
        Assert.Equal([ChecklistItem.DecisionForwarded, ChecklistItem.PressRelease, ChecklistItem.Art97Reminder], procedure.Checklist.Select(c => c.Item));

        // The Secretariat's card: public steps (b), (d), (e), (f) only; no Bureau meetings, no art. 97 item.
        Assert.Contains("Public steps of the procedure", text);
        Assert.Contains("Open letter to the requested State", text);
        Assert.DoesNotContain("Emergency Bureau meeting", text);
        Assert.DoesNotContain("ambassadorial", text);
        Assert.DoesNotContain("art. 97", text);

        // The President sees every step, in the President's time zone.
        var president = await SayAsync(BotTestHost.President, "procedure NC-2026-001");
        Assert.Contains("Emergency Bureau meeting", president);
        Assert.Contains("art. 97", president);
        Assert.Contains("Time zone: America/New_York", president);
    }

    [Fact]
    public async Task Referral_RefusedForAnyoneButThePresidentAndTheSecretariat()
    {
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.ReferralDenied), await SayAsync(BotTestHost.Member, "referral"));
        var (text, _) = await SubmitReferralAsync(BotTestHost.Member, ReferralData());
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.ReferralDenied), text);
        var (byFocal, _) = await SubmitReferralAsync(BotTestHost.FocalPoint, ReferralData());
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.ReferralDenied), byFocal);
        Assert.Empty(await Matters.ListOpenAsync(Ct));

        var (byActing, _) = await SubmitReferralAsync(BotTestHost.ActingVicePresident, ReferralData());
        Assert.Contains("NC-2026-001 opened", byActing);
    }

    [Fact]
    public async Task Referral_WithAMissingOrWrongField_ReturnsTheFormWithWhatWasTyped()
    {
        var data = ReferralData(chamber: "Pre-Trial Chamber II");
        data["decisionDate"] = "20/11/2026";

        var (text, body) = await SubmitReferralAsync(Secretariat, data);

        Assert.Contains("YYYY-MM-DD", text);
        Assert.Contains("Nothing was saved", text);
        Assert.Contains("Pre-Trial Chamber II", body!["value"]!.ToJsonString());
        Assert.Empty(await Matters.ListOpenAsync(Ct));

        var (unknown, _) = await SubmitReferralAsync(Secretariat, ReferralData(state: "Atlantis"));
        Assert.Contains("I do not know a State called \"Atlantis\"", unknown);
    }

    [Fact]
    public async Task Referral_OnA7bMatter_MakesIt7a_AndItsGoodOfficesStayBureauOnly()
    {
        foreach (var answer in new[] { "good offices", "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Reported travel.", "Dates.", "none", "yes" })
        {
            await _host.SayAsync(BotTestHost.President, answer);
        }

        // The Secretariat cannot see the 7(b) matter, so cannot attach to it: the same answer as for no matter.
        var (bySecretariat, _) = await SubmitReferralAsync(Secretariat, ReferralData(matterId: "NC-2026-001"));
        Assert.Contains("I found no matter \"NC-2026-001\"", bySecretariat);

        var (text, _) = await SubmitReferralAsync(BotTestHost.President, ReferralData(matterId: "NC-2026-001"));

        Assert.Contains("NC-2026-001 is now a 7(a) matter", text);
        var matter = (await Matters.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;
        Assert.Equal(Scenario.CourtReferral7A, matter.Scenario);
        Assert.Equal(MatterStatus.GoodOfficesUnderway, matter.Status);
        Assert.DoesNotContain(matter.PublicElements, e => e is GoodOfficesTriggered or FocalPointAssistanceRequested or MatterOpened);
        Assert.Contains(matter.PublicElements, e => e is ReferralRecorded);

        var status = await SayAsync(Secretariat, "status NC-2026-001");
        Assert.Contains("Court decision ICC-02/05-01/09-109", status);
        Assert.DoesNotContain("Good offices", status, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reported travel", status);
        Assert.DoesNotContain("Good offices", await SayAsync(Secretariat, "matters"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Good offices", await SayAsync(BotTestHost.President, "status NC-2026-001"));
        var card = await SayAsync(Secretariat, "procedure NC-2026-001");
        Assert.Contains("Public steps of the procedure", card);
        Assert.DoesNotContain("Good offices", card, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reported travel", card);
        Assert.DoesNotContain("art. 97", card);

        var again = await SubmitReferralAsync(BotTestHost.President, ReferralData(matterId: "NC-2026-001"));
        Assert.Contains("already recorded on NC-2026-001", again.Text);
    }

    [Fact]
    public async Task Checklist_TickedFromTheCard_KeepsWhoAndWhen_AndEachItemIsForItsRole()
    {
        await SubmitReferralAsync(Secretariat, ReferralData());
        _host.Time.Advance(TimeSpan.FromMinutes(75));

        var (president, _) = await TickAsync(BotTestHost.President, ChecklistItem.PressRelease);
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.SecretariatItemDenied), president);

        var (done, body) = await TickAsync(Secretariat, ChecklistItem.PressRelease);
        Assert.Contains("Done by Ms. Q. Example-Officer, 29 Nov 2026, 15:15", done); // the Secretariat reads UTC
        Assert.Equal(ContentTypes.AdaptiveCard, (string?)body!["type"]);

        var entry = (await Procedures.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!.Checklist.Single(c => c.Item == ChecklistItem.PressRelease);
        Assert.Equal("secretariat-1", entry.By!.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 15, 15, 0, TimeSpan.Zero), entry.At);

        _host.Time.Advance(TimeSpan.FromMinutes(5));
        var (twice, _) = await TickAsync("b0000000-0000-4000-8000-000000000002", ChecklistItem.PressRelease);
        Assert.Contains("Already done", twice);
        Assert.Equal(entry, (await Procedures.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!.Checklist.Single(c => c.Item == ChecklistItem.PressRelease));

        // Art. 97 (para 19): the President's item; Bureau-only, so the Secretariat gets the not-found answer.
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.Art97Denied), (await TickAsync(BotTestHost.Member, ChecklistItem.Art97Reminder)).Text);
        Assert.Contains("I found no matter", (await TickAsync(Secretariat, ChecklistItem.Art97Reminder)).Text);
        var art97 = (await TickAsync(BotTestHost.President, ChecklistItem.Art97Reminder)).Text;
        Assert.Contains("Done by", art97);
        Assert.Contains("10:20", art97); // 15:20 UTC in New York

        // The copy of the letter appears with the letter.
        Assert.Contains("once the letter (step (b)) is recorded", (await TickAsync(Secretariat, ChecklistItem.LetterCopyToStatesParties)).Text);
    }

    [Fact]
    public async Task ARefusalByRole_AndABrokenRuleOfTheProcedure_AreSaidInTheReadersLanguage()
    {
        const string SpanishMember = "a0000000-0000-4000-8000-000000000016"; // roster: es
        await SubmitReferralAsync(Secretariat, ReferralData());

        var denied = await SayAsync(SpanishMember, "paso NC-2026-001 b hecho 2026-11-30 límite 2026-12-10");
        Assert.Contains(Said.Es("domain." + ProcedureAuthorization.StepDenied), denied);
        Assert.DoesNotContain(Said.En("domain." + ProcedureAuthorization.StepDenied), denied);

        await SayAsync(BotTestHost.President, "langue fr");
        var rule = await SayAsync(BotTestHost.President, "step NC-2026-001 b done 2026-11-30 limit 2026-12-15");
        var dates = new Features.Record.ReaderDates(Said.Texts, "fr");
        Assert.Contains(Said.Fr("domain.rule.letterTimeLimit", ("sent", dates.Day(new DateOnly(2026, 11, 30))), ("latest", dates.Day(new DateOnly(2026, 12, 14)))), rule);
        Assert.Contains("14 décembre 2026", rule);
        Assert.Null((await Procedures.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!.RespondBy);
    }

    [Fact]
    public async Task Steps_TheLetterLimitOfMoreThanTwoWeeksIsRefused_AndPostedCardsAreUpdatedInPlace()
    {
        await SubmitReferralAsync(Secretariat, ReferralData());
        var secretariatCard = _host.Transport.Sent.Last(a => a.Attachments?.Count > 0);
        var updatesBefore = _host.Transport.Updated.Count;

        Assert.Contains(Said.En("domain." + ProcedureAuthorization.StepDenied), await SayAsync(Secretariat, "step NC-2026-001 b done 2026-11-30 limit 2026-12-10"));
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.StepDenied), await SayAsync(BotTestHost.Member, "step NC-2026-001 b done 2026-11-30 limit 2026-12-10"));

        var refused = await SayAsync(BotTestHost.President, "step NC-2026-001 b done 2026-11-30 limit 2026-12-15");
        Assert.Contains("no more than two weeks (para 14(b))", refused);
        Assert.Contains("no later than 14 December 2026", refused);
        Assert.Null((await Procedures.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!.RespondBy);
        Assert.Equal(updatesBefore, _host.Transport.Updated.Count);

        var recorded = await SayAsync(BotTestHost.President, "step NC-2026-001 b done 2026-11-30 limit 2026-12-14");
        Assert.Contains("Views requested by 14 December 2026", recorded);

        var update = Assert.Single(_host.Transport.Updated.Skip(updatesBefore));
        Assert.Equal(secretariatCard.Id, update.Id);
        var updatedText = string.Join(" | ", Transcript.CardTexts(update.Attachments![0].Content!));
        Assert.Contains("Done · 30 November 2026", updatedText);
        Assert.Contains("Copy of the open letter", updatedText);
        Assert.DoesNotContain("ambassadorial", updatedText);

        var response = await SayAsync(Secretariat, "written response NC-2026-001 2026-12-08");
        Assert.Contains("Step (c) falls due on 8 December 2026", response);
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.ResponseDenied), await SayAsync(BotTestHost.Member, "written response NC-2026-001 2026-12-08"));
        Assert.Contains("Step (c) falls due on 8 December 2026", await SayAsync(BotTestHost.President, "procedure NC-2026-001"));
    }

    [Fact]
    public async Task StepD_IsOfferedOnlyMoreThanThreeMonthsBeforeTheNextSession_AndTheBotSaysWhyNot()
    {
        await SubmitReferralAsync(Secretariat, ReferralData());
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.SecretariatOnlyDenied), await SayAsync(BotTestHost.President, "assembly session 2027-03-01"));
        Assert.Contains("begins on 1 March 2027", await SayAsync(Secretariat, "assembly session 2027-03-01"));
        await SayAsync(BotTestHost.President, "step NC-2026-001 c done 2026-12-01");

        var refused = await SayAsync(BotTestHost.President, "step NC-2026-001 d planned 2026-12-15");
        Assert.Contains("not more than three months after meeting (c) on 1 December 2026 (para 14(d))", refused);
        Assert.Contains("not offered", await SayAsync(BotTestHost.President, "procedure NC-2026-001"));

        Assert.Contains("now begins on 2 March 2027 (was 1 March 2027)", await SayAsync(Secretariat, "assembly session 2027-03-02"));
        Assert.Contains("planned (15 December 2026)", await SayAsync(BotTestHost.President, "step NC-2026-001 d planned 2026-12-15"));
        Assert.Equal(StepState.Planned, (await Procedures.GetAsync(MatterId.Parse("NC-2026-001"), Ct))![ProcedureStep.WorkingGroupPublicMeeting].State);

        Assert.Contains("Facilitator", await SayAsync(BotTestHost.President, "step NC-2026-001 f planned 2027-03-05 facilitator Ms. A. Example"));
        Assert.Contains("is not a step", await SayAsync(BotTestHost.President, "step NC-2026-001 g done 2026-12-01"));
    }

    [Fact]
    public async Task PartyStatus_IsJudgedOnTheRequestDate_WithTheSecretariatsRecordedWithdrawal()
    {
        Assert.Contains(Said.En("domain." + ProcedureAuthorization.SecretariatOnlyDenied), await SayAsync(BotTestHost.President, "state status Kenya withdrawal 2026-06-01"));
        Assert.Contains("Recorded for Kenya: withdrawal from the Rome Statute, effective 1 June 2026", await SayAsync(Secretariat, "state status Kenya withdrawal 2026-06-01"));

        var (after, _) = await SubmitReferralAsync(Secretariat, ReferralData(requestDate: "2026-07-01"));
        Assert.Contains("was not a State Party on 1 July 2026", after);
        Assert.Contains("took effect on 1 June 2026, before the request", after);

        var (before, _) = await SubmitReferralAsync(Secretariat, ReferralData(requestDate: "2026-05-01"));
        Assert.Contains("NC-2026-001 opened", before); // art. 127(2): obligations for proceedings begun before the withdrawal
    }

    [Fact]
    public async Task BureauDecision_RecordsGoodOfficesAsDecidedByTheBureau_For7aAnd7b()
    {
        await SubmitReferralAsync(Secretariat, ReferralData());
        Assert.Contains(Languages.Said.En("domain." + Authorization.GoodOfficesDenied), await SayAsync(Secretariat, "bureau decision NC-2026-001"));

        Assert.Contains("good offices recorded as decided by the Bureau (para 18)", await SayAsync(BotTestHost.President, "bureau decision NC-2026-001"));

        var matter = (await Matters.GetAsync(MatterId.Parse("NC-2026-001"), Ct))!;
        Assert.Equal(MatterStatus.GoodOfficesUnderway, matter.Status);
        Assert.Equal(GoodOfficesBasis.BureauDecision, Assert.IsType<GoodOfficesTriggered>(matter.Timeline[^1]).Basis);

        foreach (var answer in new[] { "good offices", "Chad", "7(b)", "ICC-01/99-01/27", "none", "Reported travel.", "Dates.", "none", "yes" })
        {
            await _host.SayAsync(BotTestHost.President, answer);
        }

        Assert.Contains("continues the good offices as decided by the Bureau", await SayAsync(BotTestHost.President, "bureau decision NC-2026-002"));
        var urgent = (await Matters.GetAsync(MatterId.Parse("NC-2026-002"), Ct))!;
        Assert.Equal(Scenario.Urgent7B, urgent.Scenario);
        Assert.Equal(GoodOfficesBasis.BureauDecision, Assert.IsType<GoodOfficesTriggered>(urgent.Timeline[^1]).Basis);
    }

    [Fact]
    public async Task Procedure_IsNotShownToAnyoneOffTheRoster()
    {
        await SubmitReferralAsync(Secretariat, ReferralData());

        var stranger = await SayAsync("c0000000-0000-4000-8000-0000000000ff", "procedure NC-2026-001");

        Assert.Contains("I found no matter \"NC-2026-001\"", stranger);
        Assert.DoesNotContain("Kenya", stranger);
    }
}
