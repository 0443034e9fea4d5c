using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Tests.Aot;

/// <summary>
/// The JSON the features store (the typed state of the five dialogs inside stored dialog stacks, export link grants,
/// export sign-in flows and sessions) pinned to the exact text the reflection-based serializer wrote before source
/// generation: rows written by the running bot must still be read, and new rows written byte for byte as before.
/// </summary>
public sealed class StoredJsonPinTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 9, 15, 30, 123, TimeSpan.Zero);

    /// <summary>A state as the engine stores it in a frame (through the state's own metadata).</summary>
    private static string Write<T>(T value)
        where T : class, IDialogState<T> => DialogJson.ToNode(value)!.ToJsonString();

    private static T Read<T>(string json)
        where T : class, IDialogState<T> => System.Text.Json.Nodes.JsonNode.Parse(json).Deserialize(T.JsonTypeInfo)!;

    private static string WriteExport<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)ExportJson.Default.GetTypeInfo(typeof(T))!);

    private static T ReadExport<T>(string json) => JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)ExportJson.Default.GetTypeInfo(typeof(T))!)!;

    public static TheoryData<string, string> States => new()
    {
        { nameof(GoodOfficesState), """{"draftId":"d1","stateCode":"KEN","scenario":"Urgent7B","basis":"OwnInitiativeUrgent7A","request":"Art93OtherCooperation","reference":"ICC-01/09 \u003C\u00E9\u003E","personSought":"A \u0022B\u0022","known":"k","toVerify":"v","focalPointIds":["m1","m2"]}""" },
        { nameof(OralReportState), """{"draftId":"d2","matterId":"NC-2026-001","timeZone":"Europe/Paris","interactionAt":"2026-11-29T09:15:30.123\u002B00:00","withWhom":"w","summary":"s","outcome":"o","nextSteps":"n","verified":false}""" },
        { nameof(AskForHelpState), """{"matterId":"NC-2026-001","memberIds":["m1"],"brief":"b"}""" },
        { nameof(LogContactState), """{"matterId":"NC-2026-001","timeZone":"Africa/Nairobi","contactAt":"2026-11-29T12:15:30.123\u002B03:00","channel":"c","officials":"o","summary":"s","outcome":"out","followUp":"f"}""" },
        { nameof(EmergencyMeetingState), """{"matterId":"NC-2026-001","matterAsked":true,"windowHours":48,"durationMinutes":90,"quorum":7,"required":"r"}""" },
    };

    private static (string Written, string ReadBack) RoundTrip(string name, string json) => name switch
    {
        nameof(GoodOfficesState) => (Write(new GoodOfficesState
        {
            DraftId = "d1", StateCode = "KEN", Scenario = Scenario.Urgent7B, Basis = GoodOfficesBasis.OwnInitiativeUrgent7A,
            Request = CourtRequest.Art93OtherCooperation, Reference = "ICC-01/09 <é>", PersonSought = "A \"B\"", Known = "k", ToVerify = "v",
            FocalPointIds = ["m1", "m2"],
        }), Write(Read<GoodOfficesState>(json))),
        nameof(OralReportState) => (Write(new OralReportState
        {
            DraftId = "d2", MatterId = "NC-2026-001", TimeZone = "Europe/Paris", InteractionAt = At, WithWhom = "w", Summary = "s", Outcome = "o",
            NextSteps = "n", Verified = false,
        }), Write(Read<OralReportState>(json))),
        nameof(AskForHelpState) => (Write(new AskForHelpState { MatterId = "NC-2026-001", MemberIds = ["m1"], Brief = "b" }), Write(Read<AskForHelpState>(json))),
        nameof(LogContactState) => (Write(new LogContactState
        {
            MatterId = "NC-2026-001", TimeZone = "Africa/Nairobi", ContactAt = At.ToOffset(TimeSpan.FromHours(3)), Channel = "c", Officials = "o",
            Summary = "s", Outcome = "out", FollowUp = "f",
        }), Write(Read<LogContactState>(json))),
        _ => (Write(new EmergencyMeetingState { MatterId = "NC-2026-001", MatterAsked = true, WindowHours = 48, DurationMinutes = 90, Quorum = 7, Required = "r" }),
            Write(Read<EmergencyMeetingState>(json))),
    };

    [Theory]
    [MemberData(nameof(States))]
    public void DialogState_IsWrittenAsBefore_AndReadBack(string name, string json)
    {
        var (written, readBack) = RoundTrip(name, json);

        Assert.Equal(json, written);
        Assert.Equal(json, readBack);
    }

    [Fact]
    public void EmptyDialogStates_AreWrittenAsBefore()
    {
        Assert.Equal("""{"focalPointIds":[]}""", Write(new GoodOfficesState()));
        Assert.Equal("""{"matterAsked":false,"windowHours":72,"durationMinutes":60,"quorum":0}""", Write(new EmergencyMeetingState()));
        Assert.Equal("""{}""", Write(new OralReportState()));
    }

    [Fact]
    public async Task ExportGrant_IsStoredAsBefore_AndAStoredGrantIsRedeemed()
    {
        await using var host = await BotTestHost.StartAsync();
        var storage = host.Services.GetRequiredService<IStorage>();
        var options = Options.Create(new ExportOptions { SigningKey = Convert.ToBase64String(new byte[32]) });
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        var links = new ExportLinks(new ExportSigningKey(options, environment, NullLogger<ExportSigningKey>.Instance), storage, host.Time, options, environment);
        var ct = TestContext.Current.CancellationToken;
        var (url, grant) = await links.IssueAsync("NC-2026-001", BotTestHost.President, ExportFormats.Pdf, ct);
        var token = url.AbsolutePath[ExportLinks.RoutePrefix.Length..];
        var key = "export:link:" + token.Split('.')[0];
        var issued = (await storage.ReadAsync(key, ct))!;

        Assert.Equal("""{"matterId":"NC-2026-001","userAadObjectId":"00000000-0000-0000-0000-0000000000020","format":"pdf","expiresAt":"2026-11-29T14:05:00+00:00","usedAt":null}""", issued.Json);
        var (status, used) = await links.RedeemAsync(token, ct);
        Assert.Equal(RedeemStatus.Granted, status);
        Assert.Equal("""{"matterId":"NC-2026-001","userAadObjectId":"00000000-0000-0000-0000-0000000000020","format":"pdf","expiresAt":"2026-11-29T14:05:00+00:00","usedAt":"2026-11-29T14:00:00+00:00"}""", (await storage.ReadAsync(key, ct))!.Json);
        Assert.Equal(grant with { UsedAt = host.Time.GetUtcNow() }, used);
        Assert.Equal(RedeemStatus.Used, (await links.CheckAsync(token, ct)).Status);
    }

    [Fact]
    public void ExportSignInRecords_AreWrittenAsBefore_AndReadBack()
    {
        var flow = new ExportSignIn.FlowRecord("tok.en.sig", "nonce", "verifier", "hash+/=", "https://bot.example/export/callback?x=1&y=<2>", At);
        var session = new ExportSignIn.SessionRecord("00000000-0000-0000-0000-0000000000aa", "tenant-é", At.AddHours(8));

        Assert.Equal("""{"token":"tok.en.sig","nonce":"nonce","verifier":"verifier","browserHash":"hash\u002B/=","redirectUri":"https://bot.example/export/callback?x=1\u0026y=\u003C2\u003E","expiresAt":"2026-11-29T09:15:30.123+00:00"}""", WriteExport(flow));
        Assert.Equal("""{"objectId":"00000000-0000-0000-0000-0000000000aa","tenantId":"tenant-\u00E9","expiresAt":"2026-11-29T17:15:30.123+00:00"}""", WriteExport(session));
        Assert.Equal(flow, ReadExport<ExportSignIn.FlowRecord>(WriteExport(flow)));
        Assert.Equal(session, ReadExport<ExportSignIn.SessionRecord>(WriteExport(session)));
    }
}
