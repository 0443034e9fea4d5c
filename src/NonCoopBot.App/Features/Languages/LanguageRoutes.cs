using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.Languages;

/// <summary>
/// Sets each turn's language before it is routed (the sender's choice, read with the turn's claim; else their roster
/// preference; else the Teams client locale; else English), and the <c>language</c> command that changes it.
/// </summary>
public static class LanguageRoutes
{
    public static BotRoutes MapLanguage(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.OnLocalizedCommand("language", ChangeAsync, interrupts: true);
    }

    public static IServiceCollection AddLanguages(this IServiceCollection services)
    {
        services.AddSingleton<LanguagePreferences>();
        services.AddSingleton<ITurnInitializer, TurnLanguage>();
        return services;
    }

    private static async Task ChangeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var argument = turn.CommandArgument;
        if (argument.Length == 0)
        {
            await turn.SendTextAsync(turn.T("language.current"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var code = TextCatalogue.Normalize(argument) ?? ByName(argument);
        var aad = turn.Activity.From?.AadObjectId;
        if (code is null || string.IsNullOrEmpty(aad))
        {
            await turn.SendTextAsync(turn.T("language.unknown"), cancellationToken).ConfigureAwait(false);
            return;
        }

        await turn.Services.GetRequiredService<LanguagePreferences>().SetAsync(aad, code, cancellationToken).ConfigureAwait(false);
        turn.Language = code;
        await turn.SendTextAsync(turn.T("language.set"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"français", "english", "español" (and their unaccented forms) as well as the codes.</summary>
    private static string? ByName(string text) => text.Trim().ToLowerInvariant() switch
    {
        "english" or "anglais" or "inglés" or "ingles" => "en",
        "français" or "francais" or "french" or "francés" or "frances" => "fr",
        "español" or "espanol" or "spanish" or "espagnol" => "es",
        _ => null,
    };

    /// <summary>Decides <see cref="TurnContext.Language"/> for every turn.</summary>
    private sealed class TurnLanguage(IRosterRepository rosters) : ITurnInitializer
    {
        public string? StateKeyOf(TurnContext turn) =>
            turn.Activity.From?.AadObjectId is { Length: > 0 } aad ? LanguagePreferences.KeyOf(aad) : null;

        public async Task InitializeAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            var aad = turn.Activity.From?.AadObjectId;
            if (string.IsNullOrEmpty(aad))
            {
                turn.Language = TextCatalogue.Normalize(turn.Activity.Locale) ?? TextCatalogue.English;
                return;
            }

            var key = LanguagePreferences.KeyOf(aad);
            var chosen = turn.TakePrefetched(key, out var item)
                ? LanguagePreferences.ChosenIn(item)
                : LanguagePreferences.ChosenIn(await turn.Services.GetRequiredService<NonCoopBot.Dialogs.State.IStorage>().ReadAsync(key, cancellationToken).ConfigureAwait(false));
            if (chosen is not null)
            {
                turn.Language = chosen;
                return;
            }

            var roster = await rosters.GetAsync(cancellationToken).ConfigureAwait(false);
            turn.Language = (roster?.Identify(aad) as Principal.Member)?.BureauMember.PreferredLanguage.ToCode()
                ?? TextCatalogue.Normalize(turn.Activity.Locale)
                ?? TextCatalogue.English;
        }
    }
}
