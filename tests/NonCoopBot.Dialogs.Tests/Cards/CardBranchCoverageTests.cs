using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Testing;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>
/// The data sets kept beside each card (<see cref="CardDataSets"/>) take every branch of its template, so the comparison
/// with the JavaScript engine and the renders (<see cref="CardTemplateTests"/>, which iterate the same data sets) cover
/// them all: bound with every data set in every language, each <c>$when</c> is seen kept and dropped, each <c>$data</c>
/// that gives a list is seen with 0, 1 and several items, each <c>if(…)</c> / <c>?:</c> takes both branches, and each
/// optional field (one the template tests with <c>exists</c>, <c>empty</c>, <c>coalesce</c>, <c>??</c> or a comparison
/// with null) is seen present and missing.
/// </summary>
public sealed class CardBranchCoverageTests
{
    public static TheoryData<string> AllCards => new(CardTestEnvironment.CardNames());

    [Theory, MemberData(nameof(AllCards))]
    public void DataSets_TakeEveryBranchOfTheCard_BothWays(string card)
    {
        var template = CardTestEnvironment.LoadTemplate(card);
        var recorder = new BranchRecorder();
        var sets = CardDataSets.For(CardTestEnvironment.CardsDir, card)
            .SelectMany(d => NonCoopBot.Dialogs.Texts.TextCatalogue.Languages.Select(l => d with { Language = l }));
        foreach (var set in sets)
        {
            var observed = CardBinder.Bind(template, set.Load(), recorder);
            Assert.True(JsonNode.DeepEquals(CardBinder.Bind(template, set.Load()), observed), $"{set}: binding with an observer changed the card");
        }

        var untaken = CardBinder.BranchPoints(template).Select(p => (Point: p, Missing: recorder.Missing(p))).Where(p => p.Missing is not null)
            .Select(p => $"{p.Point}: {p.Missing}").Distinct(StringComparer.Ordinal).ToList();
        Assert.True(
            untaken.Count == 0,
            $"card '{card}': branches its data sets (cards/{card}.data.json, cards/data/{card}/) never take:{Environment.NewLine}{string.Join(Environment.NewLine, untaken)}");
    }

    [Fact]
    public void Recorder_SeesEachKindOfBranch_AndNamesTheOneNotTaken()
    {
        var template = JsonNode.Parse("""
            {"body":[{"$when":"${exists(note)}","text":"${note}"},
                     {"$data":"${rows}","text":"${if(done, 'yes', 'no')}"}]}
            """)!;
        var recorder = new BranchRecorder();
        CardBinder.Bind(template, JsonNode.Parse("""{"note":"n","rows":[{"done":true},{"done":true}]}"""), recorder);
        CardBinder.Bind(template, JsonNode.Parse("""{"rows":[]}"""), recorder);

        var missing = CardBinder.BranchPoints(template).ToDictionary(p => p.ToString(), recorder.Missing);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["$when ${exists(note)} at $.body[0].$when"] = null,
                ["field note at $.body[0].$when"] = null,
                ["$data ${rows} at $.body[1].$data"] = "never a list of exactly 1",
                ["if if(done, 'yes', 'no') at $.body[1].text"] = "never false",
            },
            missing);
    }

    /// <summary>Records which way each branch went, keyed by kind, location and expression.</summary>
    private sealed class BranchRecorder : ICardBindingObserver
    {
        private readonly HashSet<(string Kind, string Location, string Expression, string Outcome)> _seen = [];

        public void When(string location, bool kept) => Add(CardBranchPoint.When, location, string.Empty, kept ? "kept" : "dropped");

        public void Data(string location, int? count) =>
            Add(CardBranchPoint.Data, location, string.Empty, count switch { null => "scope", 0 => "0", 1 => "1", _ => "many" });

        public void Branch(string location, string expression, bool taken) => Add(CardBranchPoint.If, location, expression, taken ? "true" : "false");

        public void Field(string location, string path, bool present) => Add(CardBranchPoint.Field, location, path, present ? "present" : "missing");

        /// <summary>What <paramref name="point"/> never did, or null when it went every way.</summary>
        public string? Missing(CardBranchPoint point)
        {
            bool Saw(string outcome) => _seen.Contains((point.Kind, point.Location, point.Kind is CardBranchPoint.When or CardBranchPoint.Data ? string.Empty : point.Expression, outcome));
            string? Never(params string[] outcomes)
            {
                var never = outcomes.Where(o => !Saw(o)).ToList();
                return never.Count == 0 ? null : string.Join("; ", never);
            }

            return point.Kind switch
            {
                CardBranchPoint.When => Never("kept", "dropped") is { } n ? $"never {n.Replace("; ", " nor ", StringComparison.Ordinal)}" : null,
                CardBranchPoint.Data when Saw("scope") && !Saw("0") && !Saw("1") && !Saw("many") => null,
                CardBranchPoint.Data when !Saw("scope") && !Saw("0") && !Saw("1") && !Saw("many") => "never reached",
                CardBranchPoint.Data => Never("0", "1", "many") is { } n ? "never a list of " + n.Replace("0", "exactly 0 (empty)", StringComparison.Ordinal).Replace("1", "exactly 1", StringComparison.Ordinal).Replace("many", "2 or more", StringComparison.Ordinal).Replace("; ", ", nor of ", StringComparison.Ordinal) : null,
                CardBranchPoint.If => Never("true", "false") is { } n ? $"never {n.Replace("; ", " nor ", StringComparison.Ordinal)}" : null,
                CardBranchPoint.Field => Never("present", "missing") is { } n ? $"never {n.Replace("; ", " nor ", StringComparison.Ordinal)}" : null,
                _ => $"unknown kind {point.Kind}",
            };
        }

        private void Add(string kind, string location, string expression, string outcome) => _seen.Add((kind, location, expression, outcome));
    }
}
