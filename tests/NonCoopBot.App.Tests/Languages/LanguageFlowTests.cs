using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>Which language the bot answers in: the member's choice, else the roster's preference, else the client locale, else English.</summary>
public sealed class LanguageFlowTests : IAsyncLifetime
{
    private const string French = "a0000000-0000-4000-8000-000000000009";   // roster: fr
    private const string Spanish = "a0000000-0000-4000-8000-000000000016";  // roster: es
    private const string English = "a0000000-0000-4000-8000-000000000007";  // roster: en
    private const string Stranger = "b0000000-0000-4000-8000-000000000099"; // not on the roster

    private BotTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> ReplyAsync(string aad, string text, string? locale = null)
    {
        var activity = ActivityBuilder.Message(text).From("29:" + aad, aad).InPersonalChat("a:personal-" + aad).With(a => a.Locale = locale).Build();
        var (sent, _) = await _host.SendAsync(activity);
        return string.Join("\n", sent.Select(Transcript.TextOf));
    }

    [Fact]
    public async Task TheRostersPreference_ChoosesTheLanguage_WhateverTheCommandWord()
    {
        Assert.StartsWith("NonCoopBot appuie les procédures du Bureau", await ReplyAsync(French, "help"), StringComparison.Ordinal);
        Assert.StartsWith("NonCoopBot apoya los procedimientos de la Mesa", await ReplyAsync(Spanish, "aide"), StringComparison.Ordinal);
        Assert.StartsWith("NonCoopBot supports the Bureau's procedures", await ReplyAsync(English, "ayuda", locale: "fr-FR"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClientLocale_ChoosesForSomeoneNotOnTheRoster_ElseEnglish()
    {
        Assert.StartsWith("NonCoopBot apoya", await ReplyAsync(Stranger, "ayuda", locale: "es-ES"), StringComparison.Ordinal);
        Assert.StartsWith("NonCoopBot supports", await ReplyAsync(Stranger, "help", locale: "de-DE"), StringComparison.Ordinal);
        Assert.StartsWith("NonCoopBot supports", await ReplyAsync(Stranger, "help"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMember_ChangesTheirLanguage_AndItStays()
    {
        Assert.Equal("A partir de ahora le escribo en español.", await ReplyAsync(French, "langue es"));
        Assert.StartsWith("NonCoopBot apoya", await ReplyAsync(French, "aide"), StringComparison.Ordinal);
        Assert.Equal("From now on I write to you in English.", await ReplyAsync(French, "idioma english"));
        Assert.StartsWith("NonCoopBot supports", await ReplyAsync(French, "help", locale: "fr-FR"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownLanguage_GetsTheChoices_AndChangesNothing()
    {
        Assert.StartsWith("Je peux écrire en anglais (en), en français (fr) ou en espagnol (es).", await ReplyAsync(French, "langue de"), StringComparison.Ordinal);
        Assert.StartsWith("NonCoopBot appuie", await ReplyAsync(French, "help"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_InEachLanguage()
    {
        Assert.Equal("Il n'y a rien à annuler.", await ReplyAsync(French, "annuler"));
        Assert.Equal("No hay nada que cancelar.", await ReplyAsync(Spanish, "cancel"));
        Assert.Equal("There is nothing to cancel.", await ReplyAsync(English, "cancelar"));
    }
}
