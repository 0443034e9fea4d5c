using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NonCoopBot.Testing;

/// <summary>
/// A real Kestrel server on http://127.0.0.1:{random} serving an OpenID metadata document
/// (<see cref="MetadataUrl"/>) whose <c>jwks_uri</c> points at its own JWKS (<see cref="JwksUrl"/>).
/// Counts requests; <see cref="Jwks"/> can be changed at any time (key rotation).
/// The bot must be configured with <c>Bot:AllowHttpMetadataOnLoopback = true</c>.
/// </summary>
/// <example>
/// <code>
/// await using var openId = await FakeOpenIdServer.StartAsync(TestTokens.BotFrameworkIssuer, TestTokens.BotFrameworkJwks(), ct);
/// config["Bot:OpenIdMetadataUrl"] = openId.MetadataUrl;
/// </code>
/// </example>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    private const string MetadataPath = "/.well-known/openidconfiguration";
    private const string JwksPath = "/keys";

    private readonly string _issuer;
    private WebApplication? _app;
    private int _metadataRequests;
    private int _jwksRequests;

    private FakeOpenIdServer(string issuer, string jwks)
    {
        _issuer = issuer;
        Jwks = jwks;
    }

    /// <summary>The JWKS document served at <see cref="JwksUrl"/>. Replace it to rotate keys.</summary>
    public string Jwks { get; set; }

    /// <summary>The server's base address (ends with <c>/</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The metadata document URL.</summary>
    public string MetadataUrl => new Uri(BaseAddress, MetadataPath.TrimStart('/')).ToString();

    /// <summary>The JWKS URL.</summary>
    public string JwksUrl => new Uri(BaseAddress, JwksPath.TrimStart('/')).ToString();

    /// <summary>How many times the metadata document was requested.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>How many times the JWKS was requested.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>Starts a server for <paramref name="issuer"/> serving <paramref name="jwks"/>.</summary>
    public static async Task<FakeOpenIdServer> StartAsync(string issuer, string jwks, CancellationToken cancellationToken)
    {
        var server = new FakeOpenIdServer(issuer, jwks);
        (server._app, server.BaseAddress) = await LoopbackServer.StartAsync(server.HandleAsync, null, cancellationToken).ConfigureAwait(false);
        return server;
    }

    private Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        if (context.Request.Path == MetadataPath)
        {
            Interlocked.Increment(ref _metadataRequests);
            var metadata = new JsonObject
            {
                ["issuer"] = _issuer,
                ["authorization_endpoint"] = new Uri(BaseAddress, "authorize").ToString(),
                ["jwks_uri"] = JwksUrl,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            };
            return context.Response.WriteAsync(metadata.ToJsonString());
        }

        if (context.Request.Path == JwksPath)
        {
            Interlocked.Increment(ref _jwksRequests);
            return context.Response.WriteAsync(Jwks);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
    }
}
