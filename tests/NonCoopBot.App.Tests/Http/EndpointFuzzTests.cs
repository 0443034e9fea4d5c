using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Http;

/// <summary>
/// Generated activities (random JSON, mutated Teams payloads, wrong types, huge and deeply nested values, bad card
/// data) through the real endpoint with a valid token: never a 500, never a turn failure, no half-written turn, and
/// the bot still answers afterwards. Deterministic seed; bounded count.
/// </summary>
public sealed class EndpointFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261202;
    private const int Count = 1200;

    private static readonly string[] Verbs =
        ["noncoop.alert.ack", "noncoop.alert.refresh", "noncoop.goodoffices.cancel", "noncoop.goodoffices.confirm", "noncoop.matter.status", "", "x"];

    private static readonly string[] Texts =
        ["help", "matters", "status NC-2026-001", "status ", "good offices", "oral report NC-9999-999", "cancel", "yes", "no", "<at>NonCoopBot</at> help",
         "[link](https://evil.example)", "${'$'}{ref}", "\u0000\u202e", "status " + new string('9', 400)];

    private BotTestEnvironment _world = null!;
    private Random _random = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await BotTestEnvironment.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task GeneratedActivities_NeverFailTheEndpoint_NorLeaveHalfWrittenTurns()
    {
        _random = new Random(Seed);
        var bot = _world.CreateBot(w => new BotAppFactory(w) { Settings = { ["Alerts:RunWorker"] = "false" } });
        using var client = bot.StartClient();
        var token = TestTokens.Create(bot.Time.GetUtcNow(), _world.Connector.BaseUrl);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Count; i++)
        {
            var (kind, body) = Generate(i);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var response = await client.SendAsync(request, Ct);

            Assert.True((int)response.StatusCode < 500, $"#{i} ({kind}) answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300))}");
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Count} requests in {clock.Elapsed}: {string.Join(", ", statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > Count / 4, "Too few generated activities reached a turn; the generator is not exercising the pipeline.");
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Error);
        // A refused request stores nothing: only activities that reached a turn (200) leave their de-duplication row
        // (a message's claim row is its only write since the fast turn; a failed turn deletes it for re-delivery).
        var claimed = await HalfWrittenTurnsAsync(bot);
        Assert.True(claimed.Count <= statuses.GetValueOrDefault(HttpStatusCode.OK),
            $"{claimed.Count} de-duplication rows for {statuses.GetValueOrDefault(HttpStatusCode.OK)} answered activities: a refused request wrote something");

        var help = _world.Message("help", "a:after-fuzz").Build();
        using var after = await client.SendAsync(bot.SignedPost(help), Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains(_world.Connector.Requests, r => r.Path == $"v3/conversations/a:after-fuzz/activities/{help.Id}");
    }

    private (string Kind, byte[] Body) Generate(int i)
    {
        switch (i % 8)
        {
            case 0:
            case 1:
                return ("mutated", Bytes(Mutate(Valid(i), mutations: 1 + _random.Next(3))));
            case 2:
                return ("message", Bytes(Valid(i)));
            case 3:
                return ("card", Bytes(Card(i)));
            case 4:
                return ("nested", Bytes(Nested(Valid(i))));
            case 5:
                return ("huge", Bytes(Huge(Valid(i))));
            case 6:
                return ("random", Bytes(RandomNode(depth: 0)));
            default:
                var garbage = new byte[_random.Next(0, 400)];
                _random.NextBytes(garbage);
                return ("garbage", _random.Next(2) == 0 ? garbage : Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + _random.Next()));
        }
    }

    private JsonObject Valid(int i)
    {
        var builder = _random.Next(4) == 0
            ? ActivityBuilder.Message(Pick(Texts)).InChannel("19:fuzz@thread.tacv2;messageid=" + i)
            : ActivityBuilder.Message(Pick(Texts)).InPersonalChat("a:fuzz-" + _random.Next(20));
        var activity = builder.WithServiceUrl(_world.Connector.BaseUrl).WithId("fuzz-" + i)
            .From("29:fuzz-" + _random.Next(10), "00000000-0000-0000-0000-00000000f" + _random.Next(100).ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
            .Build();
        if (_random.Next(5) == 0)
        {
            activity.Type = Pick([ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate, ActivityTypes.Invoke, "messageReaction", "event", "typing", "unknownType"]);
            activity.Action = Pick(["add", "remove", "add-upgrade", null]);
            activity.Name = Pick([InvokeNames.AdaptiveCardAction, "task/fetch", "signin/verifyState", null]);
        }

        return JsonSerializer.SerializeToNode(activity, ProtocolJsonContext.Default.Activity)!.AsObject();
    }

    private JsonObject Card(int i)
    {
        var data = new JsonObject { ["matterId"] = RandomNode(2), ["alertId"] = RandomNode(2), ["draftId"] = RandomNode(2), ["confirm"] = RandomNode(1) };
        var builder = _random.Next(2) == 0 ? ActivityBuilder.CardAction(Pick(Verbs), data) : ActivityBuilder.CardSubmit(Pick(Verbs), data);
        var activity = builder.InPersonalChat("a:fuzz-card-" + _random.Next(5)).WithServiceUrl(_world.Connector.BaseUrl).WithId("fuzz-card-" + i).Build();
        var node = JsonSerializer.SerializeToNode(activity, ProtocolJsonContext.Default.Activity)!.AsObject();
        return _random.Next(3) == 0 ? Mutate(node, 1) : node;
    }

    private JsonObject Mutate(JsonObject activity, int mutations)
    {
        for (var m = 0; m < mutations; m++)
        {
            var (parent, key) = PickProperty(activity);
            if (parent is null)
            {
                break;
            }

            if (_random.Next(6) == 0)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = RandomNode(depth: 1);
            }
        }

        return activity;
    }

    private (JsonObject? Parent, string Key) PickProperty(JsonObject root)
    {
        var candidates = new List<(JsonObject, string)>();
        void Walk(JsonObject node, int depth)
        {
            foreach (var (key, value) in node.ToList())
            {
                if (key is "serviceUrl" && _random.Next(4) != 0)
                {
                    continue; // mostly keep the serviceUrl so the token's claim matches and the activity reaches a turn
                }

                candidates.Add((node, key));
                if (value is JsonObject child && depth < 4)
                {
                    Walk(child, depth + 1);
                }
            }
        }

        Walk(root, 0);
        return candidates.Count == 0 ? (null, string.Empty) : candidates[_random.Next(candidates.Count)];
    }

    private JsonNode? RandomNode(int depth)
    {
        var choice = _random.Next(depth > 3 ? 6 : 9);
        return choice switch
        {
            0 => null,
            1 => JsonValue.Create(_random.Next(2) == 0),
            2 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
            3 => JsonValue.Create(_random.NextDouble() * 1e300),
            4 => JsonValue.Create(RandomText(_random.Next(0, 40))),
            5 => JsonValue.Create(Pick(["msteams", "webchat", "", "message", "invoke", "personal", "channel", "https://evil.example/", "a:fuzz-1", "29:x"])),
            6 => new JsonArray(Enumerable.Range(0, _random.Next(4)).Select(_ => RandomNode(depth + 1)).ToArray()),
            7 => new JsonObject(Enumerable.Range(0, _random.Next(4)).Select(k => KeyValuePair.Create(Pick(["id", "type", "tenant", "verb", "data", "text", "x" + k]), RandomNode(depth + 1)))
                .DistinctBy(p => p.Key)),
            _ => JsonValue.Create(RandomText(_random.Next(1000, 5000))),
        };
    }

    private JsonObject Nested(JsonObject activity)
    {
        var depth = _random.Next(10, 3000);
        JsonNode node = JsonValue.Create("deep")!;
        for (var d = 0; d < depth; d++)
        {
            node = _random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        activity[Pick(["value", "channelData", "entities", "attachments", "extra"])] = node;
        return activity;
    }

    private JsonObject Huge(JsonObject activity)
    {
        var size = Pick([10_000, 200_000, 300_000]);
        var field = Pick(["text", "value", "extra", "name", "locale"]);
        activity[field] = field == "value" ? new JsonObject { ["verb"] = "noncoop.matter.status", ["matterId"] = RandomText(size) } : RandomText(size);
        return activity;
    }

    private string RandomText(int length)
    {
        const string Alphabet = "abcXYZ 0189-_:;.,<>&\"'\\/{}[]$@#*~|\u00e9\u4e2d\u202e\ud83d\ude00\n\t";
        var chars = new StringBuilder(length);
        while (chars.Length < length)
        {
            chars.Append(Alphabet[_random.Next(Alphabet.Length)]);
        }

        return chars.ToString(0, length);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static byte[] Bytes(JsonNode? node) =>
        Encoding.UTF8.GetBytes(node?.ToJsonString(new JsonSerializerOptions { MaxDepth = 4096 }) ?? "null");

    /// <summary>Turns claimed but neither completed nor released (a write left half done).</summary>
    private static async Task<List<string>> HalfWrittenTurnsAsync(BotAppFactory bot)
    {
        var stuck = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, json FROM storage_items WHERE key LIKE 'activity:%';";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            if (reader.GetString(1).Contains("\"processing\"", StringComparison.Ordinal))
            {
                stuck.Add(reader.GetString(0));
            }
        }

        return stuck;
    }
}
