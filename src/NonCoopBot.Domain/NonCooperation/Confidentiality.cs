namespace NonCoopBot.Domain.NonCooperation;

/// <summary>Who may see a matter (para 10, 11, 13).</summary>
public enum Confidentiality
{
    /// <summary>Confidential to the Bureau: every 7(b) matter, and all good offices.</summary>
    BureauOnly,

    /// <summary>A 7(a) matter: the Court's decision and the formal steps have public elements; good offices entries stay Bureau-only.</summary>
    HasPublicElements,
}
