using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Diagnostics;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework messaging endpoint. It checks the request's shape, then
/// authenticates it (anonymous only in Development, on loopback, with no app id and no proxy headers), then
/// admits it (channel, tenant, serviceUrl: <see cref="ActivityAdmission"/>), then runs the turn and answers:
/// 200 (empty) for activities, 200 with the invoke body for invokes.
/// </summary>
public static class BotEndpoint
{
    /// <summary>The largest activity accepted (Teams messages are far smaller).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotEndpoint));

        if (!IsJson(http.Request.ContentType))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var (body, length) = await ReadBoundedAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body.AsSpan(0, length), ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            Log.MalformedActivity(logger);
            return Results.BadRequest();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type) || string.IsNullOrEmpty(activity.Conversation?.Id)
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUri) || serviceUri.Scheme is not ("https" or "http")
            || !HasReadableChannelData(activity))
        {
            Log.MalformedActivity(logger);
            return Results.BadRequest();
        }

        var bot = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
        var anonymous = AnonymousAccess.IsAllowed(bot.AppId, environment.IsDevelopment(), http.Connection.RemoteIpAddress, forwarded);
        if (!anonymous && string.IsNullOrWhiteSpace(bot.AppId))
        {
            Log.AnonymousRefused(logger);
            return Results.Unauthorized();
        }

        if (!anonymous)
        {
            var authenticator = services.GetRequiredService<BotAuthenticator>();
            var result = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString(), activity, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                Log.AuthenticationFailed(logger, result.StatusCode, result.FailureReason ?? "unknown");
                return Results.StatusCode(result.StatusCode);
            }
        }

        // Channel, tenant and serviceUrl are checked whoever signed the activity, before anything is stored.
        var refusal = services.GetRequiredService<ActivityAdmission>().Check(activity);
        if (refusal is not null)
        {
            Log.AuthenticationFailed(logger, StatusCodes.Status403Forbidden, refusal);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (anonymous)
        {
            Log.AnonymousRequest(logger);
        }

        // Authenticated (its serviceurl claim, when present, matched) and on Bot:TrustedServiceUrlHosts: replies may go there.
        services.GetRequiredService<IServiceUrlTrust>().Trust(activity.ServiceUrl!);

        var pipeline = services.GetRequiredService<TurnPipeline>();
        var transport = services.GetRequiredService<ITurnTransport>();
        var turn = await pipeline.ProcessAsync(activity, transport, services, cancellationToken).ConfigureAwait(false);

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = turn.InvokeResponse ?? new InvokeResponse { Status = 200 };
            return invoke.Body is null
                ? Results.StatusCode(invoke.Status)
                : Results.Json(invoke.Body, ProtocolJsonContext.Default.JsonNode, statusCode: invoke.Status);
        }

        return Results.Ok();
    }

    /// <summary>False when channelData has a shape the typed Teams view cannot read (e.g. <c>"tenant": 5</c>).</summary>
    private static bool HasReadableChannelData(Activity activity)
    {
        try
        {
            _ = activity.TeamsChannelData;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the body into a buffer rented from the shared pool (sized by Content-Length when given), at most
    /// <see cref="MaxBodyBytes"/>; a null buffer when the body is larger. The caller returns the buffer to the pool.
    /// </summary>
    private static async Task<(byte[]? Buffer, int Length)> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pool = ArrayPool<byte>.Shared;
        // One byte more than announced, so that the end of the body is seen without growing the buffer.
        var buffer = pool.Rent(request.ContentLength is long announced and > 0 and <= MaxBodyBytes ? (int)announced + 1 : 4096);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                {
                    pool.Return(buffer);
                    return (null, 0);
                }

                if (length == buffer.Length)
                {
                    var larger = pool.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
    }
}
