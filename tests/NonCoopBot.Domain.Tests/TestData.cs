using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests;

/// <summary>Shared builders for the domain tests.</summary>
internal static class TestData
{
    public static readonly DateOnly Today = new(2026, 3, 2);

    public static StateDirectory States { get; } = StateDirectory.LoadEmbedded();

    public static string SampleRosterJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "roster.sample.json"));

    public static Roster SampleRoster() => RosterFile.ParseValidated(SampleRosterJson, States, Today, "roster.sample.json");

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public static Actor President => new("president", "Ambassador A. Wilber");

    public static Matter OpenMatter(
        TimeProvider time,
        string stateCode = "KEN",
        Scenario scenario = Scenario.Urgent7B,
        CourtRequest request = CourtRequest.Art89ArrestAndSurrender,
        long sequence = 1,
        StateDirectory? states = null)
    {
        var state = (states ?? States).GetByCode(stateCode);
        var result = Matter.Open(
            new MatterOpening(state, scenario, request, "ICC-02/05-01/09", "Person A", "Reported travel plans", "Dates of the visit"),
            sequence,
            President,
            time);
        Assert.True(result.IsOpened, result.Refusal?.ToString());
        return result.Matter!;
    }

    public static BureauMember With(this BureauMember member, BureauRole? role = null, bool? focalPoint = null) =>
        member with { Role = role ?? member.Role, IsFocalPoint = focalPoint ?? member.IsFocalPoint };

    public static Roster Replace(this Roster roster, string memberId, Func<BureauMember, BureauMember> change, string? actingPresidentId = "keep") =>
        new(roster.Members.Select(m => m.Id == memberId ? change(m) : m), roster.Secretariat,
            actingPresidentId == "keep" ? roster.ActingPresidentMemberId : actingPresidentId);
}
