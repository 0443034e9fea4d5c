using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Features.Procedure;
using NonCoopBot.App.Tests.FocalPoints;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.App.Tests.Procedure;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Access;

/// <summary>
/// The inputs of the referral form, the request for assistance and the contact form say in the card what the server
/// checks (maxLength, regex, isRequired), and the server stays the judge: a forged submission beyond those limits is
/// refused with a clear answer, nothing is recorded, and what was typed comes back whole.
/// </summary>
public sealed class ReferralFormInputTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An input of a card as the bot binds it.</summary>
    public static JsonObject Input(IServiceProvider services, string card, string id, string language = "en")
    {
        var bound = services.GetRequiredService<BotCards>().Bind(card, new JsonObject(), language);
        return Find(bound, id) ?? throw new InvalidOperationException($"{card} has no input '{id}'");

        static JsonObject? Find(JsonNode? node, string id) => node switch
        {
            JsonObject o when (string?)o["id"] == id && ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true => o,
            JsonObject o => o.Select(p => Find(p.Value, id)).FirstOrDefault(f => f is not null),
            JsonArray a => a.Select(i => Find(i, id)).FirstOrDefault(f => f is not null),
            _ => null,
        };
    }

    /// <summary>An input's <c>maxLength</c>.</summary>
    public static int MaxLength(JsonObject input) => int.Parse(input["maxLength"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void TheMatterNumberInput_AcceptsInTheCardWhatTheServerReads()
    {
        var input = Input(_host.Services, "referral-form", "matterId");
        var regex = new Regex((string)input["regex"]!, RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.Equal("Give a matter number such as NC-2026-001, or leave it empty to open a new matter.", (string?)input["errorMessage"]);

        foreach (var text in new[] { "NC-2026-001", "nc-2026-0042", " NC-2027-1234 ", "NC-2026-1", "2026-001", "NC-26-001", "NC-2026-00A", "NC 2026 001", "XX-2026-001" })
        {
            Assert.True(regex.IsMatch(text) == (MatterId.TryParse(text, out _)), $"card and server differ on \"{text}\"");
        }

        Assert.True(MaxLength(input) >= "NC-2026-001".Length);
    }

    [Fact]
    public async Task AForgedOverlongField_IsRefused_NothingIsRecorded_AndTheFormComesBackWithItWhole()
    {
        var limit = MaxLength(Input(_host.Services, "referral-form", "personSought"));
        var data = ProcedureFlowTests.ReferralData();
        var typed = "Person " + new string('x', limit);
        data["personSought"] = typed;

        var (sent, result) = await _host.SendAsync(ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, data)
            .From("29:" + ProcedureFlowTests.Secretariat, ProcedureFlowTests.Secretariat).InPersonalChat("a:personal-" + ProcedureFlowTests.Secretariat).Build());

        var text = ProcedureFlowTests.TextOf(sent, result.InvokeResponse?.Body);
        Assert.Contains($"The field \"Person sought (if any)\" is longer than {limit} characters; shorten it.", text, StringComparison.Ordinal);
        Assert.Contains(typed, result.InvokeResponse!.Body!["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct));
    }

    [Fact]
    public async Task AFieldAtItsLimit_IsRecordedWhole()
    {
        var limit = MaxLength(Input(_host.Services, "referral-form", "personSought"));
        var data = ProcedureFlowTests.ReferralData();
        var typed = new string('y', limit);
        data["personSought"] = typed;

        await _host.SendAsync(ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, data)
            .From("29:" + ProcedureFlowTests.Secretariat, ProcedureFlowTests.Secretariat).InPersonalChat("a:personal-" + ProcedureFlowTests.Secretariat).Build());

        var procedure = await _host.Services.GetRequiredService<IProcedureRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        Assert.Equal(typed, procedure!.Decision.PersonSought);
    }
}

/// <summary>The request for assistance's reason and the contact form's texts: the card's limits are the server's.</summary>
public sealed class FocalFormInputTests : IAsyncLifetime
{
    private FocalTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await FocalTestHost.StartAsync();
        await _host.OpenKenya7BAsync();
        foreach (var aad in new[] { AskForHelpFlowTests.Ken, AskForHelpFlowTests.Nga })
        {
            await _host.SayAsync(aad, "help");
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void TheCardsLimits_AreTheServersLimits()
    {
        Assert.Equal(FocalPointRoutes.MaxReasonLength, ReferralFormInputTests.MaxLength(ReferralFormInputTests.Input(_host.Services, "assistance-request", "reason")));
        Assert.Equal(ContactRules.TextMaxLength, ReferralFormInputTests.MaxLength(ReferralFormInputTests.Input(_host.Services, "contact-log-form", "outcome")));
        Assert.Equal(ContactRules.TextMaxLength, ReferralFormInputTests.MaxLength(ReferralFormInputTests.Input(_host.Services, "contact-log-form", "followUp")));
        Assert.Equal(ContactRules.SummaryMaxLength, ReferralFormInputTests.MaxLength(ReferralFormInputTests.Input(_host.Services, "contact-log-form", "summary")));
        Assert.Equal("El motivo tiene como máximo 1000 caracteres.", (string?)ReferralFormInputTests.Input(_host.Services, "assistance-request", "reason", "es")["errorMessage"]);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(3000)] // beyond what any other card value is read up to: refused too, not dropped
    public async Task AForgedOverlongReason_IsRefusedWithTheLimit_AndNothingIsRecorded(int length)
    {
        var (ken, _) = await AskForHelpFlowTests.AskAsync(_host);

        var (_, result) = await _host.ExecuteAsync(AskForHelpFlowTests.Ken, FocalPointMessages.AnswerVerb,
            new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = ken, ["answer"] = "decline", ["reason"] = new string('r', length) });

        Assert.Equal("The reason is longer than 1000 characters, so nothing was recorded. Shorten it and answer again.", (string?)result.InvokeResponse!.Body!["value"]);
        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        Assert.Empty(matter!.Timeline.OfType<AssistanceAnswered>());
    }

    [Fact]
    public async Task AReasonThatIsNotText_IsNotRecordedAsNoReason()
    {
        var (ken, _) = await AskForHelpFlowTests.AskAsync(_host);

        var (_, result) = await _host.ExecuteAsync(AskForHelpFlowTests.Ken, FocalPointMessages.AnswerVerb,
            new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = ken, ["answer"] = "decline", ["reason"] = new JsonObject { ["x"] = 1 } });

        Assert.Equal("This answer could not be read, so nothing was recorded.", (string?)result.InvokeResponse!.Body!["value"]);
        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        Assert.Empty(matter!.Timeline.OfType<AssistanceAnswered>());
    }

    [Fact]
    public async Task AReasonAtTheLimit_IsRecordedWhole()
    {
        var (ken, _) = await AskForHelpFlowTests.AskAsync(_host);
        var reason = new string('r', FocalPointRoutes.MaxReasonLength);

        await _host.ExecuteAsync(AskForHelpFlowTests.Ken, FocalPointMessages.AnswerVerb,
            new JsonObject { ["matterId"] = "NC-2026-001", ["request"] = ken, ["answer"] = "decline", ["reason"] = reason });

        var matter = await _host.Services.GetRequiredService<IMatterRepository>().GetAsync(MatterId.Parse("NC-2026-001"), Ct);
        Assert.Equal(reason, matter!.AnswerTo(ken)!.Reason);
    }
}
