using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// Every card in cards/ is tested as data: it is an Adaptive Card Teams can render (≤ 1.5); with every data set kept
/// beside it (<see cref="CardDataSets"/>: its sample and cards/data/&lt;card&gt;/*.json, which take every <c>$when</c>
/// both ways, every <c>$data</c> list with 0, 1 and many items, optional fields present and absent, long names) the C#
/// binder gives exactly what the official JavaScript templating engine gives; the sample passes the official renderer
/// and JSON schema (tools/js/cards/check.mjs); and the C# binder's output for every data set renders in headless
/// Chromium with the official renderer at phone and desktop widths (render.mjs --bound) with no parse or validation
/// event and no page error, showing every text the bound card holds.
/// </summary>
public sealed class CardTemplateTests(CardCheckFixture checks, CardRenderFixture renders)
    : IClassFixture<CardCheckFixture>, IClassFixture<CardRenderFixture>
{
    /// <summary>The verbs the bot routes (the app's CardVerbs holds the same names).</summary>
    private static readonly string[] RoutedVerbs =
    [
        "noncoop.matter.status",
        "noncoop.goodoffices.confirm",
        "noncoop.goodoffices.cancel",
        "noncoop.alert.ack",
        "noncoop.alert.refresh",
        "noncoop.meeting.vote",
        "noncoop.meeting.vote.refresh",
        "noncoop.meeting.book",
        "noncoop.referral.submit",
        "noncoop.procedure.tick",
        "noncoop.procedure.refresh",
        "noncoop.assist.answer",
        "noncoop.contact.form",
        "noncoop.contact.submit",
        "noncoop.timeline.page",
    ];

    public static TheoryData<string> AllCards => new(CardTestEnvironment.CardNames());

    public static TheoryData<string> AllDataSets => new(CardDataSets.All(CardTestEnvironment.CardsDir).Select(d => d.ToString()));

    [Fact]
    public void Cards_AreAllThere()
    {
        Assert.Equal(
            ["alert", "alert-acknowledged", "alert-tracker", "assistance-request", "contact-log-form", "contact-logged", "export", "good-offices-summary", "help", "matter-status", "matters", "meeting-booked", "meeting-proposal", "meeting-vote", "oral-report", "procedure", "referral-form", "reminder", "roster", "timeline"],
            CardTestEnvironment.CardNames());
    }

    [Theory, MemberData(nameof(AllCards))]
    public void Card_IsAnAdaptiveCardTeamsCanRender(string name)
    {
        var card = CardTestEnvironment.LoadTemplate(name);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.True(Version.Parse((string)card["version"]!) <= new Version(1, 5), "Teams renders up to 1.5");
    }

    [Theory, MemberData(nameof(AllCards))]
    public void Card_HasDataSetsBeyondItsSample(string name)
    {
        var sets = CardDataSets.For(CardTestEnvironment.CardsDir, name).ToList();

        Assert.Contains(sets, d => d.Name == "sample");
        Assert.True(sets.Count >= 2, $"card '{name}' has only its sample: add data sets under cards/data/{name}/ that take its other branches");
    }

    [Theory, MemberData(nameof(AllDataSets))]
    public void DataSet_Bound_HasNoUnresolvedPlaceholders(string dataSet)
    {
        var bound = renders.Bound(dataSet);

        Assert.DoesNotContain("${", bound.ToJsonString());
        Assert.True(Encoding.UTF8.GetByteCount(bound.ToJsonString()) < 28 * 1024, "keep well under Teams' message size limit");
    }

    [Theory, MemberData(nameof(AllDataSets))]
    public void DataSet_CSharpBinder_EqualsJavaScriptEngine(string dataSet)
    {
        var js = renders.JavaScriptResult(dataSet);
        Assert.True((bool)js["ok"]!, $"adaptivecards-templating failed on {dataSet}: {js["error"]}");
        var expected = js["result"];

        var actual = renders.Bound(dataSet);

        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"C# binder differs from adaptivecards-templating for {dataSet}:{Environment.NewLine}{JsonDiff.Describe(expected, actual)}");
    }

    [Theory, MemberData(nameof(AllDataSets))]
    public void DataSet_CSharpOutput_RendersWithNoWarning_AndShowsEveryText(string dataSet)
    {
        var expected = CardRenderFixture.VisibleTexts(renders.Bound(dataSet)).ToList();
        Assert.NotEmpty(expected);
        foreach (var width in CardRenderFixture.Widths)
        {
            var report = renders.Report(dataSet, width);
            Assert.True(report.Problems.Count == 0, $"{dataSet} @{width}px: {string.Join("; ", report.Problems)}");
            Assert.True(report.Height > 0, $"{dataSet} @{width}px rendered with no height");
            var shown = CardRenderFixture.Normalize(report.Text);
            var missing = expected.Where(t => !shown.Contains(CardRenderFixture.Normalize(t), StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, $"{dataSet} @{width}px does not show: {string.Join(" | ", missing)}{Environment.NewLine}rendered text: {report.Text}");
        }
    }

    [Theory, MemberData(nameof(AllCards))]
    public void Card_PassesTheOfficialRendererAndSchema(string name)
    {
        var report = checks.ReportFor(name);

        Assert.True(report.Problems.Count == 0, $"check.mjs found problems in '{name}':{Environment.NewLine}{string.Join(Environment.NewLine, report.Problems)}");
    }

    [Theory, MemberData(nameof(AllCards))]
    public void Card_RendersAtPhoneAndDesktopWidths(string name)
    {
        foreach (var width in CardRenderFixture.Widths)
        {
            var path = renders.PngPath(name + "/sample", width);
            Assert.True(File.Exists(path), $"render.mjs made no {path}:{Environment.NewLine}{renders.Output}");
            var (pngWidth, pngHeight) = ReadPngSize(path);
            Assert.Equal(width, pngWidth);
            Assert.True(pngHeight >= 100, $"{path} is only {pngHeight} px high");
            Assert.True(new FileInfo(path).Length > 2_000, $"{path} looks empty");
        }
    }

    [Theory, MemberData(nameof(AllCards))]
    public void Card_UsesOnlyRoutedVerbs(string name)
    {
        var verbs = CardInspector.Verbs(CardTestEnvironment.LoadTemplate(name));

        Assert.All(verbs, verb => Assert.Contains(verb, RoutedVerbs));
    }

    [Fact]
    public void Catalog_LoadsAndValidatesEveryCard()
    {
        var catalog = CardCatalog.Load(CardTestEnvironment.CardsDir);

        Assert.Equal(CardTestEnvironment.CardNames(), catalog.Names);
        Assert.All(catalog.Names, n => Assert.Equal(new Version(1, 5), catalog[n].Version));
    }

    [Fact]
    public void Alert_AcknowledgeIsExecuteWithSubmitFallback_AndRefreshTargetsEachRecipient()
    {
        var card = CardBinder.Bind(CardTestEnvironment.LoadTemplate("alert"), CardTestEnvironment.LoadSample("alert"));

        var action = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]![0]!;
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("noncoop.alert.ack", (string?)action["verb"]);
        Assert.Equal("a-2026-0007-01", (string?)action["data"]!["alertId"]);
        Assert.Equal("Action.Submit", (string?)action["fallback"]!["type"]);
        Assert.Equal("noncoop.alert.ack", (string?)action["fallback"]!["data"]!["verb"]);
        Assert.Equal("a-2026-0007-01", (string?)action["fallback"]!["data"]!["alertId"]);

        var refresh = card["refresh"]!;
        Assert.Equal("noncoop.alert.refresh", (string?)refresh["action"]!["verb"]);
        Assert.Equal(3, refresh["userIds"]!.AsArray().Count);
        Assert.All(refresh["userIds"]!.AsArray(), id => Assert.StartsWith("29:", (string?)id));
    }

    [Fact]
    public void Cards_For7b_ShowTheConfidentialBadge_AndFor7a_DoNot()
    {
        var template = CardTestEnvironment.LoadTemplate("matter-status");
        var data = CardTestEnvironment.LoadSample("matter-status");

        Assert.Contains("Confidential — Bureau only", CardBinder.Bind(template, data).ToJsonString(JsonOptions));
        data["matter"]!["scenario"] = "7(a)";
        Assert.DoesNotContain("Confidential", CardBinder.Bind(template, data).ToJsonString(JsonOptions));
    }

    [Fact]
    public void Inspector_FindsVerbsOfExecuteSubmitFallbackAndRefresh_AndInputIds()
    {
        var card = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5",
             "refresh":{"action":{"type":"Action.Execute","verb":"r"}},
             "body":[{"type":"Input.Text","id":"note"},{"type":"Container","items":[{"type":"Input.ChoiceSet","id":"slot"}]},
                     {"type":"ActionSet","actions":[{"type":"Action.Execute","verb":"x","fallback":{"type":"Action.Submit","data":{"verb":"y"}}}]}],
             "actions":[{"type":"Action.Submit","data":{"verb":"y"}},{"type":"Action.OpenUrl","url":"https://example.org"}]}
            """)!;

        Assert.Equal(["r", "x", "y"], CardInspector.Verbs(card));
        Assert.Equal(["note", "slot"], CardInspector.InputIds(card));
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static (int Width, int Height) ReadPngSize(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(header);
        }

        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(header[..8].SequenceEqual(signature), $"{path} is not a PNG");
        Assert.True(Encoding.ASCII.GetString(header[12..16]) == "IHDR", $"{path} has no IHDR first");
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(header[16..20]), (int)BinaryPrimitives.ReadUInt32BigEndian(header[20..24]));
    }
}

/// <summary>Runs tools/js/cards/check.mjs --json once for all cards.</summary>
public sealed class CardCheckFixture : IAsyncLifetime
{
    private Dictionary<string, CardCheckReport> reports = [];
    private string output = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/check.mjs", ["--json"], stdin: null, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        output = result.ToString();
        if (result.ExitCode is 0 or 1)
        {
            reports = JsonNode.Parse(result.Stdout)!.AsArray().ToDictionary(
                r => (string)r!["name"]!,
                r => new CardCheckReport([.. r!["problems"]!.AsArray().Select(p => (string)p!)]));
        }
    }

    internal CardCheckReport ReportFor(string name) =>
        reports.TryGetValue(name, out var report) ? report : new CardCheckReport([$"check.mjs did not report on '{name}': {output}"]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>What check.mjs found wrong with a card.</summary>
internal sealed record CardCheckReport(IReadOnlyList<string> Problems);

/// <summary>
/// Binds every data set of every card with the C# <see cref="CardBinder"/>, expands the same with the JavaScript engine
/// (expand.mjs --batch, one node process), and renders the C# output in Chromium (render.mjs --bound --json, one
/// browser) into a fresh folder.
/// </summary>
public sealed class CardRenderFixture : IAsyncLifetime
{
    public static readonly int[] Widths = [390, 1024];

    private readonly string outDir = Path.Combine(Path.GetTempPath(), "noncoopbot-card-renders-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, JsonNode> bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode> javaScript = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), RenderReport> reports = [];

    public string Output { get; private set; } = string.Empty;

    public string PngPath(string id, int width) => Path.Combine(outDir, $"{id.Replace("/", "--", StringComparison.Ordinal)}-{width}.png");

    public JsonNode Bound(string id) => bound.TryGetValue(id, out var card) ? card : throw new InvalidOperationException($"no bound card {id}: {Output}");

    public JsonNode JavaScriptResult(string id) => javaScript.TryGetValue(id, out var result) ? result : throw new InvalidOperationException($"expand.mjs gave nothing for {id}: {Output}");

    internal RenderReport Report(string id, int width) =>
        reports.TryGetValue((id, width), out var report) ? report : new RenderReport([$"render.mjs did not report on {id} @{width}px: {Output}"], 0, string.Empty);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var sets = CardDataSets.All(CardTestEnvironment.CardsDir);
        var cases = new JsonArray();
        var toRender = new JsonArray();
        foreach (var set in sets)
        {
            var template = CardTestEnvironment.LoadTemplate(set.Card);
            var card = CardBinder.Bind(template, set.Load());
            bound[set.ToString()] = card;
            cases.Add(new JsonObject { ["template"] = template.DeepClone(), ["data"] = set.Load() });
            toRender.Add(new JsonObject { ["id"] = set.ToString(), ["card"] = card.DeepClone() });
        }

        var expanded = await CardTestEnvironment.RunNodeAsync("tools/js/cards/expand.mjs", ["--batch", "-"], cases.ToJsonString(), TimeSpan.FromMinutes(1), ct);
        Assert.True(expanded.ExitCode == 0, $"expand.mjs --batch failed: {expanded}");
        var results = JsonNode.Parse(expanded.Stdout)!.AsArray();
        for (var i = 0; i < sets.Count; i++)
        {
            javaScript[sets[i].ToString()] = results[i]!;
        }

        Directory.CreateDirectory(outDir);
        var input = Path.Combine(outDir, "bound.json");
        await File.WriteAllTextAsync(input, toRender.ToJsonString(), ct);
        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/render.mjs", ["--bound", input, "--out", outDir, "--json"], stdin: null, TimeSpan.FromMinutes(5), ct);
        Output = result.ToString();
        if (result.ExitCode is 0 or 1)
        {
            foreach (var r in JsonNode.Parse(result.Stdout)!.AsArray())
            {
                reports[((string)r!["id"]!, (int)r["width"]!)] = new RenderReport(
                    [.. r["problems"]!.AsArray().Select(p => (string)p!)], (double)r["height"]!, (string?)r["text"] ?? string.Empty);
            }
        }
    }

    /// <summary>The texts a reader sees: TextBlock and TextRun text, FactSet titles and values, button titles (hidden elements excluded).</summary>
    public static IEnumerable<string> VisibleTexts(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var inner in array.SelectMany(VisibleTexts))
            {
                yield return inner;
            }
        }

        if (node is not JsonObject obj || obj["isVisible"] is JsonValue visible && visible.TryGetValue<bool>(out var v) && !v)
        {
            yield break;
        }

        var type = (string?)(obj["type"] as JsonValue);
        foreach (var key in type switch
        {
            "TextBlock" or "TextRun" => new[] { "text" },
            "Action.Execute" or "Action.Submit" or "Action.OpenUrl" or "Action.ShowCard" or "Action.ToggleVisibility" => ["title"],
            _ when obj.ContainsKey("title") && obj.ContainsKey("value") && type is null => ["title", "value"], // a fact
            _ => [],
        })
        {
            if (obj[key] is JsonValue text && text.TryGetValue<string>(out var s) && s.Trim().Length > 0)
            {
                yield return s;
            }
        }

        foreach (var (key, value) in obj)
        {
            if (key is "body" or "items" or "columns" or "facts" or "inlines" or "actions" or "card")
            {
                foreach (var inner in VisibleTexts(value))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Whitespace collapsed and markdown emphasis removed, for comparing card text with rendered text.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Replace("*", string.Empty, StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>What render.mjs saw for one bound card at one width.</summary>
internal sealed record RenderReport(IReadOnlyList<string> Problems, double Height, string Text);
