namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// A connector call named a serviceUrl that did not arrive on an authenticated activity, so the bot's
/// token must not be sent there. Nothing was sent.
/// </summary>
public sealed class UntrustedServiceUrlException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public UntrustedServiceUrlException(string serviceUrl)
        : base($"The serviceUrl host '{HostOf(serviceUrl)}' is not trusted: it did not arrive on an authenticated activity. " +
               "Trust it through IServiceUrlTrust.Trust when it comes from an authenticated activity or a stored conversation reference.")
    {
        ServiceUrl = serviceUrl;
    }

    /// <summary>The refused serviceUrl.</summary>
    public string ServiceUrl { get; }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "(not a URL)";
}
