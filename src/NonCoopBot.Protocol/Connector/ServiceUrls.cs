using System.Collections.Concurrent;

namespace NonCoopBot.Protocol.Connector;

/// <summary>Compares and normalizes Bot Framework serviceUrls.</summary>
public static class ServiceUrls
{
    /// <summary>How many distinct inputs the caches below remember (Teams uses a handful of serviceUrls).</summary>
    internal const int MaxCached = 256;

    // A turn normalizes the same serviceUrl several times (admission, token claim, trust, reply address): the
    // results are remembered, up to MaxCached inputs, so that a flood of distinct URLs cannot grow them.
    private static readonly ConcurrentDictionary<string, string?> Normalized = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Uri> BaseAddresses = new(StringComparer.Ordinal);

    /// <summary>How many inputs the normalization cache holds now (at most <see cref="MaxCached"/>).</summary>
    internal static int CachedCount => Normalized.Count;

    /// <summary>
    /// The canonical form of an absolute http(s) URL: lower-case scheme and host, explicit non-default
    /// port, path without trailing slash (path case kept). Null when <paramref name="url"/> is not an
    /// absolute http(s) URL.
    /// </summary>
    public static string? Normalize(string? url) => url is null ? null : Remember(Normalized, url, NormalizeCore);

    /// <summary>
    /// The value of <paramref name="key"/> in <paramref name="cache"/>, computed and kept when missing while the cache
    /// holds fewer than <see cref="MaxCached"/> entries (computed and not kept beyond that).
    /// </summary>
    internal static TValue Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> compute)
        where TKey : notnull
    {
        if (cache.TryGetValue(key, out var known))
            return known;
        var value = compute(key);
        if (cache.Count < MaxCached)
            cache.TryAdd(key, value);
        return value;
    }

    private static string? NormalizeCore(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            return null;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            return null;
        var port = uri.IsDefaultPort ? string.Empty : $":{uri.Port}";
        var path = uri.AbsolutePath.TrimEnd('/');
        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{port}{path}{uri.Query}";
    }

    /// <summary>True when both are valid serviceUrls with the same normalized form.</summary>
    public static bool AreEquivalent(string? a, string? b)
    {
        var left = Normalize(a);
        return left is not null && string.Equals(left, Normalize(b), StringComparison.Ordinal);
    }

    /// <summary>The serviceUrl as a base address (always ending in <c>/</c>) for relative connector paths.</summary>
    public static Uri ToBaseAddress(string serviceUrl)
    {
        var normalized = Normalize(serviceUrl)
            ?? throw new ArgumentException("The serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        return Remember(BaseAddresses, normalized, static n => new Uri(n + "/", UriKind.Absolute));
    }
}
