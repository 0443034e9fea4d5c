using System.Net;
using System.Text;
using NonCoopBot.App.Features.Export;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Export;

/// <summary>What a browser ended with after following every redirect: status, body, media type and the last address.</summary>
internal sealed record Download(HttpStatusCode Status, byte[] Body, string? Type, Uri FinalUri)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A browser for export links: a real <see cref="HttpClient"/> that keeps cookies (<see cref="CookieContainer"/>) and
/// follows redirects between the bot's Kestrel and the loopback <see cref="FakeEntraSignIn"/>, where it signs in as the
/// person the test chooses. Every plain-text or Markdown answer goes through the para 12 check.
/// </summary>
internal sealed class ExportBrowser : IDisposable
{
    private readonly HttpClient _http;
    private readonly FakeEntraSignIn _entra;

    public ExportBrowser(Uri bot, FakeEntraSignIn entra, bool followRedirects = true, string? acceptLanguage = null)
    {
        _entra = entra;
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = followRedirects })
        {
            BaseAddress = bot,
        };
        if (acceptLanguage is not null)
        {
            _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
    }

    public CookieContainer Cookies { get; }

    /// <summary>Opens <paramref name="path"/> (or an absolute address); Entra signs in <paramref name="user"/> if asked.</summary>
    public async Task<Download> OpenAsync(string path, FakeEntraUser? user)
    {
        _entra.User = user;
        using var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    /// <summary>The raw answer to one request (no redirect followed when the browser was made so).</summary>
    public async Task<HttpResponseMessage> SendAsync(string pathOrUrl) =>
        await _http.GetAsync(pathOrUrl, TestContext.Current.CancellationToken);

    public static async Task<Download> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is "text/plain" or "text/markdown")
        {
            SentWording.InspectText(Encoding.UTF8.GetString(body), "GET " + ExportLinks.RoutePrefix);
        }

        return new Download(response.StatusCode, body, type, response.RequestMessage!.RequestUri!);
    }

    public void Dispose() => _http.Dispose();
}
