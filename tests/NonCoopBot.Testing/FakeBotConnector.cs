using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Testing;

/// <summary>One request the <see cref="FakeBotConnector"/> received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Decoded path without the leading slash, e.g. <c>v3/conversations/a:1/activities</c>.</param>
/// <param name="RawTarget">The request target exactly as sent (escaped), with query.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="Body">The JSON body, or null.</param>
/// <param name="ReceivedAt">When it arrived, by the connector's <see cref="TimeProvider"/>.</param>
public sealed record RecordedRequest(
    string Method, string Path, string RawTarget, string Query, string? Authorization, JsonNode? Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The body as an <see cref="Activity"/>.</summary>
    public Activity? BodyAsActivity() => Body?.Deserialize(ProtocolJsonContext.Default.Activity);
}

/// <summary>A response the <see cref="FakeBotConnector"/> should give.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">JSON body or null.</param>
/// <param name="Headers">Extra headers, e.g. <c>Retry-After</c>.</param>
/// <param name="Fault">Instead of answering: a transport failure (see <see cref="ScriptedFault"/>).</param>
public sealed record ScriptedResponse(HttpStatusCode Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, ScriptedFault Fault = ScriptedFault.None);

/// <summary>How the <see cref="FakeBotConnector"/> fails a request it has received and recorded.</summary>
public enum ScriptedFault
{
    /// <summary>It answers.</summary>
    None,

    /// <summary>It resets the connection without an answer (the request did arrive).</summary>
    ResetConnection,

    /// <summary>It never answers; the request ends only when the client gives up on it.</summary>
    NoAnswer,
}

/// <summary>
/// A real Kestrel Bot Connector on http://127.0.0.1:{random}. Records every request (method, path,
/// Authorization header, JSON body, fake receive time) and answers from a queue of
/// <see cref="ScriptedResponse"/>s, falling back to: POST v3/conversations → 201 {"id":"a:…"};
/// POST …/activities[/id] → 201 {"id":"…"}; PUT → 200 {"id":…}; DELETE → 200; GET …/members → 200 [];
/// GET …/pagedmembers → 200 {"members":[]}; anything else 404.
/// Remember to trust <see cref="BaseUrl"/> (<c>IServiceUrlTrust.Trust</c>) or send a signed activity first.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedResponse> _scripted = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _nextId;

    /// <summary>Creates the connector; call <see cref="StartAsync"/>.</summary>
    /// <param name="time">Stamps <see cref="RecordedRequest.ReceivedAt"/>; defaults to the system clock.</param>
    public FakeBotConnector(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The serviceUrl to put on activities (ends with <c>/</c>).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Uri address;
        (_app, address) = await LoopbackServer.StartAsync(HandleAsync, null, cancellationToken).ConfigureAwait(false);
        BaseUrl = address.ToString();
    }

    /// <summary>Queues a response for the next unanswered request.</summary>
    public FakeBotConnector Enqueue(HttpStatusCode status, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        _scripted.Enqueue(new ScriptedResponse(status, body, headers));
        return this;
    }

    /// <summary>Queues a transport failure for the next unanswered request (recorded, then not answered).</summary>
    public FakeBotConnector EnqueueFault(ScriptedFault fault)
    {
        _scripted.Enqueue(new ScriptedResponse(default, Fault: fault));
        return this;
    }

    /// <summary>Waits for the next request (in arrival order, each returned once).</summary>
    public async Task<RecordedRequest> NextRequestAsync(CancellationToken cancellationToken) =>
        await _arrivals.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Waits for the next request and returns its body as an activity.</summary>
    public async Task<Activity> NextActivityAsync(CancellationToken cancellationToken)
    {
        var request = await NextRequestAsync(cancellationToken).ConfigureAwait(false);
        return request.BodyAsActivity() ?? throw new InvalidOperationException($"{request.Method} {request.Path} had no activity body.");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        JsonNode? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (text.Length > 0)
                body = JsonNode.Parse(text);
        }

        var rawTarget = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget
            ?? request.Path + request.QueryString;
        var recorded = new RecordedRequest(
            request.Method,
            request.Path.Value?.TrimStart('/') ?? string.Empty,
            rawTarget,
            request.QueryString.Value ?? string.Empty,
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            body,
            _time.GetUtcNow());
        SentWording.Inspect(body, $"FakeBotConnector {request.Method} {recorded.Path}");
        _requests.Enqueue(recorded);

        var response = _scripted.TryDequeue(out var scripted) ? scripted : DefaultResponse(recorded);
        if (response.Fault != ScriptedFault.None)
        {
            _arrivals.Writer.TryWrite(recorded);
            if (response.Fault == ScriptedFault.NoAnswer)
            {
                var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using (context.RequestAborted.Register(() => abandoned.TrySetResult()))
                {
                    await abandoned.Task.ConfigureAwait(false);
                }
            }

            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }

        await context.Response.CompleteAsync().ConfigureAwait(false);
        _arrivals.Writer.TryWrite(recorded);
    }

    private ScriptedResponse DefaultResponse(RecordedRequest request)
    {
        var id = Interlocked.Increment(ref _nextId);
        var path = request.Path;
        return request.Method switch
        {
            "POST" when path == "v3/conversations" =>
                new(HttpStatusCode.Created, new JsonObject { ["id"] = $"a:fake-conversation-{id}" }.ToJsonString()),
            "POST" when path.Contains("/activities", StringComparison.Ordinal) =>
                new(HttpStatusCode.Created, new JsonObject { ["id"] = $"1:fake-activity-{id}" }.ToJsonString()),
            "PUT" => new(HttpStatusCode.OK, new JsonObject { ["id"] = path[(path.LastIndexOf('/') + 1)..] }.ToJsonString()),
            "DELETE" => new(HttpStatusCode.OK),
            "GET" when path.EndsWith("/pagedmembers", StringComparison.Ordinal) => new(HttpStatusCode.OK, """{"members":[]}"""),
            "GET" when path.EndsWith("/members", StringComparison.Ordinal) => new(HttpStatusCode.OK, "[]"),
            _ => new(HttpStatusCode.NotFound),
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _arrivals.Writer.TryComplete();
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
    }
}
