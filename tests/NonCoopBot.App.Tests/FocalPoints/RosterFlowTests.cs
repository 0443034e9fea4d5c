using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Rosters;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;
using Npgsql;

namespace NonCoopBot.App.Tests.FocalPoints;

/// <summary><c>roster</c> and roster loads (host path and a file sent in the 1:1 chat), through the real pipeline.</summary>
public sealed class RosterFlowTests : IAsyncLifetime
{
    public const string Secretariat = "b0000000-0000-4000-8000-000000000001";
    private const string Rou = "a0000000-0000-4000-8000-000000000014";

    private readonly List<string> _files = [];
    private BotTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var f in _files.Concat([_host.DbPath, _host.DbPath + "-wal", _host.DbPath + "-shm"]))
        {
            File.Delete(f);
        }
    }

    /// <summary>The sample roster with Romania's member (Eastern European States) as focal point instead of Kenya's: para 16 is met.</summary>
    public static string BalancedRoster()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json")))!;
        foreach (var m in doc["members"]!.AsArray())
        {
            var id = (string)m!["id"]!;
            if (id == "member-ken") m["focalPoint"] = false;
            if (id == "member-rou") m["focalPoint"] = true;
        }

        return doc.ToJsonString();
    }

    private string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    private static string Said(IReadOnlyList<Activity> sent) => string.Join("\n", sent.Select(Transcript.TextOf));

    [Fact]
    public async Task Roster_ShowsOfficesFocalPointsActingPresidentAndThePara16Warning_ToTheSecretariatOnly()
    {
        var (shown, _) = await _host.SayAsync(Secretariat, "roster");
        var (refused, _) = await _host.SayAsync(BotTestHost.Member, "roster");

        var text = Said(shown);
        Assert.Contains("Ambassador M. Bowen (since before the record began)", text, StringComparison.Ordinal);
        Assert.Contains("Ambassador K. Example — African States", text, StringComparison.Ordinal);
        Assert.Contains("Warning: Ambassador K. Example is focal point for African States, the President's regional group, while Eastern European States has no focal point", text, StringComparison.Ordinal);
        Assert.Contains(Languages.Said.En("domain." + RosterChanges.ManageDenied), Said(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoadFromAHostPath_IsAppliedWithHistory_AndAppointmentsShowSinceAndByWhom()
    {
        _host.Time.Advance(TimeSpan.FromHours(1));

        var (sent, _) = await _host.SayAsync(Secretariat, "roster load " + Write(BalancedRoster()));

        var text = Said(sent);
        Assert.Contains("New roster applied", text, StringComparison.Ordinal);
        Assert.Contains("Ambassador K. Example is no longer a focal point.", text, StringComparison.Ordinal);
        Assert.Contains("Ambassador G. Template appointed focal point for Eastern European States.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", text, StringComparison.Ordinal);
        var roster = await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct);
        Assert.True(roster!.FindMemberById("member-rou")!.IsFocalPoint);
        var history = Assert.Single(await _host.Services.GetRequiredService<IRosterHistory>().ListAsync(10, Ct));
        Assert.Equal("Ms. Q. Example-Officer", history.By);
        Assert.Equal(_host.Time.GetUtcNow(), history.At);
        Assert.Equal(2, history.Changes.Count);
        var (shown, _) = await _host.SayAsync(Secretariat, "roster");
        Assert.Contains("Ambassador G. Template — Eastern European States, since 29 Nov 2026, by Ms. Q. Example-Officer", Said(shown), StringComparison.Ordinal);
        // the new focal point may now log contacts: the roster is read afresh
        var (log, _) = await _host.SayAsync(Rou, "log contact");
        Assert.DoesNotContain(Languages.Said.Fr("domain.denied.contactLog"), Said(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidRoster_IsNotApplied_AndTheFailingRuleIsNamed()
    {
        var doc = JsonNode.Parse(BalancedRoster())!;
        foreach (var m in doc["members"]!.AsArray().Where(m => (string)m!["id"]! == "member-bgd"))
        {
            m!["focalPoint"] = true; // a second Asia-Pacific focal point, and five in all
        }

        var (sent, _) = await _host.SayAsync(Secretariat, "roster load " + Write(doc.ToJsonString()));

        var text = Said(sent);
        Assert.Contains("The roster was not changed", text, StringComparison.Ordinal);
        Assert.Contains("focal-point-count:", text, StringComparison.Ordinal);
        Assert.Contains("focal-point-group:", text, StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IRosterHistory>().ListAsync(10, Ct));
        Assert.False((await _host.Services.GetRequiredService<IRosterRepository>().GetAsync(Ct))!.FindMemberById("member-bgd")!.IsFocalPoint);
    }

    [Fact]
    public async Task AnInvalidRoster_LoadedByAFrenchSpeakingSecretariat_NamesTheRuleAndTheMembersInFrench()
    {
        var doc = JsonNode.Parse(BalancedRoster())!;
        doc["members"]!.AsArray().Single(m => (string)m!["id"]! == "member-bgd")!["focalPoint"] = true; // a second Asia-Pacific focal point, five in all
        await _host.SayAsync(Secretariat, "langue fr");

        var (sent, _) = await _host.SayAsync(Secretariat, "roster load " + Write(doc.ToJsonString()));

        var text = Said(sent);
        Assert.StartsWith(Languages.Said.Fr("roster.load.notChanged"), text, StringComparison.Ordinal);
        Assert.Contains("- focal-point-count: " + Languages.Said.Fr("domain.roster.focalPointCount", ("expected", 4), ("count", 5),
            ("names", " (Ambassador I. Langer, Ambassador P. Fernandez, Ambassador L. Robbins, Ambassador D. Model, Ambassador G. Template)")), text, StringComparison.Ordinal);
        Assert.Contains("- focal-point-group: " + Languages.Said.Fr("domain.roster.focalPointGroup", ("members", "Ambassador I. Langer et Ambassador D. Model"),
            ("group", Languages.Said.Fr("domain.group.AsiaPacific"))), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Languages.Said.En("roster.load.notChanged"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Focal points must", text, StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IRosterHistory>().ListAsync(10, Ct));
    }

    [Fact]
    public async Task AnUnreadableRosterEntry_IsNamedInSpanish_WithItsLineInTheFile()
    {
        var doc = JsonNode.Parse(BalancedRoster())!;
        doc["members"]![0]!["role"] = "Chair";
        await _host.SayAsync(Secretariat, "idioma es");

        var (sent, _) = await _host.SayAsync(Secretariat, "composición cargar " + Write(doc.ToJsonString()));
        var (broken, _) = await _host.SayAsync(Secretariat, "composición cargar " + Write("{\n  \"members\": [\n    { \"id\": }\n  ]\n}"));

        Assert.Contains(Languages.Said.Es("domain.rosterFile.role", ("entry", "members[0] (Ambassador A. Wilber)"), ("value", "Chair"), ("allowed", "President, VicePresident, Member")),
            Said(sent), StringComparison.Ordinal);
        Assert.StartsWith(Languages.Said.Es("roster.load.notChanged"), Said(broken), StringComparison.Ordinal);
        Assert.Contains(" no es un JSON válido en la línea 3", Said(broken), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IRosterHistory>().ListAsync(10, Ct));
    }

    [Fact]
    public async Task AnAppliedRoster_ListsItsChangesInTheLoadersLanguage()
    {
        var json = BalancedRoster().Replace("Ambassador K. Example", "Ambassador K. Example-Renamed", StringComparison.Ordinal);
        await _host.SayAsync(Secretariat, "langue fr");

        var (sent, _) = await _host.SayAsync(Secretariat, "roster load " + Write(json));

        var text = Said(sent);
        Assert.StartsWith(Languages.Said.Fr("roster.load.applied"), text, StringComparison.Ordinal);
        Assert.Contains("- " + Languages.Said.Fr("domain.roster.change.contact", ("name", "Ambassador K. Example-Renamed")), text, StringComparison.Ordinal);
        Assert.Contains("- " + Languages.Said.Fr("domain.roster.change.focalAppointed", ("name", "Ambassador G. Template"), ("group", Languages.Said.Fr("domain.group.EasternEuropean"))), text, StringComparison.Ordinal);
        Assert.DoesNotContain("contact details changed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARosterFileSentInTheChat_IsDownloadedAndApplied_WithThePara16Warning()
    {
        var json = File.ReadAllText(Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json")).Replace("Ambassador K. Example", "Ambassador K. Example-Renamed", StringComparison.Ordinal);
        var (server, address) = await LoopbackServer.StartAsync(ctx => ctx.Response.WriteAsync(json, ctx.RequestAborted), null, Ct);
        await using var _ = server;
        var file = ActivityBuilder.Message(string.Empty).From("29:" + Secretariat, Secretariat).InPersonalChat("a:personal-" + Secretariat).With(a => a.Attachments =
        [
            new Attachment
            {
                ContentType = RosterRoutes.FileDownloadInfo,
                Name = "roster-2026.json",
                ContentUrl = address + "files/roster-2026.json",
                Content = new JsonObject { ["downloadUrl"] = address + "download/roster-2026.json", ["uniqueId"] = "1", ["fileType"] = "json" },
            },
        ]).Build();

        var (sent, _) = await _host.SendAsync(file);

        var text = Said(sent);
        Assert.Contains("New roster applied", text, StringComparison.Ordinal);
        Assert.Contains("Ambassador K. Example-Renamed: contact details changed.", text, StringComparison.Ordinal);
        Assert.Contains("Warning:", text, StringComparison.Ordinal);
        Assert.Contains("para 16", text, StringComparison.Ordinal);
        Assert.Equal("roster-2026.json", Assert.Single(await _host.Services.GetRequiredService<IRosterHistory>().ListAsync(10, Ct)).Source);
    }

    [Fact]
    public async Task ARosterFile_FromAMember_IsNotLoaded()
    {
        var (sent, _) = await _host.SayAsync(BotTestHost.Member, "roster load " + Write(BalancedRoster()));

        Assert.Contains(Languages.Said.En("domain." + RosterChanges.ManageDenied), Said(sent), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IRosterHistory>().ListAsync(10, Ct));
    }
}

/// <summary>Two bot instances on one PostgreSQL database: a roster loaded through one is used by the other at once.</summary>
public sealed class RosterTwoInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARosterLoadedOnOneInstance_IsSeenByTheSecondWithinTheRosterFreshness()
    {
        if (TestDatabases.PostgresConnectionString is not { } admin)
        {
            Assert.Fail(TestDatabases.PostgresMissingMessage);
            return;
        }

        var name = TestDatabases.NewPostgresDatabaseName();
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
            await create.ExecuteNonQueryAsync(Ct);
        }

        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        void Postgres(IDictionary<string, string?> c)
        {
            c["Storage:Provider"] = "Postgres";
            c["Storage:ConnectionString"] = connection;
        }

        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, RosterFlowTests.BalancedRoster());
        try
        {
            await using var first = await BotTestHost.StartAsync(configure: Postgres);
            await using var second = await BotTestHost.StartAsync(configure: Postgres);
            var (before, _) = await second.SayAsync("a0000000-0000-4000-8000-000000000014", "log contact");
            Assert.Contains(Languages.Said.Fr("domain.denied.contactLog"), string.Join(" ", before.Select(Transcript.TextOf)), StringComparison.Ordinal);

            await first.SayAsync(RosterFlowTests.Secretariat, "roster load " + path);
            second.Time.Advance(SqlRosterRepository.Freshness);

            var (after, _) = await second.SayAsync("a0000000-0000-4000-8000-000000000014", "log contact");
            Assert.DoesNotContain(Languages.Said.Fr("domain.denied.contactLog"), string.Join(" ", after.Select(Transcript.TextOf)), StringComparison.Ordinal);
            var (shown, _) = await second.SayAsync(RosterFlowTests.Secretariat, "roster");
            Assert.Contains("Ambassador G. Template — Eastern European States, since", string.Join(" ", shown.Select(Transcript.TextOf)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
            await using var c = new NpgsqlConnection(admin);
            await c.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
