namespace NonCoopBot.Domain.NonCooperation;

/// <summary>A Bureau member the President asked to assist on a matter (para 19).</summary>
public sealed record AssistingMember(string MemberId, string Name, bool IsFocalPoint);
