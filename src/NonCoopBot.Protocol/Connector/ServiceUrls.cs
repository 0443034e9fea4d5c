namespace NonCoopBot.Protocol.Connector;

/// <summary>Compares and normalizes Bot Framework serviceUrls.</summary>
public static class ServiceUrls
{
    /// <summary>
    /// The canonical form of an absolute http(s) URL: lower-case scheme and host, explicit non-default
    /// port, path without trailing slash (path case kept). Null when <paramref name="url"/> is not an
    /// absolute http(s) URL.
    /// </summary>
    public static string? Normalize(string? url)
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
        return new Uri(normalized + "/", UriKind.Absolute);
    }
}
