using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// Caches one OpenID metadata document and the signing keys it publishes (the bot's inbound token checks, and the
/// export's Entra sign-in, which also needs the document's endpoints and issuer).
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>ConfigurationManager&lt;T&gt;</c>: in Microsoft.IdentityModel 8.x, once a configuration has
/// been fetched, <c>RequestRefresh()</c> only schedules a <em>background</em> refresh (unless the
/// process-wide AppContext switch <c>Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking</c> is set),
/// so "refresh, then retry once" would still see the stale keys. It also reads the system clock rather
/// than a <see cref="TimeProvider"/>. This class keeps the same retriever stack
/// (<see cref="OpenIdConnectConfigurationRetriever"/> over an <see cref="HttpDocumentRetriever"/> built on an
/// <see cref="IHttpClientFactory"/> client) but awaits the forced refresh and takes time from
/// <see cref="TimeProvider"/>.
/// </para>
/// <para>
/// Keys are reused for <c>refreshInterval</c>. A token with an unknown key id may force one refresh,
/// at most once per <c>minimumForcedRefreshInterval</c> (the first is always allowed). When a refresh
/// fails, the last keys are kept (stale keys beat no keys) and the fetch is retried a minute later.
/// </para>
/// </remarks>
public sealed class OpenIdKeyCache
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly string _metadataUrl;
    private readonly Func<HttpClient> _createHttpClient;
    private readonly bool _requireHttps;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumForcedRefreshInterval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);

    // The document and its keys, replaced together on each fetch.
    private volatile Published? _published;
    private DateTimeOffset _refreshAfter = DateTimeOffset.MinValue;
    private DateTimeOffset? _lastForcedRefresh;
    private long _generation;

    public OpenIdKeyCache(
        string metadataUrl,
        Func<HttpClient> createHttpClient,
        bool allowHttpOnLoopback,
        TimeProvider time,
        TimeSpan refreshInterval,
        TimeSpan minimumForcedRefreshInterval,
        ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataUrl);
        _metadataUrl = metadataUrl;
        _createHttpClient = createHttpClient;
        _requireHttps = !(allowHttpOnLoopback && IsLoopback(metadataUrl));
        _time = time;
        _refreshInterval = refreshInterval;
        _minimumForcedRefreshInterval = minimumForcedRefreshInterval;
        _logger = logger;
    }

    public string MetadataUrl => _metadataUrl;

    /// <summary>The current keys, fetching them when none are cached or they are due for refresh.</summary>
    public async Task<IReadOnlyList<JsonWebKey>> GetKeysAsync(CancellationToken cancellationToken) =>
        (await GetPublishedAsync(cancellationToken).ConfigureAwait(false)).Keys;

    /// <summary>The current metadata document, fetching it when none is cached or it is due for refresh.</summary>
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken) =>
        (await GetPublishedAsync(cancellationToken).ConfigureAwait(false)).Configuration;

    private async Task<Published> GetPublishedAsync(CancellationToken cancellationToken)
    {
        var published = _published;
        if (published is not null && _time.GetUtcNow() < _refreshAfter)
            return published;

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_published is null || _time.GetUtcNow() >= _refreshAfter)
                await FetchAsync(cancellationToken).ConfigureAwait(false);
            return _published ?? throw new InvalidOperationException($"No signing keys could be fetched from {_metadataUrl}.");
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Called when a token names a key id that <paramref name="seen"/> does not contain: refreshes once
    /// (unless another caller already did, or the last forced refresh is too recent) and returns the keys.
    /// </summary>
    public async Task<IReadOnlyList<JsonWebKey>> RefreshForUnknownKeyAsync(IReadOnlyList<JsonWebKey> seen, string keyId, CancellationToken cancellationToken) =>
        (await RefreshAsync(p => ReferenceEquals(p.Keys, seen), keyId, cancellationToken).ConfigureAwait(false))?.Keys ?? seen;

    /// <summary>The same for a caller that holds the document <paramref name="seen"/>: the document after the refresh.</summary>
    public async Task<OpenIdConnectConfiguration> RefreshForUnknownKeyAsync(OpenIdConnectConfiguration seen, string keyId, CancellationToken cancellationToken) =>
        (await RefreshAsync(p => ReferenceEquals(p.Configuration, seen), keyId, cancellationToken).ConfigureAwait(false))?.Configuration ?? seen;

    private async Task<Published?> RefreshAsync(Func<Published, bool> isSeen, string keyId, CancellationToken cancellationToken)
    {
        var generationSeen = Interlocked.Read(ref _generation);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_published is not { } current || !isSeen(current) || Interlocked.Read(ref _generation) != generationSeen)
                return _published; // someone refreshed while we waited

            var now = _time.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < _minimumForcedRefreshInterval)
                return null;

            _lastForcedRefresh = now;
            AuthLog.RefreshingForUnknownKey(_logger, keyId, _metadataUrl);
            await FetchAsync(cancellationToken).ConfigureAwait(false);
            return _published;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var retriever = new HttpDocumentRetriever(_createHttpClient()) { RequireHttps = _requireHttps };
            var configuration = await OpenIdConnectConfigurationRetriever
                .GetAsync(_metadataUrl, retriever, cancellationToken)
                .ConfigureAwait(false);
            var keys = configuration.JsonWebKeySet?.Keys?.Where(k => !string.IsNullOrEmpty(k.Kid)).ToArray() ?? [];
            _published = new Published(configuration, keys);
            _refreshAfter = _time.GetUtcNow() + _refreshInterval;
            Interlocked.Increment(ref _generation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AuthLog.MetadataFetchFailed(_logger, ex, _metadataUrl);
            _refreshAfter = _time.GetUtcNow() + RetryAfterFailure;
            if (_published is null)
                throw;
        }
    }

    private sealed record Published(OpenIdConnectConfiguration Configuration, IReadOnlyList<JsonWebKey> Keys);

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
