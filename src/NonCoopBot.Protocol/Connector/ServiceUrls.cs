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
    public static string? Normalize(string? url)
    {
        if (url is null)
            return null;
        if (Normalized.TryGetValue(url, out var known))
            return known;
        var normalized = NormalizeCore(url);
        if (Normalized.Count < MaxCached)
            Normalized.TryAdd(url, normalized);
        return normalized;
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
        if (BaseAddresses.TryGetValue(normalized, out var known))
            return known;
        var address = new Uri(normalized + "/", UriKind.Absolute);
        if (BaseAddresses.Count < MaxCached)
            BaseAddresses.TryAdd(normalized, address);
        return address;
    }
}
