namespace NonCoopBot.Domain.NonCooperation;

/// <summary>Why the President's good offices were triggered (paras 17, 18).</summary>
public enum GoodOfficesBasis
{
    /// <summary>Para 17: on the President's own initiative, the conditions of scenario 7(b) being met.</summary>
    OwnInitiativeScenario7B,

    /// <summary>Para 17: on the President's own initiative in a 7(a) matter, where the opportunity to fulfil a request for arrest and surrender may be gone before the Bureau could meet.</summary>
    OwnInitiativeUrgent7A,

    /// <summary>Para 18: as decided by the Bureau.</summary>
    BureauDecision,
}
