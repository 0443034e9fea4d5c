using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// The C# binder against the JavaScript engine (adaptivecards-templating 2.3.1) on many small templates, edge cases
/// included: both must give the same JSON, or both must fail.
/// </summary>
public sealed class CardBinderRefereeTests(RefereeFixture referee) : IClassFixture<RefereeFixture>
{
    internal static readonly (string Template, string Data)[] Cases =
    [
        ("""{"a":"${x}","b":"n=${x}","c":"${missing}"}""", """{"x":3}"""),
        ("""{"a":"${if(empty(missing),'e','f')}","b":"${coalesce(missing,'z')}","c":"${coalesce(nul,'z')}"}""", """{"nul":null}"""),
        ("""{"a":"${string(-1234.5)}","b":"${string(0.1 + 0.2)}","c":"${string(true)}","d":"${string(o)}","e":"${string(1000000)}"}""", """{"o":{"k":"v"}}"""),
        ("""{"a":"${5}","b":"${-5}","c":"${true}","d":"${'s'}","e":"${null}","f":"${2.50}"}""", "{}"),
        ("""{"j":[null,"${arr}",[1,[2]],"${nothing}"]}""", """{"arr":[1,2],"nothing":null}"""),
        ("""{"k":{"$when":true},"l":{"$when":"${false}"},"m":{"$when":false},"n":{"$when":"yes"},"o":{"$when":null,"v":1}}""", "{}"),
        ("""{"a":"${formatDateTime(t)}","b":"${formatDateTime(t, 'yyyy-MM-dd HH:mm')}","c":"${formatDateTime(t, 'dddd d MMMM yy, h:mm tt')}","d":"${formatDateTime(u, 'ddd dd/MM/yyyy HH:mm:ss')}","e":"${formatDateTime(d, 'd MMM yyyy')}"}""",
            """{"t":"2026-03-04T10:15:30.250Z","u":"2026-12-31T23:59:59-05:00","d":"2026-03-04"}"""),
        ("""{"a":"${formatDateTime(t, \"HH:mm 'UTC'\")}","b":"${formatDateTime(t, 'yyyy-MM-ddTHH:mm:ssK')}","c":"at ${formatDateTime(bad, 'HH:mm')}"}""", """{"t":"2026-03-04T07:05:00Z","bad":"not a date"}"""),
        ("""{"a":"${items[0].name}","b":"${items[1]['name']}","c":"${items[5].name}","d":"${Items[0].NAME}","e":"${items[0]}"}""", """{"items":[{"name":"a"},{"name":"b"}]}"""),
        ("""{"a":"${count(s)}","b":"${count(o)}","c":"${length(s)}","d":"${length(missing)}","e":"${count(missing)}"}""", """{"s":"hello","o":{"a":1,"b":2}}"""),
        ("""{"a":"${join(l, '; ')}","b":"${join(l, ', ', ' and ')}","c":"${join(two, ', ', ' and ')}","d":"${join(mixed, '|')}"}""", """{"l":["x","y","z"],"two":["x","y"],"mixed":[1,null,true,"s"]}"""),
        ("""{"a":"${concat(a, b)}","b":"${concat(l1, l2)}","c":"${concat(a, o)}","d":"${concat(n1, n2)}","e":"${concat(a)}"}""", """{"a":"x","b":"y","l1":[1],"l2":[2],"o":{"k":"v"},"n1":null,"n2":null}"""),
        ("""{"a":"${a + b}","b":"${a + n}","c":"${n + n}","d":"${n - 1.5}","e":"${n * 2}","f":"${n / 4}","g":"${n / 2.5}","h":"${'x' + missing}"}""", """{"a":"x","b":"y","n":10}"""),
        ("""{"a":"${1 == 1.0}","b":"${'1' == 1}","c":"${l == l2}","d":"${o == o2}","e":"${null == missing}","f":"${'a' < 'b'}","g":"${'B' < 'a'}","h":"${1 < 'a'}"}""",
            """{"l":[1,2],"l2":[1,2],"o":{"a":1},"o2":{"a":1}}"""),
        ("""{"a":"${!empty(s) && exists(s)}","b":"${0 || ''}","c":"${not(0)}","d":"${and(s, 1)}","e":"${or(missing, nul)}","f":"${if(0, 'truthy', 'falsy')}","g":"${if('', 'truthy', 'falsy')}"}""", """{"s":"x","nul":null}"""),
        ("""{"a":"${first(s)}","b":"${last(s)}","c":"${first(l)}","d":"${last(l)}","e":"${first(empty)}","f":"${contains(s, 'ell')}","g":"${contains(o, 'K')}","h":"${contains(l, 2)}"}""",
            """{"s":"hello","l":[1,2,3],"empty":[],"o":{"k":1}}"""),
        ("""{"a":"${toUpper(s)}","b":"${toLower(s)}","c":"${int(f)}","d":"${int('12abc')}","e":"${int(-3.7)}","f":"${int(true)}","g":"${int('x')}"}""", """{"s":"MiXeD é","f":"42"}"""),
        ("""{"body":[{"$data":"${rows}","type":"T","text":"${$index}:${v}","inner":{"$data":"${sub}","w":"${$index}-${w}-${$root.title}"}}]}""",
            """{"title":"T","rows":[{"v":"a","sub":{"w":"x"}},{"v":"b","sub":[{"w":"y"},{"w":"z"}]},{"v":"c","sub":[]}]}"""),
        ("""{"body":[{"$data":"${one}","t":"${v}"},{"$data":"${single}","t":"${v}"},{"$data":"${missing}","t":"${v}"}]}""", """{"one":[{"v":1}],"single":{"v":2},"v":"root"}"""),
        ("""{"body":[{"$data":"${rows}","$when":"${keep}","t":"${$index}"}]}""", """{"rows":[{"keep":true},{"keep":false},{"keep":true}]}"""),
        ("""{"a":"${$index}","b":{"$data":"${l}","i":"${$index}","c":{"d":"${$index}"}}}""", """{"l":["p","q"]}"""),
        ("""{"a":"\\${x}","b":"\\`","c":"$5 and ${x}","d":"${x}${x}","e":"{${x}}","f":"${ x }","g":"a $ b ${x}"}""", """{"x":1}"""),
        ("""{"a":"${'it\\'s'}","b":"${\"dq\"}","c":"${'a\\nb'}","d":"${'} inside'}"}""", "{}"),
        ("""{"a":"${o.k.deep}","b":"${o.k.deep.deeper}","c":"pre ${o.k}"}""", """{"o":{"k":{"deep":0}}}"""),
        ("""{"$data":"${inner}","a":"${v}"}""", """{"inner":{"v":"scoped"}}"""),
        ("""{"a":["${l}","${l}"],"b":"${createArray(1, 'two')}","c":"${[1, 2]}","d":"${1 == 1 ? [1] : [2]}"}""", """{"l":[1,2]}"""),
        ("""{"a":"${x.y}","b":"${x[0]}","c":"${s.length}","d":"${l.length}"}""", """{"x":"str","s":"abc","l":[1]}"""),
        ("""{"a":"${$root.v}","b":"${$data.v}","c":"${$ROOT.v}"}""", """{"v":7}"""),
        ("""{"a":"${n}","b":"${big}","c":"${small}","d":"${neg}","e":"t ${big} ${small} ${frac}"}""", """{"n":1.0,"big":1e21,"small":1e-7,"neg":-0.5,"frac":0.1}"""),
        ("""{"a":"${equals(1, 1)}","b":"${less(1, 2)}","c":"${greaterOrEquals(2, 2)}","d":"${add(1, 2)}","e":"${sub(5, 3)}","f":"${mul(2, 3)}","g":"${div(9, 3)}"}""", "{}"),
        ("""{"a":"${x ?? 'd'}","b":"${missing ?? 'd'}","c":"${nul ?? 'd'}"}""", """{"x":"v","nul":null}"""),
        ("""{"a":"${1 / 0}"}""", "{}"),
        ("""{"a":"x ${1 / 0} y"}""", "{}"),
        ("""{"a":"x ${nul} y"}""", """{"nul":null}"""),
        ("""{"a":"${foo(1)}"}""", "{}"),
    ];

    public static TheoryData<int> CaseNumbers => new(Enumerable.Range(0, Cases.Length));

    [Theory, MemberData(nameof(CaseNumbers))]
    public void CSharpBinder_AgreesWithJavaScriptEngine(int number)
    {
        var (templateText, dataText) = Cases[number];
        var js = referee.Results[number]!;
        JsonNode? actual = null;
        Exception? error = null;
        try
        {
            actual = CardBinder.Bind(JsonNode.Parse(templateText)!, JsonNode.Parse(dataText));
        }
        catch (CardTemplateException ex)
        {
            error = ex;
        }

        if (!(bool)js["ok"]!)
        {
            // The JS engine fails: the C# binder must fail too, never produce something.
            Assert.True(error is not null, $"JS failed ({js["error"]}) but C# produced {actual?.ToJsonString()} for {templateText}");
            return;
        }

        Assert.True(error is null, $"C# failed ({error?.Message}) but JS produced {js["result"]?.ToJsonString()} for {templateText}");
        var expected = js["result"];
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"template {templateText}{Environment.NewLine}data {dataText}{Environment.NewLine}{JsonDiff.Describe(expected, actual)}");
    }
}

/// <summary>Expands every referee case with the JavaScript engine in one node process.</summary>
public sealed class RefereeFixture : IAsyncLifetime
{
    public JsonArray Results { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var cases = new JsonArray([.. CardBinderRefereeTests.Cases.Select(c => (JsonNode)new JsonObject
        {
            ["template"] = JsonNode.Parse(c.Template),
            ["data"] = JsonNode.Parse(c.Data),
        })]);
        var result = await CardTestEnvironment.RunNodeAsync(
            "tools/js/cards/expand.mjs", ["--batch", "-"], cases.ToJsonString(), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"expand.mjs --batch failed: {result}");
        Results = JsonNode.Parse(result.Stdout)!.AsArray();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
