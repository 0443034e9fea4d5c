namespace NonCoopBot.Dialogs.Cards;

/// <summary>
/// Told, while a template is bound, which way each branch went (for tests: the bot binds with none). Locations are JSON
/// paths in the template (<c>$.body[2].$when</c>) and match <see cref="CardBinder.BranchPoints"/>.
/// </summary>
public interface ICardBindingObserver
{
    /// <summary>A <c>$when</c> was evaluated: the element was kept, or dropped.</summary>
    void When(string location, bool kept);

    /// <summary>A <c>$data</c> was evaluated: to an array of <paramref name="count"/> items, or (null) to one scope.</summary>
    void Data(string location, int? count);

    /// <summary>An <c>if(…)</c> or <c>?:</c> in an expression took its first (true) or second branch.</summary>
    void Branch(string location, string expression, bool taken);

    /// <summary>An optional field (tested by <c>exists</c>, <c>empty</c>, <c>coalesce</c>, <c>??</c> or a comparison with null) was present or missing.</summary>
    void Field(string location, string path, bool present);
}

/// <summary>What can branch in a template: a <c>$when</c>, a <c>$data</c>, an <c>if</c> (expression), or an optional field (path).</summary>
public sealed record CardBranchPoint(string Kind, string Location, string Expression)
{
    public const string When = "$when";
    public const string Data = "$data";
    public const string If = "if";
    public const string Field = "field";

    public override string ToString() => $"{Kind} {Expression} at {Location}";
}
