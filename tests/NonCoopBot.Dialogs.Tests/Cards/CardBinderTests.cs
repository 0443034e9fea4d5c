using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>The binder's templating language, feature by feature.</summary>
public sealed class CardBinderTests
{
    private static JsonNode Bind(string template, string data) =>
        CardBinder.Bind(JsonNode.Parse(template)!, JsonNode.Parse(data));

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}{Environment.NewLine}but got {actual.ToJsonString()}");

    [Fact]
    public void WholeStringExpression_KeepsTheValuesJsonType()
    {
        var result = Bind(
            """{"n":"${n}","b":"${b}","o":"${o}","a":"${a}","s":"${s}"}""",
            """{"n":3.5,"b":true,"o":{"x":1},"a":[1,"two"],"s":"text"}""");

        AssertJson("""{"n":3.5,"b":true,"o":{"x":1},"a":[1,"two"],"s":"text"}""", result);
    }

    [Fact]
    public void EmbeddedExpressions_BecomeText()
    {
        AssertJson(
            """{"t":"n=3, b=true, a=1,two, o=[object Object]"}""",
            Bind("""{"t":"n=${n}, b=${b}, a=${a}, o=${o}"}""", """{"n":3,"b":true,"a":[1,"two"],"o":{}}"""));
    }

    [Fact]
    public void ConstantInsideTheMarker_IsText_ButAComputedNumberIsNot()
    {
        AssertJson("""{"c":"5","d":-5,"e":7}""", Bind("""{"c":"${5}","d":"${-5}","e":"${3 + 4}"}""", "{}"));
    }

    [Fact]
    public void DataArray_RepeatsTheElementWithIndex()
    {
        var result = Bind(
            """{"body":[{"type":"TextBlock","$data":"${items}","text":"${$index}: ${name} of ${count($root.items)}"}]}""",
            """{"items":[{"name":"a"},{"name":"b"}]}""");

        AssertJson("""{"body":[{"type":"TextBlock","text":"0: a of 2"},{"type":"TextBlock","text":"1: b of 2"}]}""", result);
    }

    [Fact]
    public void DataObject_OpensANewScope_AndRootStaysReachable()
    {
        AssertJson(
            """{"x":{"v":"inner / outer"}}""",
            Bind("""{"x":{"$data":"${m}","v":"${name} / ${$root.name}"}}""", """{"name":"outer","m":{"name":"inner"}}"""));
    }

    [Fact]
    public void EmptyDataArray_DropsTheElement_FromArraysButLeavesNullInAProperty()
    {
        AssertJson(
            """{"body":[{"k":1}],"p":null}""",
            Bind("""{"body":[{"$data":"${none}","k":0},{"k":1}],"p":{"$data":"${none}","k":2}}""", """{"none":[]}"""));
    }

    [Fact]
    public void When_DropsTheElementUnlessExactlyTrue()
    {
        var result = Bind(
            """[{"$when":"${flag}","k":"a"},{"$when":"${!flag}","k":"b"},{"$when":"${name}","k":"c"},{"$when":"${missing == null}","k":"d"}]""",
            """{"flag":true,"name":"x"}""");

        AssertJson("""[{"k":"a"},{"k":"d"}]""", result);
    }

    [Fact]
    public void PropertyPaths_WithDotsAndIndexes_AreCaseInsensitive()
    {
        AssertJson(
            """{"a":"y","b":"z","c":2}""",
            Bind("""{"a":"${m.list[0].x}","b":"${M.List[1]['X']}","c":"${m.list[1].n}"}""", """{"m":{"list":[{"x":"y"},{"x":"z","n":2}]}}"""));
    }

    [Fact]
    public void MissingValues_BecomeTheirOwnExpressionText_AsTheJavaScriptEngineDoes()
    {
        AssertJson(
            """{"a":"${missing}","b":"x ${m.nope} y","c":"${MISSING}","d":true}""",
            Bind("""{"a":"${missing}","b":"x ${m.nope} y","c":"${toUpper(missing)}","d":"${empty(missing)}"}""", """{"m":{}}"""));
    }

    [Fact]
    public void Operators_FollowTheGrammarsPrecedence()
    {
        AssertJson(
            """{"a":7,"b":9,"c":"ab1","d":true,"e":false,"f":3,"g":true,"h":"yes"}""",
            Bind(
                """{"a":"${1 + 2 * 3}","b":"${(1 + 2) * 3}","c":"${'a' + 'b' + 1}","d":"${2 > 1 && 1 <= 1}","e":"${!(1 == 1) || 2 != 2}","f":"${7 / 2}","g":"${3.5 >= 3.5}","h":"${1 < 2 ? 'yes' : 'no'}"}""",
                "{}"));
    }

    [Fact]
    public void Functions_Work()
    {
        var result = Bind(
            """
            {"if":"${if(n > 2, 'big', 'small')}","eq":"${equals(s, 'abc')}","not":"${not(false)}","and":"${and(true, n == 3)}",
             "or":"${or(false, false)}","empty":"${empty(list)}","exists":"${exists(s)}","count":"${count(list)}","length":"${length(s)}",
             "join":"${join(list, ', ')}","join3":"${join(list, ', ', ' and ')}","concat":"${concat(s, '-', n)}","upper":"${toUpper(s)}",
             "lower":"${toLower('AbC')}","string":"${string(1234.5)}","int":"${int('42')}","date":"${formatDateTime(at, 'd MMM yyyy, HH:mm')}",
             "first":"${first(list)}","last":"${last(list)}","contains":"${contains(list, 'b')}","coalesce":"${coalesce(nothing, 'fallback')}"}
            """,
            """{"n":3,"s":"abc","list":["a","b","c"],"at":"2026-03-04T10:15:00+01:00","nothing":null}""");

        AssertJson(
            """
            {"if":"big","eq":true,"not":true,"and":true,"or":false,"empty":false,"exists":true,"count":3,"length":3,
             "join":"a, b, c","join3":"a, b and c","concat":"abc-3","upper":"ABC","lower":"abc","string":"1,234.5","int":42,
             "date":"4 Mar 2026, 09:15","first":"a","last":"c","contains":true,"coalesce":"fallback"}
            """,
            result);
    }

    [Fact]
    public void Escapes_AsTheJavaScriptEngineDoes()
    {
        AssertJson("""{"a":"${x}","b":"cost: $5"}""", Bind("""{"a":"\\${x}","b":"cost: $5"}""", """{"x":1}"""));
    }

    [Fact]
    public void UnsupportedFunction_ThrowsNamingIt()
    {
        var ex = Assert.Throws<CardTemplateException>(() => Bind("""{"a":"${substring(s, 0, 1)}"}""", """{"s":"abc"}"""));

        Assert.Contains("'substring'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFunction_ThrowsNamingIt_EvenInsideText()
    {
        var ex = Assert.Throws<CardTemplateException>(() => Bind("""{"a":"hello ${shout(s)}"}""", """{"s":"abc"}"""));

        Assert.Contains("'shout'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_Throws()
    {
        Assert.Throws<CardTemplateException>(() => Bind("""{"a":"${1 +}"}""", "{}"));
    }

    [Fact]
    public void CardTemplate_ParsesOnce_AndBindsManyTimes()
    {
        var template = CardTemplate.Parse("t", JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${n}"}]}""")!);

        Assert.Equal("1", (string?)template.Bind(JsonNode.Parse("""{"n":"1"}"""))["body"]![0]!["text"]);
        Assert.Equal("2", (string?)template.Bind(JsonNode.Parse("""{"n":"2"}"""))["body"]![0]!["text"]);
        Assert.Equal(new Version(1, 5), template.Version);
    }

    [Fact]
    public void Catalog_RejectsACardAbove15_NamingIt()
    {
        var dir = Directory.CreateTempSubdirectory("cards-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "late.json"), """{"type":"AdaptiveCard","version":"1.6","body":[]}""");
            File.WriteAllText(Path.Combine(dir.FullName, "late.data.json"), "{}");

            var ex = Assert.Throws<CardTemplateException>(() => CardCatalog.Load(dir.FullName));

            Assert.Contains("'late'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Catalog_RejectsACardThatLeavesPlaceholders_NamingIt()
    {
        var dir = Directory.CreateTempSubdirectory("cards-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "holes.json"), """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${nope}"}]}""");
            File.WriteAllText(Path.Combine(dir.FullName, "holes.data.json"), "{}");

            var ex = Assert.Throws<CardTemplateException>(() => CardCatalog.Load(dir.FullName));

            Assert.Contains("'holes'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("${nope}", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
