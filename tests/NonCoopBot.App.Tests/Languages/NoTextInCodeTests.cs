using System.Text.RegularExpressions;
using NonCoopBot.App.Tests.Manifest;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>
/// No string a person reads is left in code outside the catalogue. Every string literal of <c>src/**/*.cs</c> is read
/// (<see cref="CodeLiterals"/>, no compiler needed) and flagged when it is
/// <list type="bullet">
/// <item>handed to something that shows it (<c>SendTextAsync</c>, <c>InvokeMessage</c>, <c>InvokeError</c>, <c>Recognized….Fail</c>,
/// <c>new PromptRequest</c>, <c>new Choice(id, title)</c>, <c>CreateReply</c>, or a card field <c>["title"]</c>, <c>["text"]</c>,
/// <c>["speak"]</c>, <c>["altText"]</c>, <c>["label"]</c>, <c>["placeholder"]</c>, <c>["errorMessage"]</c>), unless it is a catalogue key; or</item>
/// <item>shaped like a sentence (three words or more, at least one in lower case).</item>
/// </list>
/// Allowed (<see cref="ForDevelopers"/>, <see cref="NotForPeople"/>): texts for developers and operators — log messages,
/// messages of exceptions constructed in place (<c>new …Exception(</c>; a rule a person is told, e.g. <c>throw Rule(…)</c>, is a code, not a sentence), start-up validation failures of options, metric descriptions, the root page for operators, regular
/// expressions, SQL, format patterns — which stay in English in code; and the projects and folders nobody reads a sentence
/// from: Infrastructure and Protocol (adapters and the wire protocol: their errors go to logs), the card templating engine
/// (its errors concern a template, for developers), the wording check's own list of judging words, and diagnostics.
/// </summary>
public sealed partial class NoTextInCodeTests
{
    /// <summary>Where no sentence is for a person to read (see the class summary).</summary>
    private static readonly string[] NotForPeople =
    [
        "src/NonCoopBot.Infrastructure/", "src/NonCoopBot.Protocol/", "src/NonCoopBot.Dialogs/Cards/",
        "src/NonCoopBot.Domain/Wording/", "src/NonCoopBot.App/Diagnostics/",
    ];

    private static IReadOnlyList<CodeLiteral> Findings()
    {
        var root = RepoFiles.PathOf("src");
        var found = new List<CodeLiteral>();
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(RepoFiles.Root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)
                || NotForPeople.Any(p => relative.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            found.AddRange(CodeLiterals.Of(relative, File.ReadAllText(path)).Where(IsReadByAPerson));
        }

        return found;
    }

    /// <summary>True when the literal is a text a person reads (see the class summary).</summary>
    internal static bool IsReadByAPerson(CodeLiteral literal)
    {
        var text = literal.Text;
        if (!text.Any(char.IsLetter) || CatalogueKey().IsMatch(text) || ForDevelopers(literal))
        {
            return false;
        }

        return Sink().IsMatch(literal.Context) || (Words().Count(text) >= 3 && Words().Matches(text).Any(w => char.IsLower(w.Value[0])) && !Code().IsMatch(text));
    }

    /// <summary>Texts for developers and operators: they stay in code, in English.</summary>
    private static bool ForDevelopers(CodeLiteral literal)
    {
        var context = literal.Context;
        return DeveloperContext().IsMatch(context) || Sql().IsMatch(literal.Text);
    }

    [Fact]
    public void NoTextAPersonReads_IsLeftInCode()
    {
        var findings = Findings();

        Assert.True(findings.Count == 0, $"{findings.Count} text(s) a person reads are in code; move them to the catalogue (Texts/<area>.<lang>.json):\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("await turn.SendTextAsync(", "Done.", true)]
    [InlineData("return Recognized<string>.Fail(", "Too long", true)]
    [InlineData("body.Add(new JsonObject { [\"type\"] = \"TextBlock\", [\"text\"] = ", "Confirmed", true)]
    [InlineData("var x = ", "The matter is closed now.", true)]
    [InlineData("await turn.SendTextAsync(turn.T(", "matters.closed", false)]
    [InlineData("throw new InvalidOperationException(", "The roster file has no members at all.", false)]
    [InlineData("throw Rule(", "The open letter follows a Court referral.", true)]
    [InlineData("errors.Add(", "The summary is longer than {…} characters.", true)]
    [InlineData("Log.Warning(logger, ", "The alert could not be sent to this member.", false)]
    [InlineData("failures.Add(", "Alerts:ReminderCount must be between 0 and 10.", false)]
    [InlineData("const string Sql = ", "SELECT id FROM matters WHERE state = @state", false)]
    [InlineData("var verb = ", "goodoffices.confirm", false)]
    [InlineData("at.ToString(", "d MMM yyyy, HH:mm 'UTC'", false)]
    [InlineData("cards.Bind(", "good-offices-summary", false)]
    public void TheScan_FindsTextsAndLeavesCodeAlone(string context, string text, bool expected) =>
        Assert.Equal(expected, IsReadByAPerson(new CodeLiteral("x.cs", 1, text, context)));

    [Fact]
    public void TheReader_ReadsEveryKindOfLiteral()
    {
        const string Source = """"
            // "not a literal in a comment"
            var a = "plain \"quoted\" text"; var c = '"';
            var b = $"Hello {name}, you have {count} new";
            var d = @"verbatim ""x""";
            /* "nor in a block comment" */
            """";
        var texts = CodeLiterals.Of("x.cs", Source).Select(l => l.Text).ToList();
        Assert.Equal(["plain \"quoted\" text", "Hello {…}, you have {…} new", "verbatim \"x\""], texts);
    }

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+\.?$|^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*\.$")]
    private static partial Regex CatalogueKey();

    [GeneratedRegex(@"(SendTextAsync|InvokeMessage|InvokeError\s*\(\s*\d+\s*,|\.Fail|new\s+PromptRequest|CreateReply|new\s*\(\s*""[^""]*""\s*,|Choice\s*\(\s*""[^""]*""\s*,)\s*\(?\s*$|\[""(title|text|speak|altText|label|placeholder|errorMessage)""\]\s*=\s*$")]
    private static partial Regex Sink();

    [GeneratedRegex(@"throw\s+new\s+\w*Exception\s*\(|Exception\s*\(|\bLog\w*\.|logger|LoggerMessage|failures\.Add|GeneratedRegex|Description\s*\(|Debug\.|Console\.|ArgumentException|nameof\(|OptionsValidat|ValidateOptionsResult|\.Fail\(\$?""\{section\}|MapGet|Results\.Text")]
    private static partial Regex DeveloperContext();

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sql();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();

    /// <summary>Code-like text: paths, URLs, JSON, format patterns.</summary>
    [GeneratedRegex(@"://|^[\s\[]|[{]\s*""|=>|\bvar\b|\breturn\b|^[a-z]+(/[a-z0-9.-]+)+|^([dMyHhmsfztTKZ\s/.:,-]|'[^']*')+$|^[a-z0-9]+(-[a-z0-9]+)+$|^[A-Za-z]+(\.[A-Za-z]+)*\.json$")]
    private static partial Regex Code();
}
