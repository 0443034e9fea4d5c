using System.Text.RegularExpressions;
using NonCoopBot.App.Features;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Features.Record;
using NonCoopBot.App.Tests.Alerts;
using NonCoopBot.Infrastructure.Tests.Persistence;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>
/// Every date a person reads goes through the one formatter (<c>DateTexts</c>, names from <c>date.*</c>): the record,
/// procedure, contact log and roster (<see cref="ReaderDates"/>), the alert cards and the meeting times write the same
/// forms per language. French and Spanish date-times have no comma ("3 déc. 2026 14:00"), English keeps it.
/// </summary>
public sealed class DateFormatTests(SqliteTestServer server) : IClassFixture<SqliteTestServer>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "3 December 2026", "3 Dec 2026", "3 Dec 2026, 14:00 UTC", "3 Dec 2026, 09:00 (America/New_York)", "3 Dec 2026, 14:00 (UTC)")]
    [InlineData("fr", "3 décembre 2026", "3 déc. 2026", "3 déc. 2026 14:00 UTC", "3 déc. 2026 09:00 (America/New_York)", "3 déc. 2026 14:00 (UTC)")]
    [InlineData("es", "3 de diciembre de 2026", "3 dic. 2026", "3 dic. 2026 14:00 UTC", "3 dic. 2026 09:00 (America/New_York)", "3 dic. 2026 14:00 (UTC)")]
    public void TheRecordsDates_AreTheOneFormattersDates(string language, string day, string shortDay, string utc, string inZone, string unknownZone)
    {
        var dates = new ReaderDates(NonCoopBotRoutes.Texts, language);

        Assert.Equal(day, dates.Day(DateOnly.FromDateTime(At.UtcDateTime)));
        Assert.Equal(shortDay, dates.ShortDay(DateOnly.FromDateTime(At.UtcDateTime)));
        Assert.Equal(utc, dates.Utc(At));
        Assert.Equal(inZone, dates.InZone(At, "America/New_York"));
        Assert.Equal(unknownZone, dates.InZone(At, "Nowhere/Atlantis"));
    }

    [Theory]
    [InlineData("en", "Thu 3 Dec 09:00–10:00 New York")]
    [InlineData("fr", "jeu. 3 déc. 09:00–10:00 New York")]
    [InlineData("es", "jue. 3 dic. 09:00–10:00 New York")]
    public void MeetingTimes_AreWrittenAsBefore(string language, string expected) =>
        Assert.Equal(expected, MeetingTimes.Span(At, At.AddHours(1), "America/New_York", NonCoopBotRoutes.Texts, language));

    [Fact]
    public async Task AlertCards_WriteTheirTimesWithTheOneFormatter_InEachRecipientsLanguage()
    {
        await using var h = await AlertHarness.CreateAsync(server);
        await h.TriggerGoodOfficesAsync();

        await h.NewDispatcher().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Matches(@"^\d{1,2} Mar 2026, \d\d:\d\d UTC$", Interaction(h, "member-ken"));  // English
        Assert.Matches(@"^\d{1,2} mars 2026 \d\d:\d\d UTC$", Interaction(h, "member-tun")); // French
        Assert.Matches(@"^\d{1,2} mar\. 2026 \d\d:\d\d UTC$", Interaction(h, "member-bra")); // Spanish
    }

    private static string Interaction(AlertHarness h, string memberId)
    {
        var card = h.AlertPosts().Single(p => AlertHarness.ConversationIdOf(p) == "a:conv-" + memberId).Body!["attachments"]![0]!["content"]!;
        return Assert.Single(Transcript.CardTexts(card), t => Regex.IsMatch(t, @"\b2026\b", RegexOptions.None, TimeSpan.FromSeconds(1)));
    }
}
