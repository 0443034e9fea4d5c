using System.Globalization;
using System.Text;

namespace NonCoopBot.Domain.States;

/// <summary>Pure helpers that make typed State names comparable.</summary>
internal static class StateNameNormalizer
{
    private static readonly string[] IgnoredWords = ["the"];

    // Accented Latin letters of the States' names in English, French and Spanish (and of names people type), each with
    // its plain letter at the same position. A table, not Unicode normalization: the app runs with invariant
    // globalization, where string.Normalize decomposes nothing.
    private const string Accented = "àáâãäåāăąçćčďèéêëēęěìíîïīıñńňòóôõöøōřśšşùúûüūůýÿźżž";
    private const string Plain = "aaaaaaaaacccdeeeeeeeiiiiiinnnooooooorsssuuuuuuyyzzz";

    /// <summary>
    /// Lower case, accents removed ("Sudán" = "Sudan", "États-Unis" = "Etats-Unis"), punctuation dropped ("d'Ivoire" → "divoire"), "&amp;" → "and",
    /// "st"/"st." → "saint", the word "the" dropped, single spaces.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.Trim().ToLowerInvariant();
        var builder = new StringBuilder(lower.Length);
        foreach (var ch in lower)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (ch is 'œ' or 'æ')
            {
                builder.Append(ch == 'œ' ? "oe" : "ae");
            }
            else if (char.IsLetterOrDigit(ch))
            {
                var plain = Accented.IndexOf(ch, StringComparison.Ordinal);
                builder.Append(plain >= 0 ? Plain[plain] : ch);
            }
            else if (ch is '&')
            {
                builder.Append(" and ");
            }
            else if (ch is '\'' or '’' or '‘' or '.')
            {
                // "d'Ivoire" → "divoire", "U.K." → "uk"
            }
            else
            {
                builder.Append(' ');
            }
        }

        var words = builder.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !IgnoredWords.Contains(word))
            .Select(word => word == "st" ? "saint" : word);
        return string.Join(' ', words);
    }

    /// <summary>Levenshtein distance (insert, delete, substitute each cost 1).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
