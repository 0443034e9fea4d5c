using System.Collections.Concurrent;

namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// Process-local <see cref="IServiceUrlTrust"/>. It forgets everything on restart: code that sends
/// proactively from a stored <see cref="Schema.ConversationReference"/> must call <see cref="Trust"/> with the
/// stored serviceUrl (which was saved from an authenticated activity).
/// </summary>
public sealed class InMemoryServiceUrlTrust : IServiceUrlTrust
{
    private readonly ConcurrentDictionary<string, byte> _trusted = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Trust(string serviceUrl)
    {
        var normalized = ServiceUrls.Normalize(serviceUrl)
            ?? throw new ArgumentException("The serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        _trusted.TryAdd(normalized, 0);
    }

    /// <inheritdoc />
    public bool IsTrusted(string serviceUrl) =>
        ServiceUrls.Normalize(serviceUrl) is { } normalized && _trusted.ContainsKey(normalized);
}
