using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NonCoopBot.Infrastructure.Graph;

/// <summary>Says at start-up how Graph is used: not at all (votes alone), or in anonymous local mode (a warning).</summary>
public sealed partial class GraphStartupNotice(IOptions<GraphOptions> graph, ILogger<GraphStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var g = graph.Value;
        if (!g.IsEnabled)
        {
            LogVotesOnly(logger);
        }
        else if (g.IsAnonymous)
        {
            LogAnonymousGraph(logger, g.BaseUrl);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "Graph is in ANONYMOUS local mode: no credentials, Development, loopback Graph:BaseUrl {BaseUrl}; requests go without a token")]
    private static partial void LogAnonymousGraph(ILogger logger, string baseUrl);

    [LoggerMessage(EventId = 911, Level = LogLevel.Information, Message = "Graph is not configured (Graph:OrganizerMailbox): emergency meetings take availability from votes alone")]
    private static partial void LogVotesOnly(ILogger logger);
}
