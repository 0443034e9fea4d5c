using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Prompts;

namespace NonCoopBot.Dialogs.Tests.Dialogs;

public sealed class PromptTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("now", null, "2026-11-29T10:00:00Z")]
    [InlineData("today 14:30", "Europe/Paris", "2026-11-29T13:30:00Z")]
    [InlineData("yesterday 9:15", "America/New_York", "2026-11-28T14:15:00Z")]
    [InlineData("14:30", "Asia/Tokyo", "2026-11-29T05:30:00Z")]
    [InlineData("2026-11-28 09:00", "Africa/Nairobi", "2026-11-28T06:00:00Z")]
    [InlineData("28/11/2026 09:00", "UTC", "2026-11-28T09:00:00Z")]
    [InlineData("28 Nov 2026 09:00", null, "2026-11-28T09:00:00Z")]
    [InlineData("2026-11-28 09:00 UTC", "Asia/Tokyo", "2026-11-28T09:00:00Z")]
    [InlineData("2026-11-28 09:00 +02:00", "Asia/Tokyo", "2026-11-28T07:00:00Z")]
    [InlineData("2026-11-28 09:00 Europe/Paris", "Asia/Tokyo", "2026-11-28T08:00:00Z")]
    [InlineData("today at 2:30pm", "UTC", "2026-11-29T14:30:00Z")]
    public void DateTime_Parses(string text, string? zone, string expected)
    {
        Assert.True(DateTimePrompt.TryParse(text, zone, Now, out var value, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2026-13-45 09:00")]
    [InlineData("today 25:00")]
    [InlineData("")]
    public void DateTime_RefusesNonsense(string text) =>
        Assert.False(DateTimePrompt.TryParse(text, "UTC", Now, out _, out _));

    [Fact]
    public void DateTime_UnknownZone_SaysWhich()
    {
        Assert.False(DateTimePrompt.TryParse("today 09:00 Mars/Olympus", "UTC", Now, out _, out var error));
        Assert.Contains("Mars/Olympus", error);
    }

    private static readonly IReadOnlyList<Choice> Scenarios =
    [
        new("7a", "7(a) Court referral", null, ["referral"]),
        new("7b", "7(b) Urgent, no referral yet", null, ["urgent"]),
    ];

    [Theory]
    [InlineData("7(a) Court referral", "7a")]
    [InlineData("7(A) COURT REFERRAL.", "7a")]
    [InlineData("2", "7b")]
    [InlineData("urgent", "7b")]
    [InlineData("7(b)", "7b")]
    [InlineData("7b", "7b")]
    public void Choice_MatchesTypedAnswers(string text, string expected) =>
        Assert.Equal(expected, ChoiceCard.Match(text, Scenarios)?.Value);

    [Theory]
    [InlineData("7")]
    [InlineData("3")]
    [InlineData("maybe")]
    public void Choice_RefusesAmbiguousOrUnknown(string text) =>
        Assert.Null(ChoiceCard.Match(text, Scenarios));
}
