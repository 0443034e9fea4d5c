using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>Registers alert delivery: the outbox handler, the ledger, the throttled connector, the messenger and the worker.</summary>
public static class AlertServiceCollectionExtensions
{
    /// <summary>The HTTP client of alert sends: no per-request 429 retries (the shared <see cref="SendGate"/> handles them).</summary>
    public const string HttpClientName = "NonCoopBot.Alerts.Connector";

    /// <summary>
    /// Adds alerts. Needs <c>AddBotProtocol</c>, persistence, the Bureau repositories, an
    /// <see cref="IConversationReferenceStore"/> and a <c>CardCatalog</c> registration (resolved on first use).
    /// </summary>
    public static IServiceCollection AddAlertDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AlertWakeSignal>();
        services.TryAddSingleton<SendGate>();
        services.TryAddSingleton<SendThrottle>();
        services.TryAddSingleton<AlertCards>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMatterEventHandler, AlertOutboxWriter>());
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler(sp => new SendGateHandler(sp.GetRequiredService<SendGate>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<AlertOptions>>().Value.MaxRetryAfter));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertOptions>>().Value;
            var connector = new ConnectorClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                sp.GetRequiredService<IBotTokenProvider>(),
                sp.GetRequiredService<IServiceUrlTrust>(),
                sp.GetRequiredService<ILogger<ConnectorClient>>());
            return new ProactiveMessenger(connector, sp.GetRequiredService<IConversationReferenceStore>(), sp.GetRequiredService<IServiceUrlTrust>(),
                sp.GetRequiredService<TimeProvider>(), new ProactiveDefaults(options.BotId, options.TenantId, options.ServiceUrl));
        });
        services.TryAddSingleton<AlertDispatcher>();
        services.AddSingleton<IHostedService, AlertWorker>();
        return services;
    }
}
