using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.Dialogs.Prompts;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.Dialogs.Tests.Texts;

/// <summary>Dates and times per language from the catalogue (no culture data: the app runs with invariant globalization).</summary>
public sealed class DateTextsTests
{
    private static readonly TextCatalogue Texts = TextCatalogue.Library;
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "3 Dec 2026, 14:00")]
    [InlineData("fr", "3 déc. 2026 14:00")]
    [InlineData("es", "3 dic. 2026 14:00")]
    public void DateTime_IsFormattedPerLanguage(string language, string expected) =>
        Assert.Equal(expected, Texts.FormatDateTime(language, At));

    [Theory]
    [InlineData("en", "3 Dec 2026, 15:00")]
    [InlineData("fr", "3 déc. 2026 15:00")]
    public void DateTime_IsShownInTheGivenZone(string language, string expected) =>
        Assert.Equal(expected, Texts.FormatDateTime(language, At, "Europe/Paris"));

    [Theory]
    [InlineData("en", "3 December 2026", "3 Dec 2026", "Thu 3 Dec 09:00", "3 Dec 2026, 14:00 UTC")]
    [InlineData("fr", "3 décembre 2026", "3 déc. 2026", "jeu. 3 déc. 09:00", "3 déc. 2026 14:00 UTC")]
    [InlineData("es", "3 de diciembre de 2026", "3 dic. 2026", "jue. 3 dic. 09:00", "3 dic. 2026 14:00 UTC")]
    public void Dates_AreFormattedPerLanguage(string language, string longDate, string date, string dayTime, string utc)
    {
        Assert.Equal(longDate, Texts.FormatLongDate(language, new DateOnly(2026, 12, 3)));
        Assert.Equal(date, Texts.FormatDate(language, new DateOnly(2026, 12, 3)));
        Assert.Equal(dayTime, Texts.FormatDayTime(language, At, "America/New_York"));
        Assert.Equal(utc, Texts.FormatDateTimeUtc(language, At));
    }

    [Fact]
    public void EveryMonthAndDay_HasAName_InEveryLanguage()
    {
        foreach (var language in TextCatalogue.Languages)
        {
            Assert.Equal(12, Texts.Months(language, full: true).Distinct().Count());
            Assert.Equal(12, Texts.Months(language, full: false).Distinct().Count());
            Assert.Equal(7, Texts.Days(language, full: true).Distinct().Count());
            Assert.Equal(7, Texts.Days(language, full: false).Distinct().Count());
        }
    }

    [Theory]
    [InlineData("aujourd'hui 14:30", "Europe/Paris", "2026-11-29T13:30:00Z")]
    [InlineData("aujourd’hui à 14h30", "Europe/Paris", "2026-11-29T13:30:00Z")]
    [InlineData("demain à 9h", "UTC", "2026-11-30T09:00:00Z")]
    [InlineData("hier 9:15", "America/New_York", "2026-11-28T14:15:00Z")]
    [InlineData("maintenant", null, "2026-11-29T10:00:00Z")]
    [InlineData("3 déc. 2026 14:00", "UTC", "2026-12-03T14:00:00Z")]
    [InlineData("3 dec 2026 14:00", "UTC", "2026-12-03T14:00:00Z")]
    [InlineData("le 3 décembre 2026 à 14:00", "UTC", "2026-12-03T14:00:00Z")]
    [InlineData("1 févr. 2027 08:00", "UTC", "2027-02-01T08:00:00Z")]
    [InlineData("hoy 14:30", "Europe/Madrid", "2026-11-29T13:30:00Z")]
    [InlineData("mañana a las 14:00", "UTC", "2026-11-30T14:00:00Z")]
    [InlineData("manana 14:00", "UTC", "2026-11-30T14:00:00Z")]
    [InlineData("ayer 9:15", "UTC", "2026-11-28T09:15:00Z")]
    [InlineData("ahora", null, "2026-11-29T10:00:00Z")]
    [InlineData("3 dic. 2026 14:00", "UTC", "2026-12-03T14:00:00Z")]
    [InlineData("3 de diciembre de 2026 14:00", "UTC", "2026-12-03T14:00:00Z")]
    [InlineData("3 de diciembre de 2026 14:00 Europe/Madrid", "UTC", "2026-12-03T13:00:00Z")]
    [InlineData("28 Nov 2026 09:00", null, "2026-11-28T09:00:00Z")]
    public void DateTime_ParsesTheWordsOfEveryLanguage(string text, string? zone, string expected)
    {
        foreach (var language in TextCatalogue.Languages)
        {
            Assert.True(DateTimePrompt.TryParse(Texts, language, text, zone, Now, out var value, out var error), $"{language}: {error}");
            Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("en", "FormattedBack")]
    [InlineData("fr", "FormattedBack")]
    [InlineData("es", "FormattedBack")]
    public void WhatIsFormatted_ParsesBack(string language, string _)
    {
        var text = Texts.FormatDateTime(language, At, "Europe/Paris");
        Assert.True(DateTimePrompt.TryParse(Texts, language, text, "Europe/Paris", Now, out var value, out var error), error);
        Assert.Equal(At, value);
    }

    [Theory]
    [InlineData("fr", "Veuillez indiquer une date")]
    [InlineData("es", "Indique una fecha")]
    [InlineData("en", "Please give a date")]
    public void DateTime_SaysWhyNot_InTheReadersLanguage(string language, string start)
    {
        Assert.False(DateTimePrompt.TryParse(Texts, language, "bientôt", "UTC", Now, out _, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
        Assert.False(DateTimePrompt.TryParse(Texts, language, "demain 09:00 Mars/Olympus", "UTC", Now, out _, out var zoneError));
        Assert.Contains("Mars/Olympus", zoneError, StringComparison.Ordinal);
        Assert.DoesNotContain("{zone}", zoneError, StringComparison.Ordinal);
    }
}

/// <summary>Folding for typed answers works without culture data (invariant globalization decomposes nothing).</summary>
public sealed class TextFoldTests
{
    [Theory]
    [InlineData("Réunion d’urgence", "reunion d'urgence")]
    [InlineData("MAÑANA", "manana")]
    [InlineData("Sí", "si")]
    [InlineData("août", "aout")]
    [InlineData("miércoles", "miercoles")]
    [InlineData("plain", "plain")]
    public void Fold_RemovesAccents(string text, string expected) => Assert.Equal(expected, TextFold.Fold(text));

    [Fact]
    public void Choices_MatchWithoutAccents() =>
        Assert.Equal("fr", ChoiceCard.Match("francais", [new("en", "English"), new("fr", "Français")])?.Value);
}

/// <summary>Localized command words match without their accents and in any case, and the argument keeps what was typed.</summary>
public sealed class CommandWordFoldingTests
{
    private sealed class NoTransport : NonCoopBot.Dialogs.Turns.ITurnTransport
    {
        public Task<string?> SendAsync(NonCoopBot.Protocol.Schema.Activity activity, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task UpdateAsync(NonCoopBot.Protocol.Schema.Activity activity, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static NonCoopBot.Dialogs.Turns.TurnContext Turn(string text) => new(
        new NonCoopBot.Protocol.Schema.Activity { Type = NonCoopBot.Protocol.Schema.ActivityTypes.Message, Text = text },
        new NoTransport(),
        new Microsoft.Extensions.DependencyInjection.ServiceCollection().BuildServiceProvider());

    [Theory]
    [InlineData("réunion d'urgence NC-2026-001", "NC-2026-001")]
    [InlineData("reunion d'urgence NC-2026-001", "NC-2026-001")]
    [InlineData("Réunion D’urgence", "")]
    [InlineData("REUNION DE EMERGENCIA mañana", "mañana")]
    public void AccentedCommandWords_MatchWithoutAccents(string text, string argument)
    {
        var words = new[] { "réunion d'urgence", "reunión de emergencia" };
        var turn = Turn(text);
        var word = NonCoopBot.Dialogs.Turns.CommandText.MatchOf(turn, words);
        Assert.NotNull(word);
        Assert.Equal(argument, NonCoopBot.Dialogs.Turns.CommandText.Argument(turn, word));
    }

    [Fact]
    public void OtherWords_DoNotMatch() =>
        Assert.Null(NonCoopBot.Dialogs.Turns.CommandText.MatchOf(Turn("réunions d'urgence"), ["réunion d'urgence"]));
}
