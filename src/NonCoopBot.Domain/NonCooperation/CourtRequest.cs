namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The kind of Court request a matter concerns (para 4); the App names it (<c>domain.request.*</c>).</summary>
public enum CourtRequest
{
    /// <summary>Article 89: arrest and surrender of a person.</summary>
    Art89ArrestAndSurrender,

    /// <summary>Article 93: other forms of cooperation.</summary>
    Art93OtherCooperation,
}
