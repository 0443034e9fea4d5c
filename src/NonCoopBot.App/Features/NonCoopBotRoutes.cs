using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Features.Help;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Features.NonCooperation;
using NonCoopBot.App.Features.Onboarding;
using NonCoopBot.App.Features.Procedure;
using NonCoopBot.App.Features.Record;
using NonCoopBot.App.Features.Rosters;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Features;

/// <summary>Every route of the bot, in the order they are tried (first match wins).</summary>
public static class NonCoopBotRoutes
{
    private static readonly Lazy<TextCatalogue> Catalogue = new(() => TextCatalogue.Load(typeof(NonCoopBotRoutes).Assembly, typeof(TextCatalogue).Assembly));

    /// <summary>The one text catalogue (every <c>Texts/*.json</c> embedded in the bot and the dialog library), loaded once.</summary>
    public static TextCatalogue Texts => Catalogue.Value;

    public static BotRoutes Build(BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .MapHelp()
            .MapLanguage()
            .MapAlerts()
            .MapNonCooperation()
            .MapMeetings()
            .MapProcedure()
            .MapFocalPoints()
            .MapRoster()
            .MapRecord()
            .MapExport()
            .MapOnboarding()
            .MapFallback();
    }

    /// <summary>Registers the services the features need.</summary>
    public static IServiceCollection AddNonCoopBotFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLanguages();
        services.AddNonCooperation();
        services.AddAlerts(configuration);
        services.AddMeetings(configuration);
        services.AddProcedure(configuration);
        services.AddFocalPoints();
        services.AddRoster();
        services.AddRecord();
        services.AddExport(configuration);
        return services;
    }
}
