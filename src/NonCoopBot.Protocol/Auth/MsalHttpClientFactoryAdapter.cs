using Microsoft.Identity.Client;

namespace NonCoopBot.Protocol.Auth;

/// <summary>Lets MSAL use <see cref="IHttpClientFactory"/> (client <see cref="MsalBotTokenProvider.HttpClientName"/>).</summary>
public sealed class MsalHttpClientFactoryAdapter(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    /// <inheritdoc />
    public HttpClient GetHttpClient() => factory.CreateClient(MsalBotTokenProvider.HttpClientName);
}
