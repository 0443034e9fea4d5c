using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// Acquires the bot's outbound token with MSAL: with <see cref="BotAuthenticationOptions.ClientSecret"/>, the
/// client-credentials flow (single-tenant authority <c>{AuthorityHost}/{TenantId}</c>, scope <see cref="Scope"/>);
/// with <see cref="BotAuthenticationOptions.ManagedIdentityClientId"/>, the user-assigned managed identity of the
/// host (MSAL finds the endpoint from the hosting environment, e.g. App Service's IDENTITY_ENDPOINT), for the
/// resource <see cref="Resource"/>. The token is cached until
/// <see cref="RefreshMargin"/> before it expires, judged by <see cref="TimeProvider"/>.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    /// <summary>The scope of the Bot Framework Connector.</summary>
    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>The resource a managed identity asks a token for.</summary>
    public const string Resource = "https://api.botframework.com";

    /// <summary>The name of the <see cref="IHttpClientFactory"/> client MSAL uses.</summary>
    public const string HttpClientName = "NonCoopBot.Msal";

    /// <summary>A cached token is replaced this long before it expires.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<AuthenticationResult>> _acquire;
    private readonly TimeProvider _time;
    private readonly ILogger<MsalBotTokenProvider> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAfter = DateTimeOffset.MinValue;

    /// <summary>Creates the provider. Register it as a singleton.</summary>
    public MsalBotTokenProvider(
        IOptions<BotAuthenticationOptions> options,
        IMsalHttpClientFactory httpClientFactory,
        TimeProvider time,
        ILogger<MsalBotTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        var o = options.Value;
        if (!o.HasCredentials || string.IsNullOrWhiteSpace(o.TenantId))
        {
            throw new InvalidOperationException(
                $"{nameof(MsalBotTokenProvider)} needs {BotAuthenticationOptions.SectionName}:AppId, :TenantId and :ClientSecret or :ManagedIdentityClientId. " +
                $"Configure them, or use {nameof(AnonymousBotTokenProvider)} for local anonymous mode.");
        }

        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        // We are the cache (judged by TimeProvider), so MSAL's own cache is bypassed.
        if (o.UsesManagedIdentity)
        {
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.ManagedIdentityClientId))
                .WithHttpClientFactory(httpClientFactory)
                .Build();
            _acquire = ct => identity.AcquireTokenForManagedIdentity(Resource).WithForceRefresh(true).ExecuteAsync(ct);
        }
        else
        {
            var application = ConfidentialClientApplicationBuilder.Create(o.AppId)
                .WithClientSecret(o.ClientSecret)
                .WithAuthority($"{o.AuthorityHost.TrimEnd('/')}/{Uri.EscapeDataString(o.TenantId)}", validateAuthority: true)
                .WithInstanceDiscovery(false)
                .WithHttpClientFactory(httpClientFactory)
                .Build();
            _acquire = ct => application.AcquireTokenForClient([Scope]).WithForceRefresh(true).ExecuteAsync(ct);
        }
    }

    /// <inheritdoc />
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && _time.GetUtcNow() < _refreshAfter)
            return cached;

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } current && _time.GetUtcNow() < _refreshAfter)
                return current;

            AuthenticationResult result;
            try
            {
                result = await _acquire(cancellationToken).ConfigureAwait(false);
            }
            catch (MsalException ex)
            {
                AuthLog.OutboundTokenFailed(_logger, ex, ex.ErrorCode);
                throw;
            }

            // MSAL stamps ExpiresOn with the system clock; keep only the lifetime it implies.
            var lifetime = result.ExpiresOn - TimeProvider.System.GetUtcNow();
            _refreshAfter = _time.GetUtcNow() + lifetime - RefreshMargin;
            _token = result.AccessToken;
            AuthLog.OutboundTokenAcquired(_logger, _refreshAfter);
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }
}
