using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.App.Tests.Alerts;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Aot;

/// <summary>
/// The natively compiled bot (native AOT, as deployed) runs the product's paths that depend on serialization and
/// metadata, which a JIT build cannot show are kept by the AOT compiler: start-up (the roster, the States, the text
/// catalogue, the options), the good-offices dialog with its typed state stored between turns, the matter and its
/// alert ledger on SQLite and on PostgreSQL, the 21 proactive alerts and the President's tracker, an acknowledgement
/// answered as an invoke card; and the authentication both ways (a signed channel token checked against OpenID
/// metadata, the outbound token from a token endpoint).
/// </summary>
public sealed class NativeAotTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 21;
    private readonly List<BotChildProcess> _children = [];
    private KillNineConnector _connector = null!;
    private KillNineDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connector = new KillNineConnector { Latency = TimeSpan.Zero };
        await _connector.StartAsync(Ct);
    }

    public ValueTask DisposeAsync() => BotChildProcess.DisposeAllAsync(_children, _connector, _database);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task GoodOffices_OnTheNativeBinary_AlertsEveryMemberAndTakesAnAcknowledgement(string provider)
    {
        _database = await KillNineDatabase.CreateAsync(provider, "aot", Ct);
        var environment = KillNineFanOutTests.ChildEnvironment(provider, _database.ConnectionString, _connector.BaseUrl, maxParallelSends: 4, claimLease: TimeSpan.FromSeconds(30));
        environment["Export__SignIn__Enabled"] = "false"; // Development: links served to loopback callers in anonymous mode
        var bot = await StartAsync(environment);

        await KillNineFanOutTests.RunGoodOfficesAsync(bot.BaseAddress, _connector.BaseUrl);
        await _connector.WaitUntilAsync(
            () => _connector.Alerts.Select(a => a.ConversationId).Distinct().Count() == Members && Tracker() is { } t && KillNineFanOutTests.Occurrences(t, "\"delivered\"") == Members,
            TimeSpan.FromSeconds(60), () => $"{_connector.Alerts.Count} alerts; tracker: {Tracker() ?? "(none)"}\n{bot.Tail()}", Ct);
        Assert.Equal(Members, _connector.Alerts.Count);

        // A member (not the President) acknowledges from the card: the invoke's answer is the acknowledged card.
        var alert = _connector.Alerts.First(a => a.ConversationId.StartsWith("a:conv-", StringComparison.Ordinal));
        var member = alert.ConversationId["a:conv-".Length..];
        Assert.False(string.IsNullOrEmpty(alert.AlertId));
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var ack = Activity("invoke", member, alert.ConversationId);
        ack["name"] = "adaptiveCard/action";
        ack["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "ack", ["verb"] = KillNineConnector.AlertVerb, ["data"] = new JsonObject { ["alertId"] = alert.AlertId } },
            ["trigger"] = "manual",
        };
        var waitingBefore = KillNineFanOutTests.Occurrences(Tracker()!, "\"not yet\"");
        using var response = await PostAsync(http, ack, authorization: null);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}\n{bot.Tail()}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        // The acknowledged view (in the member's language) has no acknowledge button any more.
        Assert.DoesNotContain(KillNineConnector.AlertVerb, body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEmpty(Transcript.CardTexts(body["value"]!));
        await _connector.WaitUntilAsync(
            () => Tracker() is { } t && KillNineFanOutTests.Occurrences(t, "\"not yet\"") == waitingBefore - 1,
            TimeSpan.FromSeconds(30), () => $"tracker: {Tracker() ?? "(none)"}\n{bot.Tail()}", Ct);

        // The President exports the matter: the PDF (PDFsharp, with a ScottPlot chart) is made by the native code.
        var export = Activity("message", BotTestHost.President, "a:president");
        export["text"] = "export NC-2026-001";
        using (var exported = await PostAsync(http, export, authorization: null))
        {
            Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        }

        var links = _connector.Others.Last(r => r.Path.StartsWith("v3/conversations/a:president/activities", StringComparison.Ordinal) && r.Body.Contains("Download PDF", StringComparison.Ordinal));
        var actions = JsonNode.Parse(links.Body)!["attachments"]![0]!["content"]!["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]!.AsArray();
        var pdf = new Uri((string)actions.Single(a => (string?)a!["title"] == "Download PDF")!["url"]!).PathAndQuery;
        using var download = await http.GetAsync(new Uri(pdf, UriKind.Relative), Ct);
        var bytes = await download.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(download.StatusCode == HttpStatusCode.OK, $"{(int)download.StatusCode} {Encoding.UTF8.GetString(bytes)}\n{bot.Tail()}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        output.WriteLine($"export: {bytes.Length} bytes of PDF");
    }

    [Fact]
    public async Task SignedTurn_OnTheNativeBinary_IsAuthenticatedBothWays_AndAnUnsignedOneIsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("noncoopbot-aot-");
        await using var botFramework = await FakeOpenIdServer.StartAsync(TestTokens.BotFrameworkIssuer, TestTokens.BotFrameworkJwks(), Ct);
        await using var entra = await FakeOpenIdServer.StartAsync(TestTokens.EntraV2Issuer, TestTokens.EntraJwks(), Ct);
        await using var tokens = await FakeTokenEndpoint.StartAsync(Ct);
        await using var connector = new FakeBotConnector();
        await connector.StartAsync(Ct);
        var certificate = Path.Combine(folder.FullName, "token-endpoint.pem");
        await File.WriteAllTextAsync(certificate, tokens.CertificatePem, Ct);
        var environment = new Dictionary<string, string>
        {
            // Production's code paths under another name: Production refuses loopback serviceUrls, which the fake connector needs.
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["DOTNET_ENVIRONMENT"] = "Staging",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "aot.db")}",
            ["Roster__SeedFile"] = Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json"),
            ["Bot__AppId"] = TestTokens.BotAppId,
            ["Bot__TenantId"] = TestTokens.TenantId,
            ["Bot__ClientSecret"] = "aot-test-secret",
            ["Bot__OpenIdMetadataUrl"] = botFramework.MetadataUrl,
            ["Bot__EntraOpenIdMetadataUrl"] = entra.MetadataUrl,
            ["Bot__AllowHttpMetadataOnLoopback"] = "true",
            ["Bot__AllowLoopbackServiceUrls"] = "true",
            ["Bot__AuthorityHost"] = tokens.AuthorityHost,
            ["SSL_CERT_FILE"] = certificate,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        try
        {
            var bot = await StartAsync(environment);
            using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var help = Activity("message", BotTestHost.Member, "a:aot-member", connector.BaseUrl, TestTokens.TenantId);
            help["text"] = "help";

            using (var unsigned = await PostAsync(http, help, authorization: null))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            }

            var token = TestTokens.Create(DateTimeOffset.UtcNow, serviceUrl: connector.BaseUrl);
            using (var tampered = await PostAsync(http, help, new AuthenticationHeaderValue("Bearer", TestTokens.TamperSignature(token))))
            {
                Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode); // a token that fails validation: 403, as on the JIT build
            }

            Assert.Empty(connector.Requests);
            using (var signed = await PostAsync(http, help, new AuthenticationHeaderValue("Bearer", token)))
            {
                Assert.True(signed.StatusCode == HttpStatusCode.OK, $"{(int)signed.StatusCode}\n{bot.Tail()}");
            }

            var reply = await connector.NextRequestAsync(Ct);
            Assert.Equal("POST", reply.Method);
            Assert.StartsWith("v3/conversations/a:aot-member/activities/", reply.Path, StringComparison.Ordinal);
            Assert.StartsWith("Bearer fake-access-token-", reply.Authorization, StringComparison.Ordinal);
            Assert.True(tokens.TokensIssued >= 1);
            Assert.Contains("good offices", reply.Body!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"reply: {reply.Body!.ToJsonString()[..Math.Min(300, reply.Body.ToJsonString().Length)]}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EmergencyMeeting_OnTheNativeBinary_ReadsCalendarsThroughGraph_ProposesAndBooks()
    {
        var folder = Directory.CreateTempSubdirectory("noncoopbot-aot-");
        await using var graph = new FakeGraphServer();
        await graph.StartAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var roster = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BotTestHost.RepoRoot(), "roster", "roster.sample.json"), Ct))!;
        foreach (var member in roster["members"]!.AsArray())
        {
            graph.Mailboxes[(string)member!["mailbox"]!] = new FakeMailbox([new FakeCalendarItem(now, now.AddHours(2), "busy")]);
        }

        var environment = KillNineFanOutTests.ChildEnvironment("Sqlite", $"Data Source={Path.Combine(folder.FullName, "aot.db")}", _connector.BaseUrl, maxParallelSends: 4, claimLease: TimeSpan.FromSeconds(30));
        environment["Graph__BaseUrl"] = graph.BaseUrl; // loopback, no credentials: allowed in Development only
        environment["Graph__OrganizerMailbox"] = "secretariat@example.com";
        environment["Meetings__RunPoller"] = "true";
        try
        {
            var bot = await StartAsync(environment);
            using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            foreach (var answer in new[] { "emergency meeting", "No matter", "default", "default", "default", "none", "no" })
            {
                var message = Activity("message", BotTestHost.President, "a:president");
                message["text"] = answer;
                using var response = await PostAsync(http, message, authorization: null);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"\"{answer}\": {(int)response.StatusCode}\n{bot.Tail()}");
            }

            await _connector.WaitUntilAsync(() => BookActions().Count > 0, TimeSpan.FromSeconds(60),
                () => $"no proposal card; Graph requests: {string.Join(", ", graph.Requests.Select(r => r.Method + " " + r.Path))}\n{bot.Tail()}", Ct);
            Assert.Contains(graph.Requests, r => r.Path.EndsWith("/calendar/getSchedule", StringComparison.Ordinal));

            var book = Activity("invoke", BotTestHost.President, "a:president");
            book["name"] = "adaptiveCard/action";
            book["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "book", ["verb"] = "noncoop.meeting.book", ["data"] = BookActions()[0].DeepClone() },
                ["trigger"] = "manual",
            };
            using (var response = await PostAsync(http, book, authorization: null))
            {
                var text = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}\n{bot.Tail()}");
                Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)JsonNode.Parse(text)!["type"]);
            }

            // The next poller tick (woken by the booking) creates the event: re-checked whenever the fake Graph answers.
            var started = TimeProvider.System.GetTimestamp();
            while (true)
            {
                var answered = graph.Answered;
                if (graph.EventsCreated == 1)
                {
                    break;
                }

                var left = TimeSpan.FromSeconds(60) - TimeProvider.System.GetElapsedTime(started);
                Assert.True(left > TimeSpan.Zero, $"events created: {graph.EventsCreated}\n{bot.Tail()}");
                try
                {
                    await answered.WaitAsync(left, Ct);
                }
                catch (TimeoutException)
                {
                    // Checked again above, then failed with the bot's output.
                }
            }

            var created = Assert.Single(graph.Requests, r => r.Path.EndsWith("/events", StringComparison.Ordinal));
            Assert.Equal("/v1.0/users/secretariat@example.com/events", created.Path);
            Assert.Equal(Members, created.Body!["attendees"]!.AsArray().Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The data of every booking button on the cards posted or updated in the President's chat, newest card first.</summary>
    private List<JsonNode> BookActions()
    {
        var found = new List<JsonNode>();
        foreach (var (_, path, body) in _connector.Others.Reverse())
        {
            if (path.StartsWith("v3/conversations/a:president/activities", StringComparison.Ordinal) && body.Contains("noncoop.meeting.book", StringComparison.Ordinal))
            {
                Collect(JsonNode.Parse(body), found);
            }
        }

        return found;

        static void Collect(JsonNode? node, List<JsonNode> found)
        {
            switch (node)
            {
                case JsonObject o when (string?)o["verb"] == "noncoop.meeting.book" && o["data"] is { } data:
                    found.Add(data);
                    break;
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        Collect(child, found);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Collect(child, found);
                    }

                    break;
            }
        }
    }

    private async Task<BotChildProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var executable = await NativeAotBinary.PathAsync();
        var bot = BotChildProcess.StartNative(executable, environment);
        _children.Add(bot);
        await bot.WaitReadyAsync(TimeSpan.FromSeconds(30), Ct);
        output.WriteLine($"native bot (pid {bot.Id}) ready at {bot.BaseAddress}");
        return bot;
    }

    private static JsonObject Activity(string type, string aad, string conversationId, string? serviceUrl = null, string tenant = "tenant-1") => new()
    {
        ["type"] = type,
        ["id"] = $"aot-{Guid.NewGuid():N}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + aad, ["aadObjectId"] = aad, ["name"] = "Member" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "NonCoopBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
        ["locale"] = "en-GB",
    };

    private async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonObject activity, AuthenticationHeaderValue? authorization)
    {
        activity["serviceUrl"] ??= _connector.BaseUrl;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request, Ct);
    }

    /// <summary>The body of the last tracker posted or updated in the President's chat.</summary>
    private string? Tracker() =>
        _connector.Others.LastOrDefault(r => r.Path.StartsWith("v3/conversations/a:president/activities", StringComparison.Ordinal)
            && (r.Body.Contains("\"delivered\"", StringComparison.Ordinal) || r.Body.Contains("\"sending\"", StringComparison.Ordinal))).Body;
}
