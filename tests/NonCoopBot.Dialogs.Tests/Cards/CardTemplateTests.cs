using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// Every card in cards/ is tested as data: it is an Adaptive Card Teams can render (≤ 1.5); with every data set kept
/// beside it (<see cref="CardDataSets"/>: its sample and cards/data/&lt;card&gt;/*.json, which take every <c>$when</c>
/// both ways, every <c>$data</c> list with 0, 1 and many items, optional fields present and absent, long names), each
/// bound in English, French and Spanish (<c>t</c> from the catalogue), the C# binder gives exactly what the official
/// JavaScript templating engine gives; the sample in each language and the C# binder's output for every data set pass
/// the official renderer and JSON schema (tools/js/cards/check.mjs); and the C# binder's output for every data set
/// renders in headless Chromium with the official renderer (render.mjs --bound) in Teams' light theme at phone and
/// desktop widths and in its dark and high-contrast themes at phone width, with no parse or validation event, no page
/// error and nothing cut or overflowing, showing every text the bound card holds.
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

    public static TheoryData<string, string> AllCardsInEveryLanguage => new(
        CardTestEnvironment.CardNames().SelectMany(n => NonCoopBot.Dialogs.Texts.TextCatalogue.Languages.Select(l => (n, l))));

    [Fact]
    public void DataSetFiles_HoldNoTexts_TheToolsBindThemFromTheCatalogue()
    {
        var withT = CardDataSets.Files(CardTestEnvironment.CardsDir).Where(d => d.LoadFile() is JsonObject o && o.ContainsKey("t")).Select(d => d.Path).ToList();

        Assert.True(withT.Count == 0, $"data sets hold their own t (docs/languages.md: the tools inject it): {string.Join(", ", withT)}");
    }

    [Fact]
    public void DataSets_AreBoundInEveryLanguage_WithTheCatalogueTexts()
    {
        var sets = CardDataSets.All(CardTestEnvironment.CardsDir);

        Assert.Equal(CardDataSets.Files(CardTestEnvironment.CardsDir).Count * 3, sets.Count);
        var alert = sets.Where(d => d.Card == "alert" && d.Name == "sample").ToDictionary(d => d.Language, d => d.Load()["t"]!.ToJsonString());
        Assert.Equal(["en", "es", "fr"], alert.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, alert.Values.Distinct(StringComparer.Ordinal).Count());
    }

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
    public void DataSet_CSharpOutput_RendersInEveryTheme_WithNoWarning_NothingCut_AndShowsEveryText(string dataSet)
    {
        var expected = CardRenderFixture.VisibleTexts(renders.Bound(dataSet)).ToList();
        Assert.NotEmpty(expected);
        foreach (var (theme, width) in CardRenderFixture.Renders)
        {
            var report = renders.Report(dataSet, theme, width);
            Assert.True(report.Problems.Count == 0, $"{dataSet} {theme} @{width}px: {string.Join("; ", report.Problems)}");
            Assert.True(report.Height > 0, $"{dataSet} {theme} @{width}px rendered with no height");
            var shown = CardRenderFixture.Normalize(report.Text);
            var missing = expected.Where(t => !shown.Contains(CardRenderFixture.Normalize(t), StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, $"{dataSet} {theme} @{width}px does not show: {string.Join(" | ", missing)}{Environment.NewLine}rendered text: {report.Text}");
        }
    }

    [Theory, MemberData(nameof(AllDataSets))]
    public void DataSet_CSharpOutput_PassesTheOfficialRendererAndSchema(string dataSet)
    {
        var report = renders.CheckReport(dataSet);

        Assert.True(report.Problems.Count == 0, $"check.mjs --bound found problems in '{dataSet}':{Environment.NewLine}{string.Join(Environment.NewLine, report.Problems)}");
    }

    [Theory, MemberData(nameof(AllCardsInEveryLanguage))]
    public void Card_PassesTheOfficialRendererAndSchema(string name, string language)
    {
        var report = checks.ReportFor(name, language);

        Assert.True(report.Problems.Count == 0, $"check.mjs found problems in '{name}' ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, report.Problems)}");
    }

    [Theory, MemberData(nameof(AllCardsInEveryLanguage))]
    public void Card_RendersAtPhoneAndDesktopWidths_InEveryTheme(string name, string language)
    {
        foreach (var (theme, width) in CardRenderFixture.Renders)
        {
            var path = renders.PngPath($"{name}/sample/{language}", theme, width);
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
        var catalog = CardCatalog.Load(CardTestEnvironment.CardsDir, CardTexts.Catalogue(CardTestEnvironment.CardsDir));

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

/// <summary>Runs tools/js/cards/check.mjs --json once for all cards (each in every language).</summary>
public sealed class CardCheckFixture : IAsyncLifetime
{
    private Dictionary<(string, string), CardCheckReport> reports = [];
    private string output = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/check.mjs", ["--json"], stdin: null, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        output = result.ToString();
        if (result.ExitCode is 0 or 1)
        {
            reports = JsonNode.Parse(result.Stdout)!.AsArray().ToDictionary(
                r => ((string)r!["name"]!, (string)r["language"]!),
                r => new CardCheckReport([.. r!["problems"]!.AsArray().Select(p => (string)p!)]));
        }
    }

    internal CardCheckReport ReportFor(string name, string language) =>
        reports.TryGetValue((name, language), out var report) ? report : new CardCheckReport([$"check.mjs did not report on '{name}' ({language}): {output}"]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>What check.mjs found wrong with a card.</summary>
internal sealed record CardCheckReport(IReadOnlyList<string> Problems);

/// <summary>
/// Binds every data set of every card in every language with the C# <see cref="CardBinder"/>, expands the same with the
/// JavaScript engine (expand.mjs --batch, one node process), checks the C# output with the official renderer and schema
/// (check.mjs --bound), and renders it in Chromium (render.mjs --bound --json, one browser) into a fresh folder.
/// </summary>
public sealed class CardRenderFixture : IAsyncLifetime
{
    /// <summary>What render.mjs renders: Teams' light theme at phone and desktop widths, its dark and high-contrast themes at phone width.</summary>
    public static readonly (string Theme, int Width)[] Renders = [("light", 390), ("light", 1024), ("dark", 390), ("high-contrast", 390)];

    private readonly string outDir = Path.Combine(Path.GetTempPath(), "noncoopbot-card-renders-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, JsonNode> bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode> javaScript = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, int), RenderReport> reports = [];
    private readonly Dictionary<string, CardCheckReport> checks = new(StringComparer.Ordinal);

    public string Output { get; private set; } = string.Empty;

    public string PngPath(string id, string theme, int width) =>
        Path.Combine(outDir, $"{id.Replace("/", "--", StringComparison.Ordinal)}{(theme == "light" ? string.Empty : "-" + theme)}-{width}.png");

    internal CardCheckReport CheckReport(string id) =>
        checks.TryGetValue(id, out var report) ? report : new CardCheckReport([$"check.mjs --bound did not report on {id}: {Output}"]);

    public JsonNode Bound(string id) => bound.TryGetValue(id, out var card) ? card : throw new InvalidOperationException($"no bound card {id}: {Output}");

    public JsonNode JavaScriptResult(string id) => javaScript.TryGetValue(id, out var result) ? result : throw new InvalidOperationException($"expand.mjs gave nothing for {id}: {Output}");

    internal RenderReport Report(string id, string theme, int width) =>
        reports.TryGetValue((id, theme, width), out var report) ? report : new RenderReport([$"render.mjs did not report on {id} {theme} @{width}px: {Output}"], 0, string.Empty);

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
        var checkResult = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/check.mjs", ["--bound", input, "--json"], stdin: null, TimeSpan.FromMinutes(2), ct);
        Output = checkResult.ToString();
        if (checkResult.ExitCode is 0 or 1)
        {
            foreach (var r in JsonNode.Parse(checkResult.Stdout)!.AsArray())
            {
                checks[(string)r!["id"]!] = new CardCheckReport([.. r["problems"]!.AsArray().Select(p => (string)p!)]);
            }
        }

        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/render.mjs", ["--bound", input, "--out", outDir, "--json"], stdin: null, TimeSpan.FromMinutes(8), ct);
        Output = $"check.mjs --bound: {checkResult}{Environment.NewLine}render.mjs --bound: {result}";
        if (result.ExitCode is 0 or 1)
        {
            foreach (var r in JsonNode.Parse(result.Stdout)!.AsArray())
            {
                reports[((string)r!["id"]!, (string)r["theme"]!, (int)r["width"]!)] = new RenderReport(
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
