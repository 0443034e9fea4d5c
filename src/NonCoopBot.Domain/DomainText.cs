using System.Collections;
using System.Globalization;

namespace NonCoopBot.Domain;

/// <summary>
/// A sentence the Domain has for a person, without its words: a stable <see cref="Code"/> (the App says it from the
/// catalogue as <c>domain.&lt;code&gt;</c> in the reader's language) and named <see cref="Arguments"/> (text, numbers,
/// dates, enums such as a regional group, a State (named in the reader's language), lists, or another <see cref="DomainText"/>), each worded by the App. So the
/// Domain holds no sentence a person reads; <see cref="ToString"/> is for logs, exception messages and tests only.
/// </summary>
public sealed record DomainText(string Code, IReadOnlyList<(string Name, object? Value)> Arguments)
{
    public static DomainText Of(string code, params (string Name, object? Value)[] arguments) => new(code, arguments);

    /// <summary>The argument named <paramref name="name"/>, or null.</summary>
    public object? this[string name] => Arguments.FirstOrDefault(a => a.Name == name).Value;

    /// <summary>"roster.memberCount(expected=21, actual=20)": the code and its arguments, for developers.</summary>
    public override string ToString() =>
        Arguments.Count == 0 ? Code : $"{Code}({string.Join(", ", Arguments.Select(a => a.Name + "=" + Show(a.Value)))})";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        States.State state => state.Name,
        NonCooperation.RequestedState state => state.Name,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
