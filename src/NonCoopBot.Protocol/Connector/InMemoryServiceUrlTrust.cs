using System.Collections.Concurrent;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// Process-local <see cref="IServiceUrlTrust"/>. It forgets everything on restart: code that sends
/// proactively from a stored <see cref="Schema.ConversationReference"/> must call <see cref="Trust"/> with the
/// stored serviceUrl (which was saved from an authenticated activity). With a <see cref="ServiceUrlPolicy"/>
/// (as registered by <c>AddBotProtocol</c>) a serviceUrl the policy refuses is never trusted, whoever asks:
/// a stored reference whose host is no longer on <c>Bot:TrustedServiceUrlHosts</c> cannot be used.
/// </summary>
public sealed class InMemoryServiceUrlTrust : IServiceUrlTrust
{
    private readonly ConcurrentDictionary<string, byte> _trusted = new(StringComparer.Ordinal);
    private readonly ServiceUrlPolicy? _policy;

    /// <summary>Trust exactly what is passed to <see cref="Trust"/> (no host policy; tools and unit tests).</summary>
    public InMemoryServiceUrlTrust()
    {
    }

    /// <summary>Trust what is passed to <see cref="Trust"/> and allowed by <paramref name="policy"/>.</summary>
    public InMemoryServiceUrlTrust(ServiceUrlPolicy policy) =>
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <inheritdoc />
    public void Trust(string serviceUrl)
    {
        var normalized = ServiceUrls.Normalize(serviceUrl)
            ?? throw new ArgumentException("The serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        if (_policy?.IsAllowed(normalized) == false)
            return;
        _trusted.TryAdd(normalized, 0);
    }

    /// <inheritdoc />
    public bool IsTrusted(string serviceUrl) =>
        ServiceUrls.Normalize(serviceUrl) is { } normalized
        && _policy?.IsAllowed(normalized) != false
        && _trusted.ContainsKey(normalized);
}
