namespace NonCoopBot.Domain.NonCooperation;

/// <summary>
/// Where a matter stands. Kept deliberately small:
/// <c>Open</c> → <c>GoodOfficesUnderway</c> (President's good offices triggered, paras 17-18) → <c>Closed</c>;
/// <c>Open</c> → <c>Closed</c> is also allowed. The formal steps of para 14 are timeline entries, not states,
/// because each is optional and they may run alongside good offices.
/// </summary>
public enum MatterStatus
{
    Open,
    GoodOfficesUnderway,
    Closed,
}
