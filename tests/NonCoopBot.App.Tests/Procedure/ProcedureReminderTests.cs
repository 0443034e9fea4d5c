using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NonCoopBot.App.Features.Procedure;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Procedure;

/// <summary>
/// Durable deadline reminders: planned in the procedure's transaction, sent 1:1 through the proactive messenger to a
/// loopback fake connector on a FakeTimeProvider schedule, each (reminder, recipient) once — across a restart on the
/// same SQLite file, and with two instances racing on one PostgreSQL database.
/// </summary>
public sealed class ProcedureReminderTests : IAsyncLifetime
{
    private static readonly string[] Leads = ["00000000-0000-0000-0000-0000000000020", "00000000-0000-0000-0000-0000000000021"];
    private static readonly string[] Secretariat = [ProcedureFlowTests.Secretariat, "b0000000-0000-4000-8000-000000000002"];

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-29T14:00:00Z", CultureInfo.InvariantCulture));
    private readonly List<BotTestHost> _hosts = [];
    private readonly string _dbPath = TestDatabases.NewSqliteFilePath("procedure");
    private FakeBotConnector _connector = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connector = new FakeBotConnector(_time);
        await _connector.StartAsync(Ct);
        Directory.CreateDirectory(Path.GetDirectoryName(_dbPath)!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _connector.DisposeAsync();
        TestDatabases.DeleteSqliteFile(_dbPath);
    }

    private async Task<BotTestHost> StartAsync(Action<IDictionary<string, string?>>? configure = null, bool sqlite = true)
    {
        var host = await BotTestHost.StartAsync(sqlite ? _dbPath : null, _time, configure: configure);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Each person writes once from the fake connector's serviceUrl, so the bot stores their 1:1 conversation.</summary>
    private async Task IntroduceAsync(BotTestHost host)
    {
        foreach (var aad in Leads.Concat(Secretariat))
        {
            await SendAsync(host, ActivityBuilder.Message("help"), aad);
        }
    }

    /// <summary>Every activity comes from the fake connector's serviceUrl (so the stored 1:1 references point at it).</summary>
    private Task<(IReadOnlyList<NonCoopBot.Protocol.Schema.Activity> Sent, NonCoopBot.Dialogs.Turns.TurnResult Result)> SendAsync(BotTestHost host, ActivityBuilder activity, string aad) =>
        host.SendAsync(activity.From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).WithServiceUrl(_connector.BaseUrl).Build());

    private async Task ReferralAndLetterAsync(BotTestHost host, string state = "Kenya")
    {
        var (_, referral) = await SendAsync(host, ActivityBuilder.CardAction(ProcedureRoutes.ReferralSubmitVerb, ProcedureFlowTests.ReferralData(state)), ProcedureFlowTests.Secretariat);
        Assert.NotEqual(NonCoopBot.Protocol.Schema.ContentTypes.AdaptiveCard, (string?)referral.InvokeResponse?.Body?["type"]); // not the form again
        var (sent, _) = await SendAsync(host, ActivityBuilder.Message("step NC-2026-001 b done 2026-11-30 limit 2026-12-10"), BotTestHost.President);
        Assert.Contains("Views requested by 10 December 2026", Transcript.TextOf(sent[0]));
    }

    private static Task<int> RunAsync(BotTestHost host) => host.Services.GetRequiredService<ProcedureReminderDispatcher>().RunOnceAsync(Ct);

    private void AdvanceTo(string instant) => _time.SetUtcNow(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));

    /// <summary>(conversation, text) of every reminder POSTed to the fake connector.</summary>
    private List<(string Conversation, string Text)> Reminders() =>
        _connector.Requests
            .Where(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal))
            .Select(r => (r.Path.Split('/')[2], (string?)r.Body?["text"] ?? string.Empty))
            .Where(r => r.Item2.StartsWith("Reminder:", StringComparison.Ordinal) || r.Item2.StartsWith("Court referral recorded on", StringComparison.Ordinal))
            .ToList();

    private static void AssertEachOnce(List<(string Conversation, string Text)> reminders) =>
        Assert.Equal(reminders.Count, reminders.Distinct().Count());

    /// <param name="provider">Sqlite (a file) or Postgres (a fresh database on the test server): the restart keeps the database.</param>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Reminders_FireOnScheduleOnceEach_AndSurviveARestart(string provider)
    {
        var postgres = provider == "Postgres" ? await PostgresSettingsAsync() : null;
        var first = await StartAsync(postgres, sqlite: postgres is null);
        await IntroduceAsync(first);
        await ReferralAndLetterAsync(first);

        Assert.Equal(2, await RunAsync(first)); // the para 13 checklist, to both Secretariat staff
        Assert.Equal(0, await RunAsync(first));
        Assert.All(Reminders(), r => Assert.Contains("para 13 checklist", r.Text));
        Assert.All(Reminders(), r => Assert.Contains(r.Conversation, Secretariat.Select(s => "a:personal-" + s)));

        AdvanceTo("2026-12-07T23:59:59Z");
        Assert.Equal(0, await RunAsync(first));

        AdvanceTo("2026-12-08T00:00:00Z"); // two days before the letter's time limit
        Assert.Equal(4, await RunAsync(first)); // President, acting Vice-President, both Secretariat staff
        Assert.Equal(0, await RunAsync(first));
        Assert.Equal(4, Reminders().Count(r => r.Text.Contains("ends on 10 December 2026", StringComparison.Ordinal)));

        // Restart: a new host process state on the same database file.
        await first.DisposeAsync();
        _hosts.Remove(first);
        var second = await StartAsync(postgres, sqlite: postgres is null);
        Assert.Equal(0, await RunAsync(second)); // nothing is due twice after the restart

        AdvanceTo("2026-12-10T00:00:00Z");
        Assert.Equal(6, await RunAsync(second)); // at the limit: 4; step (c) falls due: the President and acting VP only (Bureau-only)
        Assert.Equal(0, await RunAsync(second));
        var all = Reminders();
        Assert.Equal(12, all.Count);
        AssertEachOnce(all);
        var stepC = all.Where(r => r.Text.Contains("step (c), the Bureau meeting", StringComparison.Ordinal)).ToList();
        Assert.Equal(Leads.Select(l => "a:personal-" + l).Order(), stepC.Select(r => r.Conversation).Order());
    }

    /// <summary>(conversation, text) of every message POSTed to the fake connector.</summary>
    private List<(string Conversation, string Text)> Posted() =>
        _connector.Requests
            .Where(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal))
            .Select(r => (r.Path.Split('/')[2], (string?)r.Body?["text"] ?? string.Empty))
            .ToList();

    [Fact]
    public async Task EachRecipient_GetsTheReminderInTheirOwnLanguage()
    {
        var host = await StartAsync();
        await IntroduceAsync(host);
        await SendAsync(host, ActivityBuilder.Message("langue fr"), Leads[1]);      // the acting Vice-President chooses French
        await SendAsync(host, ActivityBuilder.Message("idioma es"), Secretariat[1]); // one of the Secretariat, Spanish
        await ReferralAndLetterAsync(host, state: "Germany");                        // named in each recipient's language

        Assert.Equal(2, await RunAsync(host));
        Assert.Contains(("a:personal-" + Secretariat[1], "Remisión de la Corte registrada en NC-2026-001 (Alemania): la lista de verificación del párr. 13 está abierta (decisión transmitida a todos los Estados Partes; comunicado de prensa). Escriba procedimiento NC-2026-001 para marcar los elementos."), Posted());
        Assert.Contains(Reminders(), r => r.Conversation == "a:personal-" + Secretariat[0] && r.Text.Contains("para 13 checklist", StringComparison.Ordinal));

        AdvanceTo("2026-12-08T00:00:00Z");
        Assert.Equal(4, await RunAsync(host));
        var posted = Posted();
        Assert.Contains(("a:personal-" + Leads[1], "Rappel : NC-2026-001 (Allemagne) : le délai fixé par la lettre ouverte pour les observations de l'État expire le 10 décembre 2026 (par. 14(b))."), posted);
        Assert.Contains(("a:personal-" + Secretariat[1], "Recordatorio: NC-2026-001 (Alemania): el plazo fijado por la carta abierta para las observaciones del Estado vence el 10 de diciembre de 2026 (párr. 14(b))."), posted);
        Assert.Contains(("a:personal-" + Leads[0], "Reminder: NC-2026-001 (Germany): the time limit set by the open letter for the State's views ends on 10 December 2026 (para 14(b))."), posted);
    }

    [Fact]
    public async Task AWrittenResponse_MovesStepCEarlier_AndDropsTheLetterReminders()
    {
        var host = await StartAsync();
        await IntroduceAsync(host);
        await ReferralAndLetterAsync(host);
        Assert.Equal(2, await RunAsync(host));

        await SendAsync(host, ActivityBuilder.Message("written response NC-2026-001 2026-12-03"), ProcedureFlowTests.Secretariat);
        AdvanceTo("2026-12-03T00:00:00Z");

        Assert.Equal(2, await RunAsync(host));
        AdvanceTo("2026-12-11T00:00:00Z");
        Assert.Equal(0, await RunAsync(host));
        Assert.Equal(2, Reminders().Count(r => r.Text.Contains("falls due on 3 December 2026", StringComparison.Ordinal)));
        Assert.DoesNotContain(Reminders(), r => r.Text.Contains("10 December", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWorker_SendsOnTheFakeTimeProviderSchedule()
    {
        var host = await StartAsync(s => { s["Procedure:RunWorker"] = "true"; s["Procedure:WorkerPeriod"] = "00:01:00"; });
        await IntroduceAsync(host);
        var before = _connector.Requests.Count;
        await ReferralAndLetterAsync(host);

        _time.Advance(TimeSpan.FromMinutes(1)); // the worker's next tick

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        guard.CancelAfter(TimeSpan.FromSeconds(30)); // a guard against a hang, not a wait: the requests arrive at once
        var firstReminder = await _connector.NextRequestAsync(guard.Token);
        var secondReminder = await _connector.NextRequestAsync(guard.Token);
        Assert.Contains("para 13 checklist", (string?)firstReminder.Body?["text"]);
        Assert.Contains("para 13 checklist", (string?)secondReminder.Body?["text"]);
        Assert.True(_connector.Requests.Count > before);
    }

    [Fact]
    public async Task TwoInstances_OnPostgres_SendEachReminderOnce()
    {
        var postgres = await PostgresSettingsAsync();
        var a = await StartAsync(postgres, sqlite: false);
        var b = await StartAsync(postgres, sqlite: false);
        await IntroduceAsync(a);
        await ReferralAndLetterAsync(a);

        AdvanceTo("2026-12-10T00:00:00Z"); // everything due at once: 2 + 4 + 4 + 2
        var total = 0;
        for (var round = 0; round < 3; round++)
        {
            var sent = await Task.WhenAll(RunAsync(a), RunAsync(b), RunAsync(a), RunAsync(b));
            total += sent.Sum();
        }

        Assert.Equal(12, total);
        var all = Reminders();
        Assert.Equal(12, all.Count);
        AssertEachOnce(all);
    }

    /// <summary>Settings that put a host on a fresh database of the test PostgreSQL server.</summary>
    private static async Task<Action<IDictionary<string, string?>>> PostgresSettingsAsync()
    {
        var connectionString = await CreatePostgresDatabaseAsync();
        return s =>
        {
            s["Storage:Provider"] = "Postgres";
            s["Storage:ConnectionString"] = connectionString;
        };
    }

    private static async Task<string> CreatePostgresDatabaseAsync()
    {
        if (TestDatabases.SkipPostgres)
        {
            Assert.Skip($"{TestDatabases.SkipPostgresVariable}=1: PostgreSQL tests skipped on request.");
        }

        var admin = TestDatabases.PostgresConnectionString;
        if (admin is null)
        {
            Assert.Fail(TestDatabases.PostgresMissingMessage);
        }

        var name = TestDatabases.NewPostgresDatabaseName();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
        await command.ExecuteNonQueryAsync(Ct);
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
