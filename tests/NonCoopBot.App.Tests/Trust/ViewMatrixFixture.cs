using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Tests.Trust;

/// <summary>
/// Two bots on their own SQLite files: one with a 7(a) matter (NC-2026-001, good offices, an oral report, an
/// assistance request and a contact) and a 7(b) matter (NC-2026-002, good offices); one with no matter at all.
/// </summary>
public sealed class ViewMatrixFixture : IAsyncLifetime
{
    public const string Secretariat = "b0000000-0000-4000-8000-000000000001";
    public const string Outsider = "ffffffff-0000-4000-8000-0000000000aa";

    /// <summary>Words that only a Bureau member's private view may contain.</summary>
    public static readonly string[] BureauOnly =
    [
        "NC-2026-002", "ICC-01/99-01/26", "Kenya", "Good offices", "good offices", "Oral report", "Assistance", "Contact",
        "Minister Sentinel-Alpha", "Envoy Sentinel-Beta", "Confidential", "confidential", "private chat", "hidden",
    ];

    public BotTestHost WithMatters { get; private set; } = null!;

    public BotTestHost Empty { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        WithMatters = await BotTestHost.StartAsync();
        Empty = await BotTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var services = WithMatters.Services;
        var matters = services.GetRequiredService<IMatterRepository>();
        var states = services.GetRequiredService<StateDirectory>();
        var roster = (await services.GetRequiredService<IRosterRepository>().GetAsync(ct))!;
        var president = Actor.From(roster.President!);
        var time = WithMatters.Time;

        var a = Matter.Open(new MatterOpening(states.GetByCode("MNG"), Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, "ICC-02/05-01/09", "Person Sought-A"), await matters.NextSequenceAsync(ct), president, time).Matter!;
        a.TriggerGoodOffices(president, GoodOfficesBasis.BureauDecision, null, time);
        a.RecordOralReport(president, time.GetUtcNow().AddHours(-1), "Minister Sentinel-Alpha", "Talked.", null, null, null, time);
        a.RequestAssistance(president, roster.FocalPoints[0], "Assist.", time);
        a.LogContact(president, time.GetUtcNow().AddMinutes(-30), "Envoy Sentinel-Beta", "Called.", time);
        await matters.AddAsync(a, ct);

        var b = Matter.Open(new MatterOpening(states.GetByCode("KEN"), Scenario.Urgent7B, CourtRequest.Art89ArrestAndSurrender, "ICC-01/99-01/26", "Person Sought-B", "Known.", "To verify."), await matters.NextSequenceAsync(ct), president, time).Matter!;
        b.TriggerGoodOffices(president, GoodOfficesBasis.OwnInitiativeScenario7B, null, time);
        await matters.AddAsync(b, ct);
    }

    /// <summary>Everything a turn produced (sent activities and the invoke answer), as JSON text.</summary>
    public static string Everything(IReadOnlyList<Activity> sent, Dialogs.Turns.TurnResult result) =>
        string.Join("\n", sent.Select(a => JsonSerializer.Serialize(a, ProtocolJsonContext.Default.Activity)))
        + (result.InvokeResponse?.Body is { } body ? "\n" + body.ToJsonString() : string.Empty);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { WithMatters, Empty })
        {
            await host.DisposeAsync();
            foreach (var f in new[] { host.DbPath, host.DbPath + "-wal", host.DbPath + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
