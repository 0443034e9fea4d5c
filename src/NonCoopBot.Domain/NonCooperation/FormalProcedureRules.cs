namespace NonCoopBot.Domain.NonCooperation;

/// <summary>Time rules of the formal response procedure (para 14), as pure functions.</summary>
public static class FormalProcedureRules
{
    /// <summary>Para 14(b): the open letter asks for the State's views within no more than two weeks.</summary>
    public const int MaxOpenLetterResponseDays = 14;

    /// <summary>Para 14(d): the public meeting needs the next session to be more than this many months after meeting (c).</summary>
    public const int MinMonthsBeforeNextSession = 3;

    /// <summary>The latest date the open letter may set for the State's views (para 14(b)).</summary>
    public static DateOnly LatestResponseDate(DateOnly letterSentOn) => letterSentOn.AddDays(MaxOpenLetterResponseDays);

    /// <summary>True if <paramref name="respondBy"/> is after the letter and no more than two weeks after it (para 14(b)).</summary>
    public static bool IsAllowedResponseTimeLimit(DateOnly letterSentOn, DateOnly respondBy) =>
        respondBy > letterSentOn && respondBy <= LatestResponseDate(letterSentOn);

    /// <summary>
    /// Para 14(d): the Bureau may ask the New York Working Group for a public meeting only if the next
    /// Assembly session begins more than three months after the ambassadorial-level Bureau meeting (c).
    /// </summary>
    public static bool MayRequestWorkingGroupPublicMeeting(DateOnly ambassadorialMeetingOn, DateOnly nextAssemblySessionStartsOn) =>
        nextAssemblySessionStartsOn > ambassadorialMeetingOn.AddMonths(MinMonthsBeforeNextSession);

    /// <summary>
    /// Para 14(c): the ambassadorial-level Bureau meeting falls due when the letter's time limit expires or a
    /// written response is received, whichever comes first; null while no time limit is recorded.
    /// </summary>
    public static DateOnly? AmbassadorialMeetingDueOn(DateOnly? respondBy, DateOnly? writtenResponseOn) =>
        (respondBy, writtenResponseOn) switch
        {
            ({ } limit, { } response) => response < limit ? response : limit,
            ({ } limit, null) => limit,
            _ => null,
        };
}
