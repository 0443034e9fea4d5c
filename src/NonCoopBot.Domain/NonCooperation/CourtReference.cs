using System.Text.RegularExpressions;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// The Court's reference for the request, e.g. "ICC-02/05-01/09". Decision: any non-empty text is
/// accepted and kept as typed (trimmed; "icc" upper-cased, dashes unified), because in a 7(b) matter
/// the President may not yet have a case number and the bot must never slow urgent action over a
/// format. <see cref="IsRecognisedFormat"/> is false when the text does not look like an ICC
/// reference, so the dialog can show <see cref="FormatWarning"/> and ask the user to check it.
/// </summary>
public sealed partial record CourtReference
{
    private CourtReference(string value, bool isRecognisedFormat)
    {
        Value = value;
        IsRecognisedFormat = isRecognisedFormat;
    }

    /// <summary>The reference as recorded.</summary>
    public string Value { get; }

    /// <summary>True for "ICC-NN/NN" (situation) or "ICC-NN/NN-NN/NN" (case), optionally followed by "-…" (document number, suffix).</summary>
    public bool IsRecognisedFormat { get; }

    /// <summary>The warning for the user when the format is not recognised (<c>reference.unusual</c>, with <c>reference</c>), else null.</summary>
    public DomainText? FormatWarning => IsRecognisedFormat ? null : DomainText.Of("reference.unusual", ("reference", Value));

    /// <summary>Parses a reference. Never rejects non-empty text; see <see cref="IsRecognisedFormat"/>.</summary>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static CourtReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var value = text.Trim().Replace('\u2013', '-').Replace('\u2011', '-').Replace('\u2014', '-');
        if (value.StartsWith("icc", StringComparison.OrdinalIgnoreCase))
        {
            value = "ICC" + value[3..];
        }

        return new CourtReference(value, IccReference().IsMatch(value));
    }

    /// <summary>Restores a stored reference.</summary>
    public static CourtReference FromStored(string value) => Parse(value);

    public override string ToString() => Value;

    [GeneratedRegex(@"^ICC-\d{2}/\d{2}(-\d{2}/\d{2})?(-[A-Za-z0-9/.]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IccReference();
}
