using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly.Telemetry;
using Microsoft.Identity.Client;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.Protocol;

/// <summary>Registers the protocol layer: inbound authentication and the outbound connector client.</summary>
public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BotAuthenticator"/>, <see cref="ConnectorClient"/> (typed client
    /// <see cref="ConnectorClient.HttpClientName"/> with the resilience pipeline of <see cref="ConnectorResilience"/>),
    /// <see cref="IServiceUrlTrust"/>, <see cref="IBotTokenProvider"/> (MSAL when
    /// <c>Bot:AppId</c> and <c>Bot:ClientSecret</c> are set, otherwise anonymous) and their options,
    /// bound from <c>Bot</c> and <c>Bot:Connector</c> and validated at startup. Registers
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration.GetSection(BotAuthenticationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CreateServiceUrlPolicy(sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value, isDevelopment: false));
        services.TryAddSingleton<IServiceUrlTrust>(sp => new InMemoryServiceUrlTrust(sp.GetRequiredService<ServiceUrlPolicy>()));
        services.TryAddSingleton<ActivityAdmission>();

        services.AddHttpClient(BotAuthenticator.MetadataHttpClientName);
        services.TryAddSingleton<BotAuthenticator>();

        services.AddHttpClient(MsalBotTokenProvider.HttpClientName);
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientFactoryAdapter>();
        services.TryAddSingleton<IBotTokenProvider>(sp =>
            sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.HasCredentials
                ? ActivatorUtilities.CreateInstance<MsalBotTokenProvider>(sp)
                : new AnonymousBotTokenProvider());

        // No HttpClient logging handlers on the connector (four Information lines and a log scope per reply): the
        // connector's own log (ConnectorLog) says what matters, and traces come from OpenTelemetry.
        services.AddHttpClient<ConnectorClient>(ConnectorClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler(ConnectorResilience.PipelineName, ConnectorResilience.Configure);
        services.Configure<TelemetryOptions>(ConnectorResilience.QuietAttempts);

        return services;
    }

    /// <summary>
    /// The serviceUrl policy of <paramref name="options"/>: its host rules, plus loopback in anonymous
    /// Development mode (no app id, so no token to leak) or when the tests-only switch is on.
    /// </summary>
    public static ServiceUrlPolicy CreateServiceUrlPolicy(BotAuthenticationOptions options, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ServiceUrlPolicy(options.EffectiveTrustedServiceUrlHosts,
            allowLoopback: options.AllowLoopbackServiceUrls || options.IsAnonymousDevelopment(isDevelopment));
    }
}
