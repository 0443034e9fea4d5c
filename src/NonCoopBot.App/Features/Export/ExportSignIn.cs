using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Protocol.Auth;

namespace NonCoopBot.App.Features.Export;

/// <summary>Whether a download requires the Entra sign-in on this host.</summary>
public enum ExportSignInMode
{
    /// <summary>Every download requires the sign-in of the person the link was made for.</summary>
    On,

    /// <summary>Switched off (Development only): links are served only in anonymous mode to a loopback caller.</summary>
    Off,

    /// <summary>No tenant, client id or secret (Development only): the export command is off.</summary>
    NotConfigured,
}

/// <summary>The person a sign-in proved: their Entra object id and tenant.</summary>
public sealed record ExportSignInUser(string ObjectId, string TenantId);

/// <summary>
/// The Entra ID sign-in in front of <c>GET /export/{token}</c>: OpenID Connect authorization code flow with PKCE
/// (<c>response_mode=query</c>), hand-rolled on Microsoft.IdentityModel so that every state lives in <see cref="IStorage"/>
/// (every instance sees it) and every time comes from <see cref="TimeProvider"/>. The flow (state → link, nonce, PKCE
/// verifier, browser) and the short session after it (object id, tenant) are stored server-side; the browser holds only
/// random values in two cookies (HttpOnly, Secure on https, SameSite=Lax, Path=/export).
/// </summary>
public sealed partial class ExportSignIn
{
    public const string HttpClientName = "NonCoopBot.ExportSignIn";
    public const string SessionCookie = "NonCoopBot.Export";
    public const string FlowCookie = "NonCoopBot.ExportFlow";

    /// <summary>How long a started sign-in may take before its callback is refused.</summary>
    public static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    private const string FlowKeyPrefix = "export:flow:";
    private const string SessionKeyPrefix = "export:session:";
    private const string CodeChallenge = "code_challenge";
    private const string CodeChallengeMethod = CodeChallenge + "_method"; // PKCE (RFC 7636)
    private const string Scope = "openid profile";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumForcedRefresh = TimeSpan.FromMinutes(5);

    private readonly ExportSignInSettings _settings;
    private readonly ExportOptions _options;
    private readonly BotAuthenticationOptions _bot;
    private readonly IHostEnvironment _environment;
    private readonly IStorage _storage;
    private readonly TimeProvider _time;
    private readonly IHttpClientFactory _http;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly OpenIdKeyCache? _authority; // the authority's metadata and keys (null without a metadata address)

    public ExportSignIn(IOptions<ExportOptions> options, IOptions<BotAuthenticationOptions> bot, IHostEnvironment environment, IStorage storage,
        TimeProvider time, IHttpClientFactory http, ILogger<ExportSignIn> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bot);
        _options = options.Value;
        _bot = bot.Value;
        _settings = ExportSignInSettings.From(_options.SignIn, _bot);
        _environment = environment;
        _storage = storage;
        _time = time;
        _http = http;
        _logger = logger;
        _authority = _settings.Authority is null ? null
            : new OpenIdKeyCache(_settings.MetadataUrl, () => http.CreateClient(HttpClientName), _bot.AllowHttpMetadataOnLoopback, time,
                _bot.MetadataRefreshInterval, MinimumForcedRefresh, logger);
        Mode = !_settings.Enabled ? ExportSignInMode.Off : _settings.Complete ? ExportSignInMode.On : ExportSignInMode.NotConfigured;
    }

    public ExportSignInMode Mode { get; }

    /// <summary>The callback path (<c>Export:SignIn:CallbackPath</c>).</summary>
    public string CallbackPath => _settings.CallbackPath;

    /// <summary>Says at start-up, at Warning, when downloads are served without sign-in or exports are off for want of it.</summary>
    public void Announce(bool exportsEnabled)
    {
        if (!exportsEnabled)
        {
            return;
        }

        if (Mode == ExportSignInMode.Off)
        {
            LogSignInOff(_logger);
        }
        else if (Mode == ExportSignInMode.NotConfigured)
        {
            LogNotConfigured(_logger);
        }
    }

    /// <summary>With the sign-in off: true only for what anonymous mode accepts (Development, no app id, loopback, not forwarded).</summary>
    public bool AllowsWithoutSignIn(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
        return Mode == ExportSignInMode.Off && AnonymousAccess.IsAllowed(_bot.AppId, _environment.IsDevelopment(), http.Connection.RemoteIpAddress, forwarded);
    }

    /// <summary>True when <paramref name="user"/> is the person <paramref name="grant"/> was made for, in the bot's tenant.</summary>
    public bool IsFor(ExportSignInUser user, ExportGrant grant)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(grant);
        return string.Equals(user.TenantId, _settings.TenantId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(user.ObjectId, grant.UserAadObjectId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The person this browser signed in as (a live session of its cookie), or null.</summary>
    public async Task<ExportSignInUser?> UserAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(SessionCookie, out var value) || !IsRandomValue(value))
        {
            return null;
        }

        var item = await _storage.ReadAsync(SessionKeyPrefix + Hash(value), cancellationToken).ConfigureAwait(false);
        var session = item is null ? null : JsonSerializer.Deserialize(item.Json, ExportJson.Default.SessionRecord);
        return session is null || _time.GetUtcNow() >= session.ExpiresAt ? null : new ExportSignInUser(session.ObjectId, session.TenantId);
    }

    /// <summary>Starts a sign-in for the link <paramref name="token"/>: stores the flow and sends the browser to Entra.</summary>
    public async Task<IResult> ChallengeAsync(HttpContext http, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var metadata = await MetadataOrNullAsync(cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return Refusal(StatusCodes.Status503ServiceUnavailable, "notVerified", ExportTexts.BrowserLanguage(http.Request));
        }

        var browser = http.Request.Cookies.TryGetValue(FlowCookie, out var existing) && IsRandomValue(existing) ? existing : NewRandomValue();
        var (state, nonce, verifier) = (NewRandomValue(), NewRandomValue(), NewRandomValue());
        var redirectUri = RedirectUri(http);
        var flow = new FlowRecord(token, nonce, verifier, Hash(browser), redirectUri, _time.GetUtcNow() + FlowLifetime);
        await _storage.WriteAsync(FlowKeyPrefix + state, JsonSerializer.Serialize(flow, ExportJson.Default.FlowRecord), null, flow.ExpiresAt, cancellationToken).ConfigureAwait(false);
        SetCookie(http, FlowCookie, browser, FlowLifetime, redirectUri);
        LogOutcome(_logger, "started");
        return Results.Redirect(QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = _settings.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["response_mode"] = "query",
            ["scope"] = Scope,
            ["state"] = state,
            ["nonce"] = nonce,
            [CodeChallenge] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            [CodeChallengeMethod] = "S256",
        }));
    }

    /// <summary>
    /// Entra's answer (<c>?code&amp;state</c>): the flow must be known, live, unused and started in this browser; the code is
    /// redeemed with the PKCE verifier and the client secret; the id_token must be signed by the authority's key, for our
    /// client, in time and carry the flow's nonce. Then a short session is stored and the browser goes back to its link.
    /// </summary>
    public async Task<IResult> CallbackAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        string? state = query["state"];
        var item = IsRandomValue(state) ? await _storage.ReadAsync(FlowKeyPrefix + state, cancellationToken).ConfigureAwait(false) : null;
        var flow = item is null ? null : JsonSerializer.Deserialize(item.Json, ExportJson.Default.FlowRecord);
        if (item is null || flow is null || _time.GetUtcNow() >= flow.ExpiresAt)
        {
            LogOutcome(_logger, "unknown or expired state");
            return Refusal(StatusCodes.Status400BadRequest, "flowUnknown", ExportTexts.BrowserLanguage(http.Request));
        }

        await _storage.DeleteAsync(item.Key, cancellationToken).ConfigureAwait(false); // a flow works once
        if (!http.Request.Cookies.TryGetValue(FlowCookie, out var browser) || !IsRandomValue(browser)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(browser)), Encoding.ASCII.GetBytes(flow.BrowserHash)))
        {
            LogOutcome(_logger, "callback in another browser");
            return Refusal(StatusCodes.Status403Forbidden, "notVerified", ExportTexts.BrowserLanguage(http.Request));
        }

        string? code = query["code"];
        if (!string.IsNullOrEmpty(query["error"]) || string.IsNullOrEmpty(code))
        {
            LogOutcome(_logger, "sign-in not completed at the provider");
            return Refusal(StatusCodes.Status403Forbidden, "notVerified", ExportTexts.BrowserLanguage(http.Request));
        }

        var user = await RedeemAsync(code, flow, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return Refusal(StatusCodes.Status403Forbidden, "notVerified", ExportTexts.BrowserLanguage(http.Request));
        }

        var session = NewRandomValue();
        var expires = _time.GetUtcNow() + _options.LinkLifetime;
        await _storage.WriteAsync(SessionKeyPrefix + Hash(session), JsonSerializer.Serialize(new SessionRecord(user.ObjectId, user.TenantId, expires), ExportJson.Default.SessionRecord), null, expires, cancellationToken).ConfigureAwait(false);
        SetCookie(http, SessionCookie, session, _options.LinkLifetime, flow.RedirectUri);
        LogOutcome(_logger, "signed in");
        return Results.Redirect(http.Request.PathBase + ExportLinks.RoutePrefix + flow.Token);
    }

    /// <summary>The plain-text answer of a refused sign-in step.</summary>
    public static IResult Refusal(int status, string text, string language) =>
        Results.Text(Text(text, language), "text/plain; charset=utf-8", statusCode: status);

    /// <summary>A sign-in text in <paramref name="language"/> (the browser's, see <see cref="ExportTexts.BrowserLanguage"/>).</summary>
    public static string Text(string key, string language = TextCatalogue.English) => NonCoopBotRoutes.Texts.Get(language, "exportSignIn." + key);

    private async Task<ExportSignInUser?> RedeemAsync(string code, FlowRecord flow, CancellationToken cancellationToken)
    {
        var metadata = await MetadataOrNullAsync(cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return null;
        }

        string? idToken;
        using (var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = flow.RedirectUri,
            ["client_id"] = _settings.ClientId!,
            ["client_secret"] = _settings.ClientSecret!,
            ["code_verifier"] = flow.Verifier,
            ["scope"] = Scope,
        }))
        {
            try
            {
                using var response = await _http.CreateClient(HttpClientName).PostAsync(metadata.TokenEndpoint, content, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    LogCodeRefused(_logger, (int)response.StatusCode);
                    return null;
                }

                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                idToken = body.RootElement.TryGetProperty("id_token", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogTokenEndpointFailed(_logger, ex);
                return null;
            }
        }

        return idToken is null ? null : await ValidateAsync(idToken, flow.Nonce, metadata, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExportSignInUser?> ValidateAsync(string idToken, string nonce, OpenIdConnectConfiguration metadata, CancellationToken cancellationToken)
    {
        var result = await _handler.ValidateTokenAsync(idToken, Parameters(metadata)).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException
            && _authority is not null
            && await _authority.RefreshForUnknownKeyAsync(metadata, KeyIdOf(idToken), cancellationToken).ConfigureAwait(false) is var refreshed
            && !ReferenceEquals(refreshed, metadata))
        {
            result = await _handler.ValidateTokenAsync(idToken, Parameters(refreshed)).ConfigureAwait(false); // the keys rotated
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            LogTokenRefused(_logger, result.Exception?.GetType().Name ?? "invalid");
            return null;
        }

        if (BotAuthenticator.CheckLifetime(jwt, _time.GetUtcNow(), ClockSkew) is not null)
        {
            LogTokenRefused(_logger, "lifetime");
            return null;
        }

        if (!jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Nonce, out var tokenNonce) || tokenNonce is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(tokenNonce), Encoding.UTF8.GetBytes(nonce)))
        {
            LogTokenRefused(_logger, "nonce");
            return null;
        }

        if (!jwt.TryGetPayloadValue<string>("oid", out var oid) || string.IsNullOrWhiteSpace(oid)
            || !jwt.TryGetPayloadValue<string>("tid", out var tid) || string.IsNullOrWhiteSpace(tid))
        {
            LogTokenRefused(_logger, "no oid or tid");
            return null;
        }

        return new ExportSignInUser(oid, tid);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata) => new()
    {
        ValidIssuer = metadata.Issuer,
        ValidAudience = _settings.ClientId,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = false, // checked against TimeProvider (as BotAuthenticator does)
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        TryAllIssuerSigningKeys = false,
    };

    /// <summary>The authority's metadata (cached by <see cref="OpenIdKeyCache"/>, which logs a failed fetch), or null when it cannot be read.</summary>
    private async Task<OpenIdConnectConfiguration?> MetadataOrNullAsync(CancellationToken cancellationToken)
    {
        if (_authority is null)
        {
            return null;
        }

        try
        {
            return await _authority.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private string KeyIdOf(string token) => _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token).Kid ?? string.Empty : string.Empty;

    private string RedirectUri(HttpContext http)
    {
        var configured = _options.PublicBaseUrl;
        var baseUrl = string.IsNullOrEmpty(configured) ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : configured.TrimEnd('/');
        return baseUrl + _settings.CallbackPath;
    }

    private static void SetCookie(HttpContext http, string name, string value, TimeSpan lifetime, string redirectUri) =>
        http.Response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = redirectUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase), // http only where the validator allows it (Development)
            SameSite = SameSiteMode.Lax,
            Path = ExportLinks.RoutePrefix.TrimEnd('/'),
            MaxAge = lifetime,
            IsEssential = true,
        });

    private static string NewRandomValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static bool IsRandomValue(string? value) => value is { Length: 43 } && Base64Url.IsValid(value);

    private static string Hash(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(value)));

    internal sealed record FlowRecord(string Token, string Nonce, string Verifier, string BrowserHash, string RedirectUri, DateTimeOffset ExpiresAt);

    internal sealed record SessionRecord(string ObjectId, string TenantId, DateTimeOffset ExpiresAt);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Warning, Message = "EXPORT SIGN-IN OFF: Export:SignIn:Enabled is false, so export links are served WITHOUT proving who opens them, only in Development, only in anonymous mode (no Bot:AppId) and only to loopback callers. Never expose this instance.")]
    private static partial void LogSignInOff(ILogger logger);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Warning, Message = "Export:SignIn has no tenant, client id or client secret (Bot:TenantId, Bot:AppId, Bot:ClientSecret or Export:SignIn:*): the export command is off on this host. In Development, Export:SignIn:Enabled=false serves links to loopback callers in anonymous mode.")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Export sign-in: {Outcome}.")]
    private static partial void LogOutcome(ILogger logger, string outcome);

    [LoggerMessage(EventId = 9113, Level = LogLevel.Warning, Message = "Export sign-in: the token endpoint refused the code with {StatusCode}.")]
    private static partial void LogCodeRefused(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 9114, Level = LogLevel.Warning, Message = "Export sign-in: the token endpoint could not be reached or answered unreadably.")]
    private static partial void LogTokenEndpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9115, Level = LogLevel.Warning, Message = "Export sign-in: id_token refused ({Reason}).")]
    private static partial void LogTokenRefused(ILogger logger, string reason);
}
