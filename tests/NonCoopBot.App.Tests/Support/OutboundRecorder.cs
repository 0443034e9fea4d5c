using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using System.Threading.Channels;

namespace NonCoopBot.App.Tests.Support;

/// <summary>One outbound HTTP request of the bot: where it went and whether it carried a bearer token.</summary>
internal sealed record OutboundRequest(string Client, string Method, Uri Uri, string? Authorization);

/// <summary>
/// Records every request the bot makes through <see cref="IHttpClientFactory"/> (every named client: connector,
/// alerts, MSAL, metadata). A request to a host that is not loopback is recorded and failed without touching the
/// network. <see cref="Hold"/> makes connector requests wait until their cancellation token fires (a turn whose
/// client has gone). Register with <see cref="Register"/> in <c>BotAppFactory.TestServices</c>.
/// </summary>
internal sealed class OutboundRecorder
{
    private readonly ConcurrentQueue<OutboundRequest> _requests = new();

    public IReadOnlyList<OutboundRequest> Requests => _requests.ToArray();

    /// <summary>When true, the next request of the connector client waits for its cancellation (then this resets).</summary>
    public volatile bool Hold;

    /// <summary>Signalled when a held request starts waiting.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Register(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Insert(0, new Handler(this, builder.Name ?? string.Empty))));

    private sealed class Handler(OutboundRecorder recorder, string client) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            recorder._requests.Enqueue(new OutboundRequest(client, request.Method.Method, uri,
                request.Headers.Authorization?.ToString()));
            if (!uri.IsLoopback)
            {
                throw new HttpRequestException($"Test: no network access to {uri.Host}.");
            }

            if (recorder.Hold && client == NonCoopBot.Protocol.Connector.ConnectorClient.HttpClientName)
            {
                recorder.Hold = false;
                var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
                {
                    recorder.Holding.TrySetResult();
                    await cancelled.Task.ConfigureAwait(false);
                }
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Signals each time a request to the bot has been fully handled (response finished or aborted).</summary>
internal sealed class RequestCompletions : IStartupFilter
{
    private readonly Channel<PathString> _done = Channel.CreateUnbounded<PathString>();

    public Task<PathString> NextAsync(CancellationToken cancellationToken) => _done.Reader.ReadAsync(cancellationToken).AsTask();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                _done.Writer.TryWrite(context.Request.Path);
            }
        });
        next(app);
    };
}
