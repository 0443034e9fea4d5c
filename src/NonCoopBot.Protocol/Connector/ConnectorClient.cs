using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// Calls the Bot Framework Connector REST API (v3) at the serviceUrl given per call. Every request
/// carries the bot's bearer token (when credentials are configured) and goes only to a serviceUrl that
/// <see cref="IServiceUrlTrust"/> trusts; otherwise it throws <see cref="UntrustedServiceUrlException"/>
/// and sends nothing. Retries are done by the resilience pipeline of <see cref="ConnectorResilience"/> in the
/// HTTP client registered by <c>AddBotProtocol</c>.
/// </summary>
/// <remarks>
/// Failures: 403 with <c>MessageWritesBlocked</c> → <see cref="ConversationBlockedException"/>; a POST
/// that may have been delivered → <see cref="ConnectorDeliveryUncertainException"/>; any other
/// non-success → <see cref="ConnectorException"/>.
/// </remarks>
public sealed class ConnectorClient
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the connector's HTTP client.</summary>
    public const string HttpClientName = "NonCoopBot.Connector";

    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly IBotTokenProvider _tokens;
    private readonly IServiceUrlTrust _trust;
    private readonly ILogger _logger;

    /// <summary>Creates the client (a typed client: resolve it from DI).</summary>
    public ConnectorClient(HttpClient http, IBotTokenProvider tokens, IServiceUrlTrust trust, ILogger<ConnectorClient>? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _trust = trust ?? throw new ArgumentNullException(nameof(trust));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Sends <paramref name="activity"/> to a conversation: <c>POST v3/conversations/{id}/activities</c>.</summary>
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        return SendForResultAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities",
            JsonContent(activity, ProtocolJsonContext.Default.Activity), ProtocolJsonContext.Default.ResourceResponse,
            "SendToConversation", conversationId, cancellationToken);
    }

    /// <summary>Sends <paramref name="activity"/> to the conversation of <paramref name="reference"/>.</summary>
    public Task<ResourceResponse> SendToConversationAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
    }

    /// <summary>Replies to an activity: <c>POST v3/conversations/{id}/activities/{replyToId}</c>.</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        activity.ReplyToId ??= replyToId;
        return SendForResultAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}",
            JsonContent(activity, ProtocolJsonContext.Default.Activity), ProtocolJsonContext.Default.ResourceResponse,
            "ReplyToActivity", conversationId, cancellationToken);
    }

    /// <summary>
    /// Replies to an inbound activity in its own conversation (serviceUrl, conversation id and id taken
    /// from <paramref name="inbound"/>).
    /// </summary>
    public Task<ResourceResponse> ReplyToActivityAsync(Activity inbound, Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var serviceUrl = inbound.ServiceUrl ?? throw new ArgumentException("The inbound activity has no serviceUrl.", nameof(inbound));
        var conversationId = inbound.Conversation?.Id ?? throw new ArgumentException("The inbound activity has no conversation id.", nameof(inbound));
        return string.IsNullOrEmpty(inbound.Id)
            ? SendToConversationAsync(serviceUrl, conversationId, reply, cancellationToken)
            : ReplyToActivityAsync(serviceUrl, conversationId, inbound.Id, reply, cancellationToken);
    }

    /// <summary>Replaces an activity (e.g. a card): <c>PUT v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id ??= activityId;
        return SendForResultAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            JsonContent(activity, ProtocolJsonContext.Default.Activity), ProtocolJsonContext.Default.ResourceResponse,
            "UpdateActivity", conversationId, cancellationToken, allowEmptyBody: true);
    }

    /// <summary>Deletes an activity: <c>DELETE v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        using var response = await SendCoreAsync(HttpMethod.Delete, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null,
            "DeleteActivity", conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates (or finds) the 1:1 conversation between the bot and one user: <c>POST v3/conversations</c>
    /// with <c>isGroup: false</c>. <paramref name="memberId"/> is the Teams user id (<c>29:…</c>) or the
    /// user's Entra object id; the app must be installed for that user. Returns the conversation id.
    /// </summary>
    public async Task<string> CreateConversationAsync(string serviceUrl, string botId, string tenantId, string memberId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(botId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = botId },
            IsGroup = false,
            TenantId = tenantId,
            Members = [new ChannelAccount { Id = memberId }],
        };
        var result = await SendForResultAsync(HttpMethod.Post, serviceUrl, "v3/conversations",
            JsonContent(parameters, ProtocolJsonContext.Default.ConversationParameters),
            ProtocolJsonContext.Default.ConversationResourceResponse, "CreateConversation", null, cancellationToken).ConfigureAwait(false);
        return !string.IsNullOrEmpty(result.Id)
            ? result.Id
            : throw new ConnectorException("CreateConversation", HttpStatusCode.Created, "MissingConversationId", null);
    }

    /// <summary>All members of a conversation: <c>GET v3/conversations/{id}/members</c> (throttled; prefer paged).</summary>
    public async Task<IReadOnlyList<TeamsChannelAccount>> GetMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return await SendForResultAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members", null,
            ProtocolJsonContext.Default.ListTeamsChannelAccount, "GetMembers", conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of members: <c>GET v3/conversations/{id}/pagedmembers?pageSize=&amp;continuationToken=</c>.</summary>
    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (pageSize is <= 0)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be positive.");
        var query = new List<string>(2);
        if (pageSize is { } size)
            query.Add($"pageSize={size}");
        if (!string.IsNullOrEmpty(continuationToken))
            query.Add($"continuationToken={Uri.EscapeDataString(continuationToken)}");
        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        return SendForResultAsync(HttpMethod.Get, serviceUrl, path, null,
            ProtocolJsonContext.Default.PagedMembersResult, "GetPagedMembers", conversationId, cancellationToken);
    }

    private async Task<T> SendForResultAsync<T>(
        HttpMethod method, string serviceUrl, string path, HttpContent? content, JsonTypeInfo<T> resultType,
        string operation, string? conversationId, CancellationToken cancellationToken, bool allowEmptyBody = false)
        where T : class, new()
    {
        using var response = await SendCoreAsync(method, serviceUrl, path, content, operation, conversationId, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength == 0 && allowEmptyBody)
            return new T();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length == 0 && allowEmptyBody)
            return new T();
        try
        {
            return JsonSerializer.Deserialize(body, resultType) ?? new T();
        }
        catch (JsonException ex)
        {
            throw new ConnectorException(operation, response.StatusCode, "InvalidResponseBody", conversationId, ex);
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string serviceUrl, string path, HttpContent? content,
        string operation, string? conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        var baseAddress = ServiceUrls.ToBaseAddress(serviceUrl);
        if (!_trust.IsTrusted(serviceUrl))
        {
            content?.Dispose();
            ConnectorLog.UntrustedServiceUrl(_logger, operation, baseAddress.Host);
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        string? token;
        try
        {
            token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing was sent: a caller may queue the work and try again (never "delivery not confirmed").
            throw new ConnectorTokenException(operation, conversationId, ex);
        }

        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorDeliveryUncertainException ex)
        {
            throw new ConnectorDeliveryUncertainException(operation, null, null, conversationId, ex.InnerException);
        }
        catch (ConnectorException ex)
        {
            throw new ConnectorException(operation, null, null, conversationId, ex.InnerException);
        }
        catch (HttpRequestException ex) when (request.Method == HttpMethod.Post && !ConnectorResilience.NeverSent(ex))
        {
            // The connection failed after the request may have left (a client without the retry pipeline, e.g. the
            // alerts' own): the POST may have been delivered, so it must not be sent again.
            throw new ConnectorDeliveryUncertainException(operation, null, null, conversationId, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException(operation, null, null, conversationId, ex);
        }

        if (response.IsSuccessStatusCode)
            return response;

        using (response)
        {
            throw await CreateFailureAsync(response, method, operation, conversationId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ConnectorException> CreateFailureAsync(
        HttpResponseMessage response, HttpMethod method, string operation, string? conversationId, CancellationToken cancellationToken)
    {
        var (errorCode, blocked) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        ConnectorLog.OperationFailed(_logger, operation, (int)status, errorCode);

        if (status == HttpStatusCode.Forbidden && blocked)
            return new ConversationBlockedException(operation, conversationId);

        var maybeDelivered = method == HttpMethod.Post && status switch
        {
            HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => true,
            HttpStatusCode.ServiceUnavailable => response.Headers.RetryAfter is null,
            _ => false,
        };
        return maybeDelivered
            ? new ConnectorDeliveryUncertainException(operation, status, errorCode, conversationId)
            : new ConnectorException(operation, status, errorCode, conversationId);
    }

    /// <summary>Reads <c>error.code</c> and whether <c>MessageWritesBlocked</c> appears as any code/subCode in the body.</summary>
    internal static async Task<(string? ErrorCode, bool Blocked)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length == 0 || bytes.Length > MaxErrorBodyBytes)
                return (null, false);
            var root = JsonNode.Parse(bytes);
            var error = root?["error"] as JsonObject;
            var code = error?["code"] is JsonValue value && value.TryGetValue<string>(out var c) ? c : null;
            return (code, ContainsBlockedCode(root));
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    private static bool ContainsBlockedCode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if ((name.Equals("code", StringComparison.OrdinalIgnoreCase) || name.Equals("subCode", StringComparison.OrdinalIgnoreCase))
                        && child is JsonValue v && v.TryGetValue<string>(out var s)
                        && s.Equals(ConversationBlockedException.MessageWritesBlocked, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    if (ContainsBlockedCode(child))
                        return true;
                }

                return false;
            case JsonArray array:
                return array.Any(ContainsBlockedCode);
            default:
                return false;
        }
    }

    private static ByteArrayContent JsonContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
