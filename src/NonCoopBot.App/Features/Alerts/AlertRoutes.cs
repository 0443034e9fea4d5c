using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>Alert acknowledgements and card refreshes (issue 4).</summary>
public static class AlertRoutes
{
    public static BotRoutes MapAlerts(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes;
    }

    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
