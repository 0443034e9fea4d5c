using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace NonCoopBot.Testing;

/// <summary>Who the fake "signs in" at <c>/authorize</c>: an Entra object id and tenant.</summary>
public sealed record FakeEntraUser(string ObjectId, string TenantId = TestTokens.TenantId, string Name = "Test user");

/// <summary>What the fake puts in the next id_tokens it issues (to prove each check of the bot's sign-in).</summary>
public sealed record FakeIdTokenShape(string? Audience = null, string? Nonce = null, string? Issuer = null, bool BadSignature = false, TimeSpan? ExpiresIn = null);

/// <summary>
/// A loopback Microsoft Entra ID for the OpenID Connect authorization code flow with PKCE, on real Kestrel: the authority is
/// <c>{BaseAddress}{tenant}/v2.0</c>; it serves <c>.well-known/openid-configuration</c> (issuer
/// <see cref="TestTokens.EntraV2Issuer"/>), the JWKS of <see cref="TestTokens.EntraKey"/>, an <c>/authorize</c> endpoint that
/// signs in <see cref="User"/> at once and redirects back with a code (query response mode), and a <c>/token</c> endpoint that
/// redeems a code once, for its client, secret, redirect URI and PKCE verifier (S256), with an id_token signed by
/// <see cref="TestTokens.EntraKey"/> (times from <see cref="Clock"/>).
/// </summary>
public sealed class FakeEntraSignIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly string _clientId;
    private readonly string _clientSecret;
    private WebApplication? _app;
    private int _authorizeRequests;
    private int _tokensIssued;

    private FakeEntraSignIn(string clientId, string clientSecret)
    {
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    /// <summary>The person the next <c>/authorize</c> signs in; null answers <c>error=access_denied</c>.</summary>
    public FakeEntraUser? User { get; set; }

    /// <summary>How the next id_tokens are made (default: as Entra makes them).</summary>
    public FakeIdTokenShape Shape { get; set; } = new();

    /// <summary>The time the id_tokens are issued at (set it to the bot's fake clock).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The authority to configure the bot with (<c>Export:SignIn:Authority</c>).</summary>
    public string Authority => new Uri(BaseAddress, TestTokens.TenantId + "/v2.0").ToString();

    public int AuthorizeRequests => Volatile.Read(ref _authorizeRequests);

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Why the token endpoint refused requests, in order.</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    public static async Task<FakeEntraSignIn> StartAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var server = new FakeEntraSignIn(clientId, clientSecret);
        (server._app, server.BaseAddress) = await LoopbackServer.StartAsync(server.HandleAsync, null, cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>The settings that point a bot's export sign-in here (the bot's tenant is <see cref="TestTokens.TenantId"/>).</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Bot:TenantId"] = TestTokens.TenantId;
        settings["Bot:AllowHttpMetadataOnLoopback"] = "true";
        settings["Export:SignIn:Enabled"] = "true";
        settings["Export:SignIn:Authority"] = Authority;
        settings["Export:SignIn:ClientId"] = _clientId;
        settings["Export:SignIn:ClientSecret"] = _clientSecret;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var authority = "/" + TestTokens.TenantId + "/v2.0";
        if (path == authority + "/.well-known/openid-configuration")
        {
            var metadata = new JsonObject
            {
                ["issuer"] = TestTokens.EntraV2Issuer,
                ["authorization_endpoint"] = new Uri(BaseAddress, "authorize").ToString(),
                ["token_endpoint"] = new Uri(BaseAddress, "token").ToString(),
                ["jwks_uri"] = new Uri(BaseAddress, "keys").ToString(),
                ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            };
            await Json(context, 200, metadata);
        }
        else if (path == "/keys")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(TestTokens.EntraJwks());
        }
        else if (path == "/authorize" && HttpMethods.IsGet(context.Request.Method))
        {
            Authorize(context);
        }
        else if (path == "/token" && HttpMethods.IsPost(context.Request.Method))
        {
            await TokenAsync(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private void Authorize(HttpContext context)
    {
        Interlocked.Increment(ref _authorizeRequests);
        var q = context.Request.Query;
        string redirectUri = q["redirect_uri"].ToString();
        if (q["client_id"] != _clientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["nonce"]) || string.IsNullOrEmpty(q["state"])
            || !q["scope"].ToString().Split(' ').Contains("openid") || !Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest; // Entra shows an error page and does not redirect
            return;
        }

        var answer = new Dictionary<string, string?> { ["state"] = q["state"] };
        if (User is { } user)
        {
            var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new PendingCode(redirectUri, q["code_challenge"]!, q["nonce"]!, user);
            answer["code"] = code;
        }
        else
        {
            answer["error"] = "access_denied";
        }

        context.Response.Redirect(QueryHelpers.AddQueryString(redirectUri, answer));
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? refusal = null;
        if (form["grant_type"] != "authorization_code")
            refusal = "grant_type";
        else if (!_codes.TryRemove(form["code"].ToString(), out var pending))
            refusal = "unknown or used code";
        else if (form["client_id"] != _clientId || form["client_secret"] != _clientSecret)
            refusal = "client";
        else if (form["redirect_uri"] != pending.RedirectUri)
            refusal = "redirect_uri";
        else if (Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != pending.Challenge)
            refusal = "PKCE verifier";
        else
        {
            Interlocked.Increment(ref _tokensIssued);
            await Json(context, 200, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["id_token"] = IdToken(pending) });
            return;
        }

        _refusals.Enqueue(refusal);
        await Json(context, 400, new JsonObject { ["error"] = "invalid_grant" });
    }

    private string IdToken(PendingCode pending)
    {
        var shape = Shape;
        var now = Clock();
        var user = pending.User;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = user.ObjectId,
            ["tid"] = user.TenantId,
            ["sub"] = "pairwise-" + user.ObjectId,
            ["name"] = user.Name,
            ["nonce"] = shape.Nonce ?? pending.Nonce,
            ["ver"] = "2.0",
        };
        var token = TestTokens.Create(now, serviceUrl: null, issuer: shape.Issuer ?? $"https://login.microsoftonline.com/{user.TenantId}/v2.0",
            audience: shape.Audience ?? _clientId, key: TestTokens.EntraKey, expires: now + (shape.ExpiresIn ?? TimeSpan.FromHours(1)), extraClaims: claims);
        return shape.BadSignature ? TestTokens.TamperSignature(token) : token;
    }

    private static Task Json(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record PendingCode(string RedirectUri, string Challenge, string Nonce, FakeEntraUser User);
}
