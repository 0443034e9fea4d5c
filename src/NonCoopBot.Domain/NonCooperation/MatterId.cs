using System.Globalization;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>A matter's reference, "NC-{year}-{sequence:000}", e.g. "NC-2026-001".</summary>
public sealed record MatterId
{
    private MatterId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Builds the id from the year of opening and a sequence number from the repository.</summary>
    public static MatterId Create(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new MatterId(string.Create(CultureInfo.InvariantCulture, $"NC-{year}-{sequence:000}"));
    }

    /// <summary>Parses "NC-2026-001" (case-insensitive).</summary>
    public static bool TryParse(string? text, out MatterId? id)
    {
        id = null;
        var parts = text?.Trim().Split('-');
        if (parts is not { Length: 3 } || !parts[0].Equals("NC", StringComparison.OrdinalIgnoreCase)
            || parts[1].Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || parts[2].Length < 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || year < 2000 || sequence < 1)
        {
            return false;
        }

        id = Create(year, sequence);
        return true;
    }

    /// <summary>Parses "NC-2026-001".</summary>
    /// <exception cref="FormatException">Not a matter reference.</exception>
    public static MatterId Parse(string text) =>
        TryParse(text, out var id) ? id! : throw new FormatException($"\"{text}\" is not a matter reference; they look like NC-2026-001.");

    public override string ToString() => Value;
}
