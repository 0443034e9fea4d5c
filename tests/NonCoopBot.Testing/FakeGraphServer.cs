using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NonCoopBot.Testing;

/// <summary>One calendar item the fake returns (UTC), with Graph's <c>freeBusyStatus</c> text.</summary>
public sealed record FakeCalendarItem(DateTimeOffset Start, DateTimeOffset End, string Status);

/// <summary>A mailbox the fake knows: its items and its working hours (a Windows time-zone id, as Graph gives).</summary>
public sealed record FakeMailbox(IReadOnlyList<FakeCalendarItem> Items, IReadOnlyList<string>? WorkingDays = null, string WorkingStart = "09:00:00.0000000", string WorkingEnd = "17:00:00.0000000", string WorkingTimeZone = "Eastern Standard Time");

/// <summary>One request the fake Graph received.</summary>
public sealed record GraphRequest(string Method, string Path, string? Authorization, string? RetryAttempt, JsonNode? Body);

/// <summary>
/// A loopback Microsoft Graph (real Kestrel) answering, in the documented v1.0 shapes:
/// <c>POST /v1.0/users/{id}/calendar/getSchedule</c> (a <c>scheduleInformation</c> per schedule; an unknown mailbox
/// gets an error item with <c>ErrorMailRecipientNotFound</c>; more than 20 schedules → 400
/// <c>ErrorMailboxDataArrayTooBig</c>) and <c>POST /v1.0/users/{id}/events</c> (201 with <c>onlineMeeting.joinUrl</c>;
/// the same <c>transactionId</c> returns the same event). Scripted answers (e.g. a 429 with <c>Retry-After</c>) are
/// given first. Every request is recorded.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    public const int MaxSchedules = 20;

    private readonly ConcurrentQueue<(int Status, string? Body, string? RetryAfter)> _scripted = new();
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private readonly ConcurrentDictionary<string, JsonObject> _eventsByTransaction = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _events;
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Known mailboxes (case-insensitive); any other gets an error item.</summary>
    public ConcurrentDictionary<string, FakeMailbox> Mailboxes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>e.g. http://127.0.0.1:5123/v1.0</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    /// <summary>Events created (one per distinct transactionId).</summary>
    public int EventsCreated => _events;

    /// <summary>Completes when the next request has been answered (take it before checking a condition, then await it).</summary>
    public Task Answered => Volatile.Read(ref _answered).Task;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Uri address;
        (_app, address) = await LoopbackServer.StartAsync(HandleAsync, null, cancellationToken).ConfigureAwait(false);
        BaseUrl = address.ToString().TrimEnd('/') + "/v1.0";
    }

    /// <summary>Answers the next request with this status (e.g. 429 with Retry-After "0").</summary>
    public FakeGraphServer Enqueue(int status, string? body = null, string? retryAfter = null)
    {
        _scripted.Enqueue((status, body, retryAfter));
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _answered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);

        var path = context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue(new GraphRequest(context.Request.Method, path, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["Retry-Attempt"].FirstOrDefault(), body));
        if (_scripted.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = scripted.RetryAfter;
            }

            await WriteAsync(context, scripted.Status, scripted.Body is null ? Error("TooManyRequests", "Throttled") : JsonNode.Parse(scripted.Body)).ConfigureAwait(false);
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method == "POST" && segments is ["v1.0", "users", _, "calendar", "getSchedule"])
        {
            await GetScheduleAsync(context, body).ConfigureAwait(false);
        }
        else if (context.Request.Method == "POST" && segments is ["v1.0", "users", _, "events"])
        {
            await CreateEventAsync(context, body).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(context, 404, Error("ResourceNotFound", "Not found in the fake Graph.")).ConfigureAwait(false);
        }
    }

    private async Task GetScheduleAsync(HttpContext context, JsonNode? body)
    {
        // Graph's documented names (camelCase); anything else is a malformed request.
        if (body?["schedules"] is not JsonArray array || body["startTime"]?["dateTime"] is null || body["endTime"]?["dateTime"] is null)
        {
            await WriteAsync(context, 400, Error("ErrorInvalidRequest", "schedules, startTime and endTime are required.")).ConfigureAwait(false);
            return;
        }

        var schedules = array.Select(n => n!.GetValue<string>()).ToList();
        if (schedules.Count > MaxSchedules)
        {
            await WriteAsync(context, 400, Error("ErrorMailboxDataArrayTooBig", $"The number of mailboxes is larger than the allowed size = {MaxSchedules}.")).ConfigureAwait(false);
            return;
        }

        var value = new JsonArray();
        foreach (var id in schedules)
        {
            if (!Mailboxes.TryGetValue(id, out var mailbox))
            {
                value.Add(new JsonObject
                {
                    ["scheduleId"] = id,
                    ["availabilityView"] = string.Empty,
                    ["error"] = new JsonObject { ["message"] = "Failed to resolve the recipient.", ["responseCode"] = "ErrorMailRecipientNotFound" },
                });
                continue;
            }

            var items = new JsonArray();
            foreach (var item in mailbox.Items)
            {
                items.Add(new JsonObject
                {
                    ["isPrivate"] = false,
                    ["status"] = item.Status,
                    ["start"] = Wire(item.Start),
                    ["end"] = Wire(item.End),
                });
            }

            value.Add(new JsonObject
            {
                ["scheduleId"] = id,
                ["availabilityView"] = "0",
                ["scheduleItems"] = items,
                ["workingHours"] = new JsonObject
                {
                    ["daysOfWeek"] = new JsonArray([.. (mailbox.WorkingDays ?? ["monday", "tuesday", "wednesday", "thursday", "friday"]).Select(d => JsonValue.Create(d))]),
                    ["startTime"] = mailbox.WorkingStart,
                    ["endTime"] = mailbox.WorkingEnd,
                    ["timeZone"] = new JsonObject { ["name"] = mailbox.WorkingTimeZone },
                },
            });
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = value,
        }).ConfigureAwait(false);
    }

    private async Task CreateEventAsync(HttpContext context, JsonNode? body)
    {
        var transaction = body?["transactionId"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
        var created = _eventsByTransaction.GetOrAdd(transaction, _ =>
        {
            var n = Interlocked.Increment(ref _events);
            var e = body?.DeepClone().AsObject() ?? [];
            e["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('organizer')/events/$entity";
            e["id"] = "AAMkAGI-event-" + n.ToString(CultureInfo.InvariantCulture);
            e["onlineMeeting"] = new JsonObject { ["joinUrl"] = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_fake{n}%40thread.v2/0" };
            return e;
        });
        await WriteAsync(context, 201, created.DeepClone()).ConfigureAwait(false);
    }

    private static JsonObject Wire(DateTimeOffset at) => new()
    {
        ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.0000000'", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body?.ToJsonString() ?? "{}").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
