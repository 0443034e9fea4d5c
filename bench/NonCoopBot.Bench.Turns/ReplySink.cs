using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NonCoopBot.Bench.Turns;

/// <summary>
/// A minimal Bot Connector on Kestrel loopback: answers <c>POST v3/conversations/{id}/activities/{replyToId}</c> with
/// 201 and completes the waiter of that replyToId. Anything else gets 404 and is counted as unexpected.
/// </summary>
internal sealed class ReplySink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _replies;
    private int _unexpected;

    public string BaseUrl { get; private set; } = string.Empty;

    public int Replies => Volatile.Read(ref _replies);

    public int Unexpected => Volatile.Read(ref _unexpected);

    public static async Task<ReplySink> StartAsync(CancellationToken cancellationToken)
    {
        var sink = new ReplySink();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        sink._app = builder.Build();
        sink._app.Run(sink.HandleAsync);
        await sink._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = sink._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.BaseUrl = address.TrimEnd('/') + "/";
        return sink;
    }

    /// <summary>Completes when a reply to <paramref name="activityId"/> arrives (register before sending).</summary>
    public Task WaitForReplyTo(string activityId) =>
        _waiters.GetOrAdd(activityId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private async Task HandleAsync(HttpContext context)
    {
        // Read the whole body, as the real connector does.
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var segments = context.Request.Path.Value?.Trim('/').Split('/') ?? [];
        if (HttpMethods.IsPost(context.Request.Method) && segments is ["v3", "conversations", _, "activities", var replyToId] && body.Length > 0)
        {
            var count = Interlocked.Increment(ref _replies);
            _waiters.GetOrAdd(Uri.UnescapeDataString(replyToId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject { ["id"] = "1:reply-" + count.ToString(CultureInfo.InvariantCulture) }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _unexpected);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
