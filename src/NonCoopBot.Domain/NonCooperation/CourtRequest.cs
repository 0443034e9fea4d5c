namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The kind of Court request a matter concerns (para 4).</summary>
public enum CourtRequest
{
    /// <summary>Article 89: arrest and surrender of a person.</summary>
    Art89ArrestAndSurrender,

    /// <summary>Article 93: other forms of cooperation.</summary>
    Art93OtherCooperation,
}

/// <summary>Labels for <see cref="CourtRequest"/>.</summary>
public static class CourtRequestText
{
    /// <summary>e.g. "request for arrest and surrender (art. 89)".</summary>
    public static string Label(this CourtRequest request) => request switch
    {
        CourtRequest.Art89ArrestAndSurrender => "request for arrest and surrender (art. 89)",
        CourtRequest.Art93OtherCooperation => "request for other forms of cooperation (art. 93)",
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Unknown Court request."),
    };
}
