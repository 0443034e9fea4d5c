using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Infrastructure.Graph;

namespace NonCoopBot.App.Tests.Meetings;

/// <summary>Graph's local mode (no credentials, Development, loopback) is announced at start-up with a warning.</summary>
public sealed class GraphStartupNoticeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5999/v1.0", "m@example.org", LogLevel.Warning, "ANONYMOUS")]
    [InlineData(GraphOptions.DefaultBaseUrl, null, LogLevel.Information, "votes alone")]
    public async Task StartUp_SaysHowGraphIsUsed(string baseUrl, string? organizer, LogLevel level, string words)
    {
        using var logs = new CapturingLoggerProvider(null);
        var service = new GraphStartupNotice(
            Options.Create(new GraphOptions { BaseUrl = baseUrl, OrganizerMailbox = organizer }), new LoggerFactory([logs]).CreateLogger<GraphStartupNotice>());

        await service.StartAsync(TestContext.Current.CancellationToken);

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(level, entry.Level);
        Assert.Contains(words, entry.Message, StringComparison.Ordinal);
    }
}
