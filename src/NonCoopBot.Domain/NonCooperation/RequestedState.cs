namespace NonCoopBot.Domain.NonCooperation;

/// <summary>The requested State of a matter (para 4), with its status when the matter was opened.</summary>
public sealed record RequestedState(string Code, string Name, bool IsStatePartyAtOpening, bool ArrangementWithCourtAtOpening);
