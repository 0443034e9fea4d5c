using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NonCoopBot.Domain.Wording;
using NonCoopBot.Protocol.Schema;
using Xunit;
using Xunit.v3;

namespace NonCoopBot.Testing;

/// <summary>
/// Para 12 at the test transports. Every activity the bot hands to a test transport — <see cref="RecordingTransport"/>
/// (sent or updated), <see cref="FakeBotConnector"/> (every request body), and the invoke answers the HTTP test client
/// reads back — is scanned with <see cref="NeutralWording.FindJudgingWords"/>: its text, summary, and every
/// visible string of its cards (<see cref="Transcript.CardTexts"/>: text, title, value, placeholder, label, altText).
/// A judging word is recorded against the running test, and <see cref="ParaTwelveCheckedAttribute"/> fails that test
/// when it ends. So no flow test can pass while the bot says a judging word, whatever the test itself asserts.
/// </summary>
public static class SentWording
{
    // One queue per test (and one for findings recorded outside any test), so that a test taking its own findings
    // never holds, even for a moment, another test's: tests run in parallel, and each takes its findings when it ends.
    private const string OutsideAnyTest = "";
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Findings = new(StringComparer.Ordinal);

    /// <summary>The texts of an activity that a person reads.</summary>
    public static IEnumerable<string> TextsOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var text in new[] { activity.Text, activity.Summary })
        {
            if (!string.IsNullOrEmpty(text))
            {
                yield return text;
            }
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.Content is not null)
            {
                foreach (var text in Transcript.CardTexts(attachment.Content))
                {
                    yield return text;
                }
            }
        }
    }

    /// <summary>Records every judging word of <paramref name="activity"/> (seen at <paramref name="where"/>).</summary>
    public static void Inspect(Activity activity, string where) => Record(TextsOf(activity), where);

    /// <summary>Records every judging word of a JSON body: an activity, an invoke answer, or a create-conversation request.</summary>
    public static void Inspect(JsonNode? body, string where)
    {
        if (body is null)
        {
            return;
        }

        var texts = new List<string>();
        if (body is JsonObject obj && obj["text"] is JsonValue text && text.TryGetValue<string>(out var t))
        {
            texts.Add(t);
        }

        if (body is JsonObject withSummary && withSummary["summary"] is JsonValue summary && summary.TryGetValue<string>(out var s))
        {
            texts.Add(s);
        }

        texts.AddRange(Transcript.CardTexts(body));
        Record(texts, where);
    }

    /// <summary>Records every judging word of a text the bot serves as it is (an export file, a plain-text answer).</summary>
    public static void InspectText(string text, string where) => Record([text], where);

    /// <summary>Parses <paramref name="json"/> (when it is JSON) and inspects it.</summary>
    public static void Inspect(string? json, string where)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return;
        }

        try
        {
            Inspect(JsonNode.Parse(json), where);
        }
        catch (JsonException)
        {
            // Not JSON: nothing the bot says.
        }
    }

    /// <summary>Removes and returns what was recorded for the running test (and anything recorded outside a test).</summary>
    public static IReadOnlyList<string> TakeForCurrentTest()
    {
        var taken = new List<string>();
        if (CurrentTest() is { } test && Findings.TryRemove(test, out var own))
        {
            taken.AddRange(own);
        }

        if (Findings.TryGetValue(OutsideAnyTest, out var outside))
        {
            while (outside.TryDequeue(out var finding))
            {
                taken.Add(finding);
            }
        }

        return taken;
    }

    private static void Record(IEnumerable<string> texts, string where)
    {
        foreach (var text in texts)
        {
            var words = NeutralWording.FindJudgingWords(text);
            if (words.Count > 0)
            {
                Findings.GetOrAdd(CurrentTest() ?? OutsideAnyTest, _ => new ConcurrentQueue<string>())
                    .Enqueue($"{where}: judging word(s) {string.Join(", ", words)} in \"{text}\"");
            }
        }
    }

    private static string? CurrentTest() => TestContext.Current.Test?.UniqueID;
}

/// <summary>Fails a test when the bot said a judging word at a test transport during it (see <see cref="SentWording"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ParaTwelveCheckedAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        var findings = SentWording.TakeForCurrentTest();
        if (findings.Count > 0)
        {
            throw new InvalidOperationException("Para 12: the bot said judging words at the test transport:\n" + string.Join("\n", findings));
        }
    }
}
