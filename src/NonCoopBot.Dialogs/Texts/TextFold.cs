using System.Text;

namespace NonCoopBot.Dialogs.Texts;

/// <summary>
/// Folds text for matching typed answers: lower case, the accents of the Latin letters of English, French and Spanish
/// removed ("Réunion" → "reunion", "mañana" → "manana", "sí" → "si"), the typographic apostrophe made straight. Done with a
/// table, not Unicode normalization: the app runs with invariant globalization, where <see cref="string.Normalize()"/>
/// decomposes nothing.
/// </summary>
public static class TextFold
{
    /// <summary>The folded text (same length, except œ → oe and æ → ae).</summary>
    public static string Fold(string? text)
    {
        var lower = (text ?? string.Empty).ToLowerInvariant();
        var builder = new StringBuilder(lower.Length + 2);
        foreach (var c in lower)
        {
            switch (c)
            {
                case 'œ': builder.Append("oe"); break;
                case 'æ': builder.Append("ae"); break;
                default: builder.Append(Plain(c)); break;
            }
        }

        return builder.ToString();
    }

    private static char Plain(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' => 'a',
        'ç' or 'ć' or 'č' => 'c',
        'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ę' => 'e',
        'ì' or 'í' or 'î' or 'ï' or 'ī' => 'i',
        'ñ' or 'ń' => 'n',
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' => 'o',
        'ù' or 'ú' or 'û' or 'ü' or 'ū' => 'u',
        'ý' or 'ÿ' => 'y',
        '\u2019' or '\u2018' => '\'',
        _ => c,
    };
}
