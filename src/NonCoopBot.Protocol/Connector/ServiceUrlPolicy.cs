using System.Collections.Concurrent;
using System.Net;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// Which serviceUrls the bot accepts on inbound activities and sends its token to: <c>https</c> URLs whose
/// host matches a rule of <c>Bot:TrustedServiceUrlHosts</c> (an exact host, or <c>*.suffix</c> for any host
/// below that suffix, never the suffix itself). A loopback host (any scheme) is accepted only when
/// <see cref="AllowsLoopback"/> is set: anonymous Development mode, or tests.
/// </summary>
public sealed class ServiceUrlPolicy
{
    /// <summary>The public-cloud Teams connector host (regional paths such as <c>/emea/</c>, <c>/amer/</c>, <c>/teams/</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultHosts = ["smba.trafficmanager.net"];

    private readonly string[] _exact;
    private readonly string[] _suffixes;
    private readonly ConcurrentDictionary<string, bool> _answers = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _decide;

    /// <summary>Creates the policy from host rules (see <see cref="IsValidRule"/>).</summary>
    /// <param name="hostRules">Exact hosts or <c>*.suffix</c> rules.</param>
    /// <param name="allowLoopback">True to accept loopback hosts too (anonymous Development mode or tests only).</param>
    public ServiceUrlPolicy(IEnumerable<string> hostRules, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(hostRules);
        var rules = hostRules.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().ToLowerInvariant()).ToList();
        var invalid = rules.FirstOrDefault(r => !IsValidRule(r));
        if (invalid is not null)
            throw new ArgumentException($"'{invalid}' is not a host or a *.suffix rule.", nameof(hostRules));
        _exact = rules.Where(r => !r.StartsWith("*.", StringComparison.Ordinal)).ToArray();
        _suffixes = rules.Where(r => r.StartsWith("*.", StringComparison.Ordinal)).Select(r => r[1..]).ToArray();
        AllowsLoopback = allowLoopback;
        _decide = Decide;
    }

    /// <summary>How many answers <see cref="IsAllowed"/> holds now (at most <see cref="ServiceUrls.MaxCached"/>).</summary>
    internal int CachedCount => _answers.Count;

    /// <summary>True when loopback serviceUrls (http or https, any port) are accepted.</summary>
    public bool AllowsLoopback { get; }

    /// <summary>True when <paramref name="serviceUrl"/> is an absolute URL the bot may talk to.</summary>
    public bool IsAllowed(string? serviceUrl)
    {
        // The answer for a URL never changes (the rules are fixed): remembered for up to ServiceUrls.MaxCached URLs.
        return serviceUrl is not null && ServiceUrls.Remember(_answers, serviceUrl, _decide);
    }

    private bool Decide(string serviceUrl)
    {
        if (ServiceUrls.Normalize(serviceUrl) is null || !Uri.TryCreate(serviceUrl!.Trim(), UriKind.Absolute, out var uri))
            return false;
        if (IsLoopback(uri))
            return AllowsLoopback;
        if (uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo))
            return false;
        var host = uri.IdnHost.ToLowerInvariant();
        return _exact.Contains(host, StringComparer.Ordinal)
            || _suffixes.Any(s => host.Length > s.Length && host.EndsWith(s, StringComparison.Ordinal));
    }

    /// <summary>
    /// True for an exact DNS host name (<c>smba.trafficmanager.net</c>) or a suffix rule with at least two
    /// labels after <c>*.</c> (<c>*.teams.microsoft.us</c>); no scheme, port, path, bare <c>*</c> or IP address.
    /// </summary>
    public static bool IsValidRule(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
            return false;
        var host = rule.Trim();
        var suffix = host.StartsWith("*.", StringComparison.Ordinal);
        if (suffix)
            host = host[2..];
        if (host.Length == 0 || host.Contains('*', StringComparison.Ordinal) || IPAddress.TryParse(host, out _)
            || Uri.CheckHostName(host) != UriHostNameType.Dns)
            return false;
        return !suffix || host.Count(c => c == '.') >= 1;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
}
