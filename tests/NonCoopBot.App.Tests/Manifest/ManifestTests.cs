using System.Text.Json;
using System.Text.Json.Nodes;

namespace NonCoopBot.App.Tests.Manifest;

public sealed class ManifestTests
{
    internal const string SchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json";

    private static readonly string[] ExpectedCommands = ["help", "good offices", "oral report", "matters", "status", "cancel"];

    // Alerts and descriptions state facts; they never judge a State (DOMAIN.md, para 12).
    private static readonly string[] JudgingWords =
        ["violat", "defian", "defy", "guilt", "rogue", "culprit", "breach", "condemn", "shame", "refus", "flout", "sanction", "punish"];

    internal static JsonObject Load() =>
        JsonNode.Parse(File.ReadAllText(RepoFiles.PathOf("manifest", "manifest.json")))!.AsObject();

    [Fact]
    public void Manifest_ParsesAndTargetsSchema125()
    {
        var manifest = Load();

        Assert.Equal(SchemaUrl, (string?)manifest["$schema"]);
        Assert.Equal("1.25", (string?)manifest["manifestVersion"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)manifest["version"]);
    }

    [Fact]
    public void Manifest_NamesTheApp()
    {
        var manifest = Load();

        Assert.Equal("NonCoopBot", (string?)manifest["name"]?["short"]);
        Assert.Equal("Non-cooperation procedures — Bureau of the Assembly of States Parties", (string?)manifest["name"]?["full"]);
    }

    [Fact]
    public void Manifest_IdsArePlaceholdersFilledByThePackageScript()
    {
        var manifest = Load();
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;

        Assert.Contains((string?)manifest["id"], new[] { "{{APP_ID}}", "{{BOT_ID}}" });
        Assert.Equal("{{BOT_ID}}", (string?)bot["botId"]);
    }

    [Fact]
    public void Bot_IsConversationalInPersonalTeamAndGroupChat_WithoutFiles()
    {
        var bot = Load()["bots"]![0]!;

        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
        Assert.False((bool)bot["supportsFiles"]!);
        Assert.False((bool)bot["isNotificationOnly"]!);
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("team")]
    public void CommandList_ForScope_HasTheBotCommands(string scope)
    {
        var commands = CommandList(scope);

        Assert.Equal(ExpectedCommands, commands.Select(c => (string)c["title"]!));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace((string?)c["description"]), $"'{c["title"]}' has a description"));
    }

    [Fact]
    public void CommandLists_AtMost12Each_TitlesUniqueAndShort()
    {
        var lists = Load()["bots"]![0]!["commandLists"]!.AsArray();

        Assert.InRange(lists.Count, 1, 3);
        foreach (var list in lists)
        {
            var titles = list!["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToList();
            Assert.InRange(titles.Count, 1, 12);
            Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(titles, t => Assert.InRange(t.Length, 1, 32));
        }
    }

    [Fact]
    public void CommandLists_CoverEachScopeOnce()
    {
        var scopes = Load()["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string)s!))
            .ToList();

        Assert.Equal(scopes.Count, scopes.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("personal", scopes);
        Assert.Contains("team", scopes);
    }

    [Fact]
    public void Icons_ReferenceFilesBesideTheManifest()
    {
        var icons = Load()["icons"]!;

        Assert.Equal("color.png", (string?)icons["color"]);
        Assert.Equal("outline.png", (string?)icons["outline"]);
        Assert.True(File.Exists(RepoFiles.PathOf("manifest", "color.png")));
        Assert.True(File.Exists(RepoFiles.PathOf("manifest", "outline.png")));
    }

    [Fact]
    public void Developer_UrlsAreHttps()
    {
        var developer = Load()["developer"]!.AsObject();

        Assert.False(string.IsNullOrWhiteSpace((string?)developer["name"]));
        foreach (var key in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", (string?)developer[key], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Texts_StateFactsWithoutJudgingStates()
    {
        var manifest = Load();
        var texts = new List<string?> { (string?)manifest["description"]?["short"], (string?)manifest["description"]?["full"] };
        texts.AddRange(manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(l => l!["commands"]!.AsArray().Select(c => (string?)c!["description"])));

        Assert.All(texts, text =>
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            var hit = JudgingWords.FirstOrDefault(w => text!.Contains(w, StringComparison.OrdinalIgnoreCase));
            Assert.True(hit is null, $"'{text}' contains the judging word '{hit}'");
        });
    }

    [Fact]
    public void Manifest_IsStrictJsonWithoutComments()
    {
        var text = File.ReadAllText(RepoFiles.PathOf("manifest", "manifest.json"));

        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });

        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    private static List<JsonNode> CommandList(string scope)
    {
        var list = Load()["bots"]![0]!["commandLists"]!.AsArray()
            .Single(l => l!["scopes"]!.AsArray().Any(s => (string?)s == scope))!;
        return [.. list["commands"]!.AsArray().Select(c => c!)];
    }
}
