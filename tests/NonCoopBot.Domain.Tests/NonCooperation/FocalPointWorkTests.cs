using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Tests.NonCooperation;

public sealed class FocalPointWorkTests
{
    private static readonly Actor President = TestData.President;

    private static ContactDetails Details(DateTimeOffset at, string summary = "Meeting at the ministry.") =>
        new(at, "Africa/Nairobi", ContactChannel.Meeting, [new ContactOfficial("J. Doe", "Permanent Secretary")], summary, "Views noted", null, null);

    [Fact]
    public void Only_the_person_asked_answers_once_and_a_decline_needs_a_reason()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        var ken = TestData.SampleRoster().FindMemberById("member-ken")!;
        var request = matter.RequestAssistance(President, ken, "Please contact the ministry.", time);

        Assert.Throws<MatterRuleException>(() => matter.AnswerAssistance(President, request.Sequence, true, null, time));
        Assert.Throws<MatterRuleException>(() => matter.AnswerAssistance(Actor.From(ken), request.Sequence, false, " ", time));
        var answer = matter.AnswerAssistance(Actor.From(ken), request.Sequence, false, "Travelling until Friday.", time);

        Assert.False(answer.Accepted);
        Assert.Equal("Travelling until Friday.", answer.Reason);
        Assert.Same(answer, matter.AnswerTo(request.Sequence));
        Assert.Throws<MatterRuleException>(() => matter.AnswerAssistance(Actor.From(ken), request.Sequence, true, null, time));
    }

    [Fact]
    public void A_correction_keeps_the_earlier_version_and_only_the_author_or_the_President_may_correct()
    {
        var time = TestData.Clock();
        var matter = TestData.OpenMatter(time);
        var roster = TestData.SampleRoster();
        var ken = Actor.From(roster.FindMemberById("member-ken")!);
        var other = Actor.From(roster.FindMemberById("member-nga")!);
        var entry = matter.RecordContact(ken, Details(time.GetUtcNow().AddHours(-2)), time);

        var error = Assert.Throws<MatterRuleException>(() => matter.CorrectContact(other, false, entry.Sequence, Details(time.GetUtcNow(), "Changed."), time));
        Assert.Equal("rule.contactNotYours", error.Code);
        Assert.Equal("Ambassador K. Example", error.Text["name"]);
        var byAuthor = matter.CorrectContact(ken, false, entry.Sequence, Details(time.GetUtcNow().AddHours(-2), "Meeting held at the ministry."), time);
        var byPresident = matter.CorrectContact(President, true, byAuthor.Sequence, Details(time.GetUtcNow().AddHours(-2), "Meeting held at the ministry, 10:00."), time);

        Assert.Equal(entry.Sequence, byPresident.CorrectsSequence);
        Assert.Equal(["Meeting at the ministry.", "Meeting held at the ministry.", "Meeting held at the ministry, 10:00."], matter.ContactVersions(entry.Sequence).Select(c => c.Details.Summary));
        Assert.Equal("Meeting held at the ministry, 10:00.", Assert.Single(matter.CurrentContacts).Details.Summary);
    }

    [Fact]
    public void Contact_rules_name_each_field_that_is_not_acceptable()
    {
        var now = TestData.Clock().GetUtcNow();
        var bad = new ContactDetails(now.AddDays(1), "UTC", (ContactChannel)42, [new ContactOfficial(" ", "")], "", new string('x', 2001), null, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-10));

        var fields = ContactRules.Validate(bad, now).Select(e => e.Field).ToList();

        Assert.Equal(["when", "channel", "officials", "summary", "outcome", "nextContact"], fields);
        Assert.Empty(ContactRules.Validate(Details(now.AddHours(-1)), now));
    }

    [Fact]
    public void Officials_and_channels_are_read_as_typed()
    {
        Assert.Equal([new ContactOfficial("J. Doe", "Minister"), new ContactOfficial("A. Roe", "")], ContactRules.ParseOfficials("J. Doe (Minister); A. Roe"));
        Assert.Equal(ContactChannel.Demarche, ContactRules.ParseChannel("Démarche"));
        Assert.Null(ContactRules.ParseChannel("fax"));
    }
}
