using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// Access, over every card bound with every data set in every language: every input has a label and an error message,
/// every image has alt text, no meaning is carried by colour alone (a coloured text or a coloured container says what
/// it means in words), and the alert cards carry <c>speak</c> text for screen readers in the reader's language.
/// </summary>
public sealed class CardAccessTests
{
    public static TheoryData<string> AllDataSets => new(CardDataSets.All(CardTestEnvironment.CardsDir).Select(d => d.ToString()));

    /// <summary>The cards a fan-out sends to every member: a screen reader reads their <c>speak</c> first.</summary>
    public static TheoryData<string, string> AlertCards => new(
        new[] { "alert", "reminder" }.SelectMany(c => NonCoopBot.Dialogs.Texts.TextCatalogue.Languages.Select(l => (c, l))));

    [Theory, MemberData(nameof(AllDataSets))]
    public void DataSet_Bound_IsAccessible(string dataSet)
    {
        var set = CardDataSets.All(CardTestEnvironment.CardsDir).Single(d => d.ToString() == dataSet);
        var card = CardBinder.Bind(CardTestEnvironment.LoadTemplate(set.Card), set.Load());

        var problems = CardAccess.Problems(card);

        Assert.True(problems.Count == 0, $"{dataSet}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory, MemberData(nameof(AlertCards))]
    public void AlertCard_HasSpeakText_InTheReadersLanguage(string card, string language)
    {
        var bound = CardBinder.Bind(CardTestEnvironment.LoadTemplate(card), CardTestEnvironment.LoadSample(card, language));
        var english = CardBinder.Bind(CardTestEnvironment.LoadTemplate(card), CardTestEnvironment.LoadSample(card, "en"));

        var speak = (string?)bound["speak"];
        Assert.False(string.IsNullOrWhiteSpace(speak), $"{card} ({language}) has no speak text");
        if (language != "en")
        {
            Assert.NotEqual((string?)english["speak"], speak);
        }
    }

    [Fact]
    public void TheCheck_FindsAnInputWithoutLabelOrError_AnImageWithoutAltText_AndColourAlone()
    {
        var card = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5","body":[
              {"type":"Input.Text","id":"note"},
              {"type":"Input.ChoiceSet","id":"slot","label":"Slot","choices":[]},
              {"type":"Image","url":"https://example.org/a.png"},
              {"type":"TextBlock","text":"●","color":"Attention"},
              {"type":"Container","style":"good","items":[{"type":"Image","url":"https://example.org/b.png","altText":"tick"}]},
              {"type":"TextBlock","text":"Acknowledged","color":"Good"},
              {"type":"Input.Toggle","id":"ok","title":"Agree","label":"Agree","errorMessage":"Tick to agree."}
            ]}
            """)!;

        var problems = CardAccess.Problems(card);

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("Input.Text 'note' has no label", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Input.Text 'note' has no error message", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Input.ChoiceSet 'slot' has no error message", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Image https://example.org/a.png has no alt text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("colour Attention", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("style good", StringComparison.Ordinal));
    }
}

/// <summary>The access rules a card must keep (see <see cref="CardAccessTests"/>).</summary>
internal static class CardAccess
{
    private static readonly string[] MeaningfulStyles = ["good", "warning", "attention", "accent"];

    public static IReadOnlyList<string> Problems(JsonNode card)
    {
        var problems = new List<string>();
        Walk(card, problems);
        return problems;
    }

    private static void Walk(JsonNode? node, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, problems);
                }

                return;
            case JsonObject obj:
                Check(obj, problems);
                foreach (var (_, value) in obj)
                {
                    Walk(value, problems);
                }

                return;
        }
    }

    private static void Check(JsonObject element, List<string> problems)
    {
        var type = Text(element, "type");
        if (type is null)
        {
            return;
        }

        if (type.StartsWith("Input.", StringComparison.Ordinal))
        {
            var id = Text(element, "id");
            if (string.IsNullOrWhiteSpace(Text(element, "label")))
            {
                problems.Add($"{type} '{id}' has no label");
            }

            if (string.IsNullOrWhiteSpace(Text(element, "errorMessage")))
            {
                problems.Add($"{type} '{id}' has no error message");
            }
        }

        if (type == "Image" && string.IsNullOrWhiteSpace(Text(element, "altText")))
        {
            problems.Add($"Image {Text(element, "url")} has no alt text");
        }

        var color = Text(element, "color");
        if (type is "TextBlock" or "TextRun" && color is not null && !color.Equals("Default", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(Text(element, "text")) && !HasWords(Text(element, "text")))
        {
            problems.Add($"{type} \"{Text(element, "text")}\" in colour {color} says nothing in words: colour alone carries its meaning");
        }

        var style = Text(element, "style");
        if (type is "Container" or "Column" or "ColumnSet" && style is not null && MeaningfulStyles.Contains(style.ToLowerInvariant())
            && !Texts(element).Any(HasWords))
        {
            problems.Add($"{type} with style {style} holds no words: colour alone carries its meaning");
        }
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Texts),
        JsonObject obj => (Text(obj, "type") is "TextBlock" or "TextRun" && Text(obj, "text") is { } t ? [t] : Enumerable.Empty<string>())
            .Concat(obj.Where(p => p.Value is JsonObject or JsonArray).SelectMany(p => Texts(p.Value))),
        _ => [],
    };

    private static bool HasWords(string? text) => text is not null && text.Count(char.IsLetter) >= 2;

    private static string? Text(JsonObject obj, string key) => obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
