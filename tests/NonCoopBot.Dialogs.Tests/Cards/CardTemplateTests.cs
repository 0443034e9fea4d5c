using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// Every card in cards/ is tested as data: it is an Adaptive Card Teams can render (≤ 1.5), binds with its sample
/// data exactly as the official JavaScript templating engine does, passes the official renderer and JSON schema
/// (tools/js/cards/check.mjs), and renders in headless Chromium at phone and desktop widths (render.mjs).
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
        "noncoop.assist.answer",
        "noncoop.contact.form",
        "noncoop.contact.submit",
        "noncoop.timeline.page",
    ];

    public static TheoryData<string> AllCards => new(CardTestEnvironment.CardNames());

    [Fact]
    public void Cards_AreAllThere()
    {
        Assert.Equal(
            ["alert", "alert-acknowledged", "alert-tracker", "assistance-request", "contact-log-form", "contact-logged", "good-offices-summary", "help", "matter-status", "matters", "oral-report", "reminder", "roster", "timeline"],
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
    public void Card_BoundWithItsSample_HasNoUnresolvedPlaceholders(string name)
    {
        var bound = CardBinder.Bind(CardTestEnvironment.LoadTemplate(name), CardTestEnvironment.LoadSample(name));

        Assert.DoesNotContain("${", bound.ToJsonString());
        Assert.True(Encoding.UTF8.GetByteCount(bound.ToJsonString()) < 28 * 1024, "keep well under Teams' message size limit");
    }

    [Theory, MemberData(nameof(AllCards))]
    public async Task Card_CSharpBinder_EqualsJavaScriptEngine(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/expand.mjs",
            [Path.Combine("cards", name + ".json"), Path.Combine("cards", name + ".data.json")],
            stdin: null,
            TimeSpan.FromSeconds(60),
            ct);
        Assert.True(result.ExitCode == 0, $"expand.mjs failed: {result}");
        var expected = JsonNode.Parse(result.Stdout);

        var actual = CardBinder.Bind(CardTestEnvironment.LoadTemplate(name), CardTestEnvironment.LoadSample(name));

        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"C# binder differs from adaptivecards-templating for card '{name}':{Environment.NewLine}{JsonDiff.Describe(expected, actual)}");
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
        Assert.DoesNotContain($"FAIL  {name} @", renders.Output, StringComparison.Ordinal);
        foreach (var width in CardRenderFixture.Widths)
        {
            var path = renders.PngPath(name, width);
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

/// <summary>Runs tools/js/cards/render.mjs once for all cards into a fresh folder.</summary>
public sealed class CardRenderFixture : IAsyncLifetime
{
    public static readonly int[] Widths = [390, 1024];

    private readonly string outDir = Path.Combine(Path.GetTempPath(), "noncoopbot-card-renders-" + Guid.NewGuid().ToString("N"));

    public string Output { get; private set; } = string.Empty;

    public string PngPath(string name, int width) => Path.Combine(outDir, $"{name}-{width}.png");

    public async ValueTask InitializeAsync()
    {
        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/render.mjs", ["--out", outDir], stdin: null, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Output = result.ToString();
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
