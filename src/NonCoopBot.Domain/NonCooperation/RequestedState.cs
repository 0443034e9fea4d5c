using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The requested State of a matter (para 4), with its status when the matter was opened.</summary>
/// <param name="Name">The English short name stored when the matter was opened; readers see <see cref="NameIn"/>.</param>
public sealed record RequestedState(string Code, string Name, bool IsStatePartyAtOpening, bool ArrangementWithCourtAtOpening)
{
    /// <summary>The State's name in <paramref name="language"/>, from its code (<see cref="StateDirectory.NameOf"/>); the stored name if the code is unknown.</summary>
    public string NameIn(string? language) => StateDirectory.NameOf(Code, language, Name);
}
