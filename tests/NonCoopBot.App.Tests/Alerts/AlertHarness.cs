using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Infrastructure.Tests.Persistence;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// A migrated database with the sample roster, a loopback <see cref="FakeBotConnector"/>, stored 1:1 references
/// for every member, and the real alert pipeline (outbox writer, store, messenger over HTTP, dispatcher).
/// </summary>
public sealed class AlertHarness : IAsyncDisposable
{
    public static readonly StateDirectory States = StateDirectory.LoadEmbedded();
    public const string TenantId = "tenant-1";

    private AlertHarness(IDatabase database, FakeTimeProvider time, FakeBotConnector connector, Roster roster, AlertOptions options)
    {
        Database = database;
        Time = time;
        Connector = connector;
        Roster = roster;
        Options = options;
        References = new StorageConversationReferenceStore(new InMemoryStorage(time), time);
        Rosters = new SqlRosterRepository(database, States, time);
        Store = new AlertStore(database);
        Gate = new SendGate(time);
        Wake = new AlertWakeSignal();
        Writer = new AlertOutboxWriter(Store, Rosters, time, Wake);
        Matters = new SqlMatterRepository(database, time, [Writer]);
        Trust.Trust(connector.BaseUrl);
        Languages = new LanguagePreferences(new InMemoryStorage(time));
        var services = new ServiceCollection().AddSingleton(_ => CardCatalog.Load(CardsDirectory, NonCoopBot.App.Features.NonCoopBotRoutes.Texts)).AddSingleton(Languages).BuildServiceProvider();
        Cards = new AlertCards(services);
    }

    public IDatabase Database { get; }

    /// <summary>The connection string of <see cref="Database"/> when the harness created it (another instance can open its own pool on it).</summary>
    public string? ConnectionString { get; private init; }
    public FakeTimeProvider Time { get; }
    public FakeBotConnector Connector { get; }
    public Roster Roster { get; }
    public AlertOptions Options { get; }
    public StorageConversationReferenceStore References { get; private set; }
    public SqlRosterRepository Rosters { get; }
    public AlertStore Store { get; }
    public SendGate Gate { get; }
    public AlertWakeSignal Wake { get; }
    public AlertOutboxWriter Writer { get; }
    public SqlMatterRepository Matters { get; }
    public InMemoryServiceUrlTrust Trust { get; } = new();
    public AlertCards Cards { get; }

    /// <summary>The members' language choices (<c>language fr</c>); without one, a member reads their roster preference.</summary>
    public LanguagePreferences Languages { get; }

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(Path.GetDirectoryName(SourceFile())!);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NonCoopBot.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
        }
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    public static string CardsDirectory => Path.Combine(RepoRoot, "cards");

    public static Roster SampleRoster() =>
        RosterFile.ParseValidated(File.ReadAllText(Path.Combine(RepoRoot, "roster", "roster.sample.json")), States, new DateOnly(2026, 3, 2), "roster.sample.json");

    public static string ConversationOf(BureauMember member) => "a:conv-" + member.Id;

    public static async Task<AlertHarness> CreateAsync(SqlTestServer server, Action<AlertOptions>? configure = null, IDatabase? database = null, FakeTimeProvider? time = null, bool seedReferences = true)
    {
        var ct = TestContext.Current.CancellationToken;
        time ??= new FakeTimeProvider(DateTimeOffset.Parse("2026-03-04T10:00:00Z", CultureInfo.InvariantCulture));
        string? connectionString = null;
        if (database is null)
        {
            connectionString = await server.CreateEmptyDatabaseAsync(ct);
            database = server.Connect(connectionString);
            await SqlTestServer.NewMigrator(database, time).MigrateAsync(ct);
        }

        var connector = new FakeBotConnector(time);
        await connector.StartAsync(ct);
        var options = new AlertOptions { BotId = "28:bot", TenantId = TenantId, ServiceUrl = connector.BaseUrl, MaxParallelSends = 8 };
        configure?.Invoke(options);
        var roster = SampleRoster();
        var harness = new AlertHarness(database, time, connector, roster, options) { ConnectionString = connectionString };
        await harness.Rosters.UpsertAsync(roster, ct);
        if (seedReferences)
        {
            foreach (var member in roster.Members)
            {
                await harness.SaveReferenceAsync(member);
            }
        }

        return harness;
    }

    public Task SaveReferenceAsync(BureauMember member, string? conversationType = ConversationTypes.Personal, string? conversationId = null) =>
        References.SaveAsync(AlertOutboxWriter.Normalize(member.AadObjectId), new ConversationReference
        {
            ServiceUrl = Connector.BaseUrl,
            ConversationId = conversationId ?? ConversationOf(member),
            ChannelId = Channels.MsTeams,
            TenantId = TenantId,
            UserId = "29:" + member.Id,
            UserAadObjectId = member.AadObjectId,
            BotId = "28:bot",
            ConversationType = conversationType,
        }, TestContext.Current.CancellationToken);

    /// <summary>A new "instance": its own HTTP client, gate, messenger and dispatcher on the same database.</summary>
    /// <param name="tokens">The outbound token provider (default: none, anonymous).</param>
    /// <param name="timesOut">Requests for which the HTTP client times out (as HttpClient does: TaskCanceledException with a TimeoutException).</param>
    public AlertDispatcher NewDispatcher(string? instanceId = null, SendGate? gate = null, IDatabase? database = null, IAlertSendProbe? probe = null,
        IBotTokenProvider? tokens = null, Func<HttpRequestMessage, bool>? timesOut = null)
    {
        gate ??= Gate;
        HttpMessageHandler inner = timesOut is null ? new SocketsHttpHandler() : new TimeOutHandler(timesOut) { InnerHandler = new SocketsHttpHandler() };
        var http = new HttpClient(new SendGateHandler(gate, Time, Options.MaxRetryAfter) { InnerHandler = inner }) { Timeout = TimeSpan.FromSeconds(30) };
        var connector = new ConnectorClient(http, tokens ?? new AnonymousBotTokenProvider(), Trust);
        var messenger = new ProactiveMessenger(connector, References, Trust, Time, new ProactiveDefaults(Options.BotId, Options.TenantId, Options.ServiceUrl));
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var store = database is null ? Store : new AlertStore(database);
        return new AlertDispatcher(store, messenger, Cards, database is null ? Rosters : new SqlRosterRepository(database, States, Time), new SendThrottle(Time, gate, options), Time, options, probe: probe)
        {
            InstanceId = instanceId ?? "test-" + Guid.NewGuid().ToString("N")[..6],
        };
    }

    /// <summary>Opens a 7(b) matter and triggers good offices (one GoodOfficesInitiated in the matter's transaction).</summary>
    public async Task<string> TriggerGoodOfficesAsync(Scenario scenario = Scenario.Urgent7B, long sequence = 1, string stateCode = "KEN")
    {
        var ct = TestContext.Current.CancellationToken;
        var president = Actor.From(Roster.President!);
        var opened = Matter.Open(new MatterOpening(States.GetByCode(stateCode), scenario, CourtRequest.Art89ArrestAndSurrender, "ICC-01/99-01/26", "Person A"), sequence, president, Time);
        var matter = opened.Matter ?? throw new InvalidOperationException(opened.Refusal?.ToString());
        matter.TriggerGoodOffices(president, scenario == Scenario.Urgent7B ? GoodOfficesBasis.OwnInitiativeScenario7B : GoodOfficesBasis.OwnInitiativeUrgent7A, null, Time);
        await Matters.AddAsync(matter, ct);
        return Assert.Single(await Store.ListAlertIdsForMatterAsync(matter.Id.Value, ct));
    }

    public IReadOnlyList<RecordedRequest> PostsToActivities() =>
        Connector.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal)).ToList();

    public static string? ConversationIdOf(RecordedRequest request) =>
        request.Path.Split('/') is { Length: >= 4 } parts ? parts[2] : null;

    /// <summary>POSTs whose card is the alert card (verb noncoop.alert.ack and a refresh).</summary>
    public IReadOnlyList<RecordedRequest> AlertPosts() =>
        PostsToActivities().Where(r => r.Body?["attachments"]?[0]?["content"]?["refresh"] is not null).ToList();

    public static string Blocked403 => """{"error":{"code":"BadArgument","message":"blocked"},"subCode":"MessageWritesBlocked"}""";

    public void Enqueue(HttpStatusCode status, int times, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        for (var i = 0; i < times; i++)
        {
            Connector.Enqueue(status, body, headers);
        }
    }

    public async ValueTask DisposeAsync() => await Connector.DisposeAsync();

    private sealed class TimeOutHandler(Func<HttpRequestMessage, bool> timesOut) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            timesOut(request)
                ? throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException())
                : base.SendAsync(request, cancellationToken);
    }
}
