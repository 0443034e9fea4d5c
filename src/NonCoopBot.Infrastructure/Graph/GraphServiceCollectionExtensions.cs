using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.Infrastructure.Graph;

/// <summary>Registers the calendar ports: the Graph adapter when <c>Graph:OrganizerMailbox</c> is set, else "no calendars".</summary>
public static class GraphServiceCollectionExtensions
{
    /// <summary>The app-only scope of Microsoft Graph (the granted application permissions).</summary>
    public const string DefaultScope = "https://graph.microsoft.com/.default";

    /// <summary>The emergency-meeting adapters: Graph calendars (when configured), the meeting store and the start-up notice.</summary>
    public static IServiceCollection AddMeetingAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGraphCalendars(configuration);
        services.TryAddSingleton<IMeetingRepository, NonCoopBot.Infrastructure.Meetings.SqlMeetingRepository>();
        services.AddHostedService<GraphStartupNotice>();
        return services;
    }

    public static IServiceCollection AddGraphCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());
        services.TryAddSingleton(sp => Create(sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        services.TryAddSingleton(sp => (IFreeBusyProvider)sp.GetRequiredService<CalendarPorts>().Service);
        services.TryAddSingleton(sp => (IMeetingBooker)sp.GetRequiredService<CalendarPorts>().Service);
        return services;
    }

    /// <summary>The SDK client with its default middleware (retry on 429/503/504 honouring Retry-After, redirects, compression).</summary>
    public static GraphServiceClient CreateClient(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var http = GraphClientFactory.Create();
        if (!options.HasCredentials)
        {
            return new GraphServiceClient(http, new AnonymousAuthenticationProvider(), baseUrl);
        }

        return new GraphServiceClient(http, Credential(options), [DefaultScope], baseUrl);
    }

    private static CalendarPorts Create(GraphOptions options) =>
        new(options.IsEnabled ? CreateGraphService(options) : new NoCalendarService());

    /// <summary>
    /// Kept out of <see cref="Create"/> so that compiling it does not load the Graph SDK's assemblies (about 10 MB of
    /// resident memory) in a bot that has no Graph settings.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static object CreateGraphService(GraphOptions options) => new GraphCalendarService(CreateClient(options), options.OrganizerMailbox!.Trim());

    private static TokenCredential Credential(GraphOptions options)
    {
        if (options.UseManagedIdentity)
        {
            return string.IsNullOrWhiteSpace(options.ClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        }

        return string.IsNullOrWhiteSpace(options.CertificatePath)
            ? new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret)
            : new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath);
    }

    /// <summary>The one instance behind both ports.</summary>
    public sealed record CalendarPorts(object Service);

    /// <summary>No Graph settings: availability from votes alone, the choice announced by card.</summary>
    private sealed class NoCalendarService : IFreeBusyProvider, IMeetingBooker
    {
        public bool IsEnabled => false;

        public Task<IReadOnlyList<MailboxSchedule>> GetSchedulesAsync(IReadOnlyList<string> mailboxes, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MailboxSchedule>>([.. mailboxes.Select(m => new MailboxSchedule(m, null, "GraphNotConfigured"))]);

        public Task<BookedMeeting> BookAsync(MeetingBooking booking, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Graph is not configured (Graph:OrganizerMailbox): no event can be created.");
    }
}
