using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.Domain.Alerts;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Persistence;

[assembly: HostingStartup(typeof(NonCoopBot.App.Tests.Alerts.KillPointStartup))]

namespace NonCoopBot.App.Tests.Alerts;

/// <summary>
/// Loaded only into the bot child process of the kill -9 tests (ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=NonCoopBot.App.Tests):
/// when <see cref="KillPointProbe.Variable"/> is set, registers a <see cref="KillPointProbe"/> as the dispatcher's
/// <see cref="IAlertSendProbe"/>. The product has no such code; it only accepts an optional probe from DI.
/// </summary>
public sealed class KillPointStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
    {
        if (Environment.GetEnvironmentVariable(KillPointProbe.Variable) is { Length: > 0 } value)
        {
            var (point, occurrence) = KillPointProbe.Parse(value);
            services.AddSingleton<IAlertSendProbe>(sp => new KillPointProbe(point, occurrence, sp.GetRequiredService<IDatabase>()));
        }
    });
}

/// <summary>
/// At the <c>occurrence</c>-th time the dispatcher reaches <c>point</c> (for <see cref="AlertSendPoint.BeforeClaim"/>: the
/// first tick with queued rows), prints <see cref="ReachedLine"/> and holds that send (and every later one) for ever, so
/// the test can SIGKILL the process exactly there.
/// </summary>
internal sealed class KillPointProbe(AlertSendPoint point, int occurrence, IDatabase database) : IAlertSendProbe
{
    public const string Variable = "NONCOOPBOT_TEST_KILL_POINT";
    public const string ReachedLine = "KILL-POINT-REACHED";

    private readonly TaskCompletionSource _never = new();
    private int _seen;
    private volatile bool _holding;

    public static (AlertSendPoint Point, int Occurrence) Parse(string value)
    {
        var parts = value.Split(':');
        return (Enum.Parse<AlertSendPoint>(parts[0]), parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
    }

    public async ValueTask ReachedAsync(AlertSendPoint reached, ClaimedDelivery? row, CancellationToken cancellationToken)
    {
        if (!_holding && reached == point && (reached != AlertSendPoint.BeforeClaim || await HasQueuedRowsAsync(cancellationToken))
            && Interlocked.Increment(ref _seen) == occurrence)
        {
            _holding = true;
            Console.Out.WriteLine($"{ReachedLine} {reached} {row?.MemberId}");
            Console.Out.Flush();
        }

        if (_holding)
        {
            await _never.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task<bool> HasQueuedRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM alert_deliveries WHERE state = 'queued'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
