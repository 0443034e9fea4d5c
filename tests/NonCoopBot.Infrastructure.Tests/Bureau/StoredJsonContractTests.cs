using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Domain.Meetings;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Meetings;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Infrastructure.Tests.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Bureau;

/// <summary>
/// The JSON stored in the database rows, pinned byte for byte (existing databases hold it): a matter with every kind of
/// timeline entry, a procedure, a meeting and a roster-history row are written through the repositories and the row's text
/// is compared with the text the code wrote before JSON moved to source generation; that text, put in a row, reads back.
/// </summary>
public abstract class StoredJsonContractTests(SqlTestServer server)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-29T08:00:00Z", CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Geneva = new(2026, 11, 30, 15, 45, 30, 123, TimeSpan.FromHours(1));
    private static readonly Actor President = new("m-president", "Président \"P\" <Bureau> & Co");
    private static readonly Actor Member = new("m-ken", "Ambassador Ké");
    private readonly FakeTimeProvider _time = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IDatabase> NewDatabaseAsync()
    {
        var db = server.Connect(await server.CreateEmptyDatabaseAsync(Ct));
        await SqlTestServer.NewMigrator(db, _time).MigrateAsync(Ct);
        return db;
    }

    internal static MatterSnapshot FullMatter() => new(
        "NC-2026-007", 0, new RequestedState("KEN", "Kenya", true, false), Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender,
        "ICC-01/99-01/26", null, MatterStatus.GoodOfficesUnderway, "Known: é/ü \u2013 <b>", null,
        [new AssistingMember("m-ken", "Ambassador Ké", true), new AssistingMember("m-fra", "Ambassador F", false)],
        [
            new MatterOpened(1, T0, President, Scenario.CourtReferral7A, CourtRequest.Art89ArrestAndSurrender, "ICC-01/99-01/26", "[name withheld]"),
            new GoodOfficesTriggered(2, T0.AddMinutes(1), President, GoodOfficesBasis.BureauDecision, null),
            new OralReportRecorded(3, T0.AddMinutes(2), President, Geneva, "Minister", "Summary 'quoted'", null, "Next", true)
            {
                BasisKnown = "known",
                BasisStillToVerify = null,
            },
            new ReferralRecorded(4, T0.AddMinutes(3), President, "ICC-01/99-01/26-123", new DateOnly(2026, 11, 2), "note"),
            new FocalPointAssistanceRequested(5, T0.AddMinutes(4), President, "m-ken", "Ambassador Ké", true, "Please assist"),
            new ContactLogged(6, T0.AddMinutes(5), Member, Geneva, "Deputy minister", "Met"),
            new EmergencyMeetingConvened(7, T0.AddMinutes(6), President, Geneva.AddDays(1), EmergencyMeetingConvened.Step14A),
            new OpenLetterSent(8, T0.AddMinutes(7), President, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)),
            new InformationUpdated(9, T0.AddMinutes(8), President, "what is known", null),
            new AssistanceAnswered(10, T0.AddMinutes(9), Member, 5, false, "travelling"),
            new ContactRecorded(11, T0.AddMinutes(10), Member,
                new ContactDetails(Geneva, "Europe/Zurich", ContactChannel.Demarche, [new ContactOfficial("A. Official", "Director")], "Summary", null, "Follow up", new DateOnly(2027, 1, 15)),
                6),
            new MatterClosed(12, T0.AddMinutes(11), President, "Cooperation obtained"),
        ]);

    internal static FormalProcedureSnapshot FullProcedure() => new(
        "NC-2026-007", 0,
        new CourtDecision("Pre-Trial Chamber II", new DateOnly(2026, 11, 2), "ICC-01/99-01/26-123", "KEN", "Kenya", CourtRequest.Art93OtherCooperation,
            "ICC-01/99-01/26-45", new DateOnly(2026, 6, 30), null),
        President, Geneva,
        [
            new StepRecord(ProcedureStep.EmergencyBureauMeeting, StepState.Done, new DateOnly(2026, 11, 10), President, T0),
            new StepRecord(ProcedureStep.OpenLetter, StepState.Planned, new DateOnly(2026, 12, 1), Member, Geneva),
            new StepRecord(ProcedureStep.AmbassadorialMeeting, StepState.NotStarted, null, null, null),
            new StepRecord(ProcedureStep.WorkingGroupPublicMeeting, StepState.DecidedAgainst, null, President, T0),
            new StepRecord(ProcedureStep.ReportToAssembly, StepState.NotStarted, null, null, null),
            new StepRecord(ProcedureStep.PlenaryDiscussion, StepState.NotStarted, null, null, null),
        ],
        [new ChecklistEntry(ChecklistItem.DecisionForwarded, President, T0), new ChecklistEntry(ChecklistItem.Art97Reminder, null, null)],
        new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), null, "Ambassador F");

    internal static EmergencyMeeting FullMeeting() => new()
    {
        Id = "mt-0007",
        MatterId = "NC-2026-007",
        MatterReference = "ICC-01/99-01/26",
        MatterIs7A = true,
        ConvenedByMemberId = "m-president",
        WindowStart = T0,
        WindowEnd = Geneva,
        DurationMinutes = 90,
        Quorum = 11,
        RequiredMemberIds = ["m-president", "m-ken"],
        KeepToWorkingHours = true,
        Participants =
        [
            new MeetingParticipant("m-president", AvailabilitySource.Calendar, null,
                new MemberCalendar([new BusyInterval(T0, T0.AddHours(1), FreeBusy.OutOfOffice), new BusyInterval(Geneva, Geneva.AddMinutes(30), FreeBusy.WorkingElsewhere)],
                    new WorkingHours([DayOfWeek.Monday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 30, 15), "W. Europe Standard Time"))),
            new MeetingParticipant("m-ken", AvailabilitySource.Votes, "ErrorItemNotFound", null),
            new MeetingParticipant("m-fra", AvailabilitySource.Calendar, null, new MemberCalendar([], null)),
        ],
        Candidates = [T0.AddHours(2), Geneva],
        VoteCards = [new SentCard("m-ken", "1:abc", "a:conv", "https://smba.trafficmanager.net/emea/")],
        ProposalCards = [new SentCard("m-president", "1:def", "a:conv2", "https://smba.trafficmanager.net/emea/")],
        ProposalFingerprint = "fp-1",
        LastPolledAt = Geneva,
        Polls = 3,
        EventId = null,
        JoinUrl = "https://teams.example/join?a=1&b=<2>",
        NotifiedMemberIds = ["m-ken"],
        RecordedOnTimeline = false,
    };

    // Written by the code before source generation (reflection metadata); do not regenerate.
    internal const string MatterJson =
        """
        {"id":"NC-2026-007","version":0,"requestedState":{"code":"KEN","name":"Kenya","isStatePartyAtOpening":true,"arrangementWithCourtAtOpening":false},"scenario":"CourtReferral7A","request":"Art89ArrestAndSurrender","courtReference":"ICC-01/99-01/26","personSought":null,"status":"GoodOfficesUnderway","whatIsKnown":"Known: \u00E9/\u00FC \u2013 \u003Cb\u003E","stillToVerify":null,"assistingMembers":[{"memberId":"m-ken","name":"Ambassador K\u00E9","isFocalPoint":true},{"memberId":"m-fra","name":"Ambassador F","isFocalPoint":false}],"timeline":[{"kind":"matterOpened","scenario":"CourtReferral7A","request":"Art89ArrestAndSurrender","courtReference":"ICC-01/99-01/26","personSought":"[name withheld]","isBureauOnly":false,"sequence":1,"at":"2026-11-29T08:00:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"goodOfficesTriggered","basis":"BureauDecision","note":null,"isBureauOnly":true,"sequence":2,"at":"2026-11-29T08:01:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"oralReportRecorded","interactionAt":"2026-11-30T15:45:30.123+01:00","withWhom":"Minister","summary":"Summary \u0027quoted\u0027","outcome":null,"nextSteps":"Next","informationVerified":true,"isBureauOnly":true,"basisKnown":"known","basisStillToVerify":null,"sequence":3,"at":"2026-11-29T08:02:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"referralRecorded","decisionReference":"ICC-01/99-01/26-123","decisionDate":"2026-11-02","note":"note","isBureauOnly":false,"sequence":4,"at":"2026-11-29T08:03:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"focalPointAssistanceRequested","memberId":"m-ken","memberName":"Ambassador K\u00E9","isFocalPoint":true,"request":"Please assist","isBureauOnly":true,"sequence":5,"at":"2026-11-29T08:04:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"contactLogged","contactAt":"2026-11-30T15:45:30.123+01:00","withWhom":"Deputy minister","summary":"Met","isBureauOnly":true,"sequence":6,"at":"2026-11-29T08:05:00+00:00","actor":{"id":"m-ken","name":"Ambassador K\u00E9"}},{"kind":"emergencyMeetingConvened","meetingAt":"2026-12-01T15:45:30.123+01:00","purpose":"para-14a","isBureauOnly":true,"sequence":7,"at":"2026-11-29T08:06:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"openLetterSent","sentOn":"2026-12-01","respondBy":"2026-12-31","isBureauOnly":false,"sequence":8,"at":"2026-11-29T08:07:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"informationUpdated","whatIsKnown":"what is known","stillToVerify":null,"isBureauOnly":true,"sequence":9,"at":"2026-11-29T08:08:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}},{"kind":"assistanceAnswered","requestSequence":5,"accepted":false,"reason":"travelling","isBureauOnly":true,"sequence":10,"at":"2026-11-29T08:09:00+00:00","actor":{"id":"m-ken","name":"Ambassador K\u00E9"}},{"kind":"contactRecorded","details":{"contactAt":"2026-11-30T15:45:30.123+01:00","timeZone":"Europe/Zurich","channel":"Demarche","officials":[{"name":"A. Official","title":"Director"}],"summary":"Summary","outcome":null,"followUp":"Follow up","nextContact":"2027-01-15"},"correctsSequence":6,"isBureauOnly":true,"sequence":11,"at":"2026-11-29T08:10:00+00:00","actor":{"id":"m-ken","name":"Ambassador K\u00E9"}},{"kind":"closed","reason":"Cooperation obtained","isBureauOnly":true,"sequence":12,"at":"2026-11-29T08:11:00+00:00","actor":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"}}]}
        """;

    internal const string ProcedureJson =
        """
        {"matterId":"NC-2026-007","version":0,"decision":{"chamber":"Pre-Trial Chamber II","decisionDate":"2026-11-02","decisionReference":"ICC-01/99-01/26-123","stateCode":"KEN","stateName":"Kenya","request":"Art93OtherCooperation","requestReference":"ICC-01/99-01/26-45","requestDate":"2026-06-30","personSought":null},"recordedBy":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"},"recordedAt":"2026-11-30T15:45:30.123+01:00","steps":[{"step":"EmergencyBureauMeeting","state":"Done","date":"2026-11-10","by":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"},"at":"2026-11-29T08:00:00+00:00"},{"step":"OpenLetter","state":"Planned","date":"2026-12-01","by":{"id":"m-ken","name":"Ambassador K\u00E9"},"at":"2026-11-30T15:45:30.123+01:00"},{"step":"AmbassadorialMeeting","state":"NotStarted","date":null,"by":null,"at":null},{"step":"WorkingGroupPublicMeeting","state":"DecidedAgainst","date":null,"by":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"},"at":"2026-11-29T08:00:00+00:00"},{"step":"ReportToAssembly","state":"NotStarted","date":null,"by":null,"at":null},{"step":"PlenaryDiscussion","state":"NotStarted","date":null,"by":null,"at":null}],"checklist":[{"item":"DecisionForwarded","by":{"id":"m-president","name":"Pr\u00E9sident \u0022P\u0022 \u003CBureau\u003E \u0026 Co"},"at":"2026-11-29T08:00:00+00:00","isDone":true},{"item":"Art97Reminder","by":null,"at":null,"isDone":false}],"letterSentOn":"2026-12-01","respondBy":"2026-12-31","writtenResponseOn":null,"facilitator":"Ambassador F"}
        """;

    internal const string MeetingJson =
        """
        {"id":"mt-0007","matterId":"NC-2026-007","matterReference":"ICC-01/99-01/26","matterIs7A":true,"convenedByMemberId":"m-president","windowStart":"2026-11-29T08:00:00+00:00","windowEnd":"2026-11-30T15:45:30.123+01:00","durationMinutes":90,"quorum":11,"requiredMemberIds":["m-president","m-ken"],"keepToWorkingHours":true,"participants":[{"memberId":"m-president","source":"Calendar","calendarError":null,"calendar":{"items":[{"start":"2026-11-29T08:00:00+00:00","end":"2026-11-29T09:00:00+00:00","status":"OutOfOffice"},{"start":"2026-11-30T15:45:30.123+01:00","end":"2026-11-30T16:15:30.123+01:00","status":"WorkingElsewhere"}],"workingHours":{"days":["Monday","Friday"],"start":"09:00:00","end":"17:30:15","timeZone":"W. Europe Standard Time"}}},{"memberId":"m-ken","source":"Votes","calendarError":"ErrorItemNotFound","calendar":null},{"memberId":"m-fra","source":"Calendar","calendarError":null,"calendar":{"items":[],"workingHours":null}}],"candidates":["2026-11-29T10:00:00+00:00","2026-11-30T15:45:30.123+01:00"],"voteCards":[{"memberId":"m-ken","activityId":"1:abc","conversationId":"a:conv","serviceUrl":"https://smba.trafficmanager.net/emea/"}],"proposalCards":[{"memberId":"m-president","activityId":"1:def","conversationId":"a:conv2","serviceUrl":"https://smba.trafficmanager.net/emea/"}],"proposalFingerprint":"fp-1","lastPolledAt":"2026-11-30T15:45:30.123+01:00","polls":3,"eventId":null,"joinUrl":"https://teams.example/join?a=1\u0026b=\u003C2\u003E","notifiedMemberIds":["m-ken"],"recordedOnTimeline":false}
        """;

    internal const string RosterChangesJson =
        """
        ["Added Ambassador K\u00E9 (KEN)","Role \u0022President\u0022 \u003Cnow\u003E \u0026 \u0027then\u0027",""]
        """;

    private static async Task<string> TextAsync(IDatabase db, string sql, string id)
    {
        await using var connection = await db.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand(sql).AddParameter("id", id);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task ExecuteAsync(IDatabase db, string sql, string id, string json)
    {
        await using var connection = await db.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand(sql).AddParameter("id", id).AddParameter("json", json);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    [Fact]
    public async Task A_matter_with_every_timeline_entry_is_stored_as_the_pinned_json_and_the_pinned_json_reads_back()
    {
        var db = await NewDatabaseAsync();
        var repo = new SqlMatterRepository(db, _time);

        await repo.AddAsync(Matter.Rehydrate(FullMatter()), Ct);

        Assert.Equal(MatterJson, await TextAsync(db, "SELECT snapshot FROM matters WHERE id = @id", "NC-2026-007"));
        await ExecuteAsync(db, "UPDATE matters SET snapshot = @json WHERE id = @id", "NC-2026-007", MatterJson);
        var read = (await repo.GetAsync(MatterId.Parse("NC-2026-007"), Ct))!;
        Assert.Equal(12, read.Timeline.Count);
        Assert.Equal(MatterJson, JsonSerializer.Serialize(read.ToSnapshot() with { Version = 0 }, BureauJson.Options));
    }

    [Fact]
    public async Task A_procedure_is_stored_as_the_pinned_json_and_the_pinned_json_reads_back()
    {
        var db = await NewDatabaseAsync();
        var matters = new SqlMatterRepository(db, _time);
        var repo = new SqlProcedureRepository(db, matters, _time);

        await repo.SaveAsync(FormalProcedure.Rehydrate(FullProcedure()), Matter.Rehydrate(FullMatter()), matterIsNew: true, [], Ct);

        Assert.Equal(ProcedureJson, await TextAsync(db, "SELECT snapshot FROM procedures WHERE matter_id = @id", "NC-2026-007"));
        await ExecuteAsync(db, "UPDATE procedures SET snapshot = @json WHERE matter_id = @id", "NC-2026-007", ProcedureJson);
        var read = (await repo.GetAsync(MatterId.Parse("NC-2026-007"), Ct))!;
        Assert.Equal("Ambassador F", read.Facilitator);
        Assert.Equal(ProcedureJson, JsonSerializer.Serialize(read.ToSnapshot() with { Version = 0 }, BureauJson.Options));
    }

    [Fact]
    public async Task A_meeting_is_stored_as_the_pinned_json_and_the_pinned_json_reads_back()
    {
        var db = await NewDatabaseAsync();
        var repo = new SqlMeetingRepository(db);

        await repo.CreateAsync(FullMeeting(), T0, T0, Ct);

        Assert.Equal(MeetingJson, await TextAsync(db, "SELECT document FROM meetings WHERE id = @id", "mt-0007"));
        await ExecuteAsync(db, "UPDATE meetings SET document = @json WHERE id = @id", "mt-0007", MeetingJson);
        var read = (await repo.GetAsync("mt-0007", Ct))!;
        Assert.Equal(FreeBusy.WorkingElsewhere, read.Meeting.Participants[0].Calendar!.Items[1].Status);
        Assert.Equal(MeetingJson, JsonSerializer.Serialize(read.Meeting, BureauJson.Options));
    }

    [Fact]
    public async Task A_roster_history_row_stores_its_changes_as_the_pinned_json_and_the_pinned_json_reads_back()
    {
        var db = await NewDatabaseAsync();
        var states = StateDirectory.LoadEmbedded();
        var history = new SqlRosterHistory(db, new SqlRosterRepository(db, states, _time));
        string[] changes = ["Added Ambassador Ké (KEN)", "Role \"President\" <now> & 'then'", ""];
        var roster = new Roster([], [], null);

        await history.ApplyAsync(roster, new RosterHistoryEntry(0, T0, "m-president", "upload", changes), [], Ct);

        var id = (await history.ListAsync(1, Ct))[0].Id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(RosterChangesJson, await TextAsync(db, "SELECT changes FROM roster_history WHERE id = CAST(@id AS bigint)", id));
        Assert.Equal(RosterFile.Serialize(roster), await TextAsync(db, "SELECT roster FROM roster_history WHERE id = CAST(@id AS bigint)", id));
        await ExecuteAsync(db, "UPDATE roster_history SET changes = @json WHERE id = CAST(@id AS bigint)", id, RosterChangesJson);
        Assert.Equal(changes, (await history.ListAsync(1, Ct))[0].Changes);
    }
}

public sealed class SqliteStoredJsonTests(SqliteTestServer server) : StoredJsonContractTests(server), IClassFixture<SqliteTestServer>;

public sealed class PostgresStoredJsonTests(PostgresTestServer server) : StoredJsonContractTests(server), IClassFixture<PostgresTestServer>;
