using System.Globalization;
using System.Text;

namespace NonCoopBot.Domain.States;

/// <summary>Pure helpers that make typed State names comparable.</summary>
internal static class StateNameNormalizer
{
    private static readonly string[] IgnoredWords = ["the"];

    /// <summary>
    /// Lower case, accents removed, punctuation dropped ("d'Ivoire" → "divoire"), "&amp;" → "and",
    /// "st"/"st." → "saint", the word "the" dropped, single spaces.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                builder.Append(char.ToLowerInvariant(ch));
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
