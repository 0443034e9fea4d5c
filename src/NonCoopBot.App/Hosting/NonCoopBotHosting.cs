using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Diagnostics;
using NonCoopBot.App.Features;
using NonCoopBot.App.Features.Export;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Infrastructure;
using NonCoopBot.Infrastructure.Graph;
using NonCoopBot.Protocol;
using NonCoopBot.Protocol.Auth;

namespace NonCoopBot.App.Hosting;

/// <summary>The composition root: every service the bot needs, and its endpoints.</summary>
public static class NonCoopBotHosting
{
    public static WebApplicationBuilder AddNonCoopBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddBotProtocol(configuration);
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>>(new AppIdRequiredOutsideDevelopment(builder.Environment));
        var isDevelopment = builder.Environment.IsDevelopment();
        services.AddSingleton(sp => BotProtocolServiceCollectionExtensions.CreateServiceUrlPolicy(
            sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value, isDevelopment));
        services.AddNonCoopBotPersistence(configuration);
        services.AddBureauPersistence(configuration);
        services.AddMeetingAdapters(configuration);

        services.AddOptions<TurnOptions>().BindConfiguration(TurnOptions.SectionName).ValidateOnStart();
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TurnOptions>, TurnOptionsValidator>();
        services.AddSingleton<IValidateOptions<DialogOptions>, DialogOptionsValidator>();
        services.AddSingleton<IConversationReferenceStore, StorageConversationReferenceStore>();
        services.AddSingleton<DialogSet>();
        services.AddSingleton<DialogRunner>();
        services.AddSingleton<IActiveDialogHandler>(sp => sp.GetRequiredService<DialogRunner>());
        services.AddSingleton(NonCoopBotRoutes.Texts);
        services.AddSingleton(sp => NonCoopBotRoutes.Build(new BotRoutes(sp.GetRequiredService<TextCatalogue>())));
        services.AddSingleton<TurnPipeline>();
        services.AddScoped<ITurnTransport, ConnectorTurnTransport>();
        services.AddNonCoopBotFeatures(configuration);
        services.AddHostedService<StoragePurgeService>();
        services.AddBotTelemetry(configuration);

        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapNonCoopBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bot = app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        if (string.IsNullOrWhiteSpace(bot.AppId))
        {
            Log.AnonymousModeAnnounced(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot"));
        }

        app.MapGet("/", () => Results.Text(string.IsNullOrWhiteSpace(bot.AppId)
            ? "NonCoopBot is running in ANONYMOUS local development mode (no Bot:AppId). The messaging endpoint is /api/messages."
            : "NonCoopBot is running. The messaging endpoint is /api/messages."));
        app.UseTurnTelemetry(app.Services.GetRequiredService<TimeProvider>());
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapBotEndpoint();
        app.MapExportDownloads();
        return app;
    }

    /// <summary>Outside Development the bot must have an app id: anonymous mode is for local runs only.</summary>
    private sealed class AppIdRequiredOutsideDevelopment(IHostEnvironment environment) : IValidateOptions<BotAuthenticationOptions>
    {
        public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.AppId) && !environment.IsDevelopment())
                return ValidateOptionsResult.Fail($"Bot:AppId is required in the {environment.EnvironmentName} environment (anonymous mode is allowed only in Development). Set Bot:AppId, Bot:TenantId and Bot:ClientSecret.");
            if (options.AllowLoopbackServiceUrls && environment.IsProduction())
                return ValidateOptionsResult.Fail("Bot:AllowLoopbackServiceUrls is for tests only and is refused in Production. Remove it.");
            return ValidateOptionsResult.Success;
        }
    }
}
