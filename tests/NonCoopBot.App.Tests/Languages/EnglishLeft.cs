using NonCoopBot.App.Features;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>
/// Finds English catalogue sentences in what a French or Spanish reader was sent: every English text under the given
/// key prefixes that differs from the reader's, cut at its placeholders, each piece of 16 characters or more.
/// </summary>
public static class EnglishLeft
{
    public static IReadOnlyList<string> In(string transcript, string language, params string[] prefixes)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var texts = NonCoopBotRoutes.Texts;
        var found = new List<string>();
        foreach (var key in texts.Keys(TextCatalogue.English).Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))))
        {
            var english = texts.Get(TextCatalogue.English, key);
            if (english == texts.Get(language, key))
            {
                continue;
            }

            foreach (var piece in System.Text.RegularExpressions.Regex.Split(english, @"\{[A-Za-z0-9_]+\}"))
            {
                var p = piece.Trim(' ', '.', ',', ';', ':', '(', ')', '"');
                // A piece the reader's text also has (a path, a reference) is not English left behind.
                if (p.Length >= 16 && transcript.Contains(p, StringComparison.Ordinal) && !texts.Get(language, key).Contains(p, StringComparison.Ordinal))
                {
                    found.Add($"{key}: {p}");
                }
            }
        }

        return found;
    }
}
