using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.NonCooperation;

/// <summary>What the President gives to open a matter.</summary>
/// <param name="State">The requested State, as matched in the <see cref="StateDirectory"/>.</param>
/// <param name="Scenario">7(a) or 7(b).</param>
/// <param name="Request">Art. 89 or art. 93; 7(b) allows only art. 89.</param>
/// <param name="CourtReference">The Court's reference, e.g. "ICC-02/05-01/09" (free text accepted, see <see cref="NonCooperation.CourtReference"/>).</param>
/// <param name="PersonSought">The person sought, where there is one.</param>
/// <param name="WhatIsKnown">What is known so far (7(b)).</param>
/// <param name="StillToVerify">What must still be verified with the requested State (7(b), para 19).</param>
/// <param name="RequestDate">Date of the Court's request, where known: whether the State is a requested State is judged on it (art. 127(2)); else on the opening day.</param>
public sealed record MatterOpening(
    State State,
    Scenario Scenario,
    CourtRequest Request,
    string CourtReference,
    string? PersonSought = null,
    string? WhatIsKnown = null,
    string? StillToVerify = null,
    DateOnly? RequestDate = null);

/// <summary>The result of <see cref="Matter.Open"/>: the matter (with warnings), or the refusal saying why (codes the App words).</summary>
public sealed record MatterOpeningResult(Matter? Matter, DomainText? Refusal, IReadOnlyList<DomainText> Warnings)
{
    public bool IsOpened => Matter is not null;

    internal static MatterOpeningResult Opened(Matter matter, IReadOnlyList<DomainText> warnings) => new(matter, null, warnings);

    internal static MatterOpeningResult Refused(DomainText refusal) => new(null, refusal, []);
}
