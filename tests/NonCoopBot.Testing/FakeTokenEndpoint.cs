using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NonCoopBot.Testing;

/// <summary>
/// A fake Entra token endpoint on <b>https</b>://127.0.0.1:{random} with a self-signed certificate
/// made at start (MSAL refuses non-https authorities). Answers
/// <c>POST {tenant}/oauth2/v2.0/token</c> with a fresh access token and <see cref="ExpiresInSeconds"/>.
/// Point <c>Bot:AuthorityHost</c> at <see cref="AuthorityHost"/> and give the MSAL named HttpClient
/// <see cref="CreateTrustingHandler"/> as its primary handler.
/// </summary>
public sealed class FakeTokenEndpoint : IAsyncDisposable
{
    private readonly X509Certificate2 _certificate;
    private WebApplication? _app;
    private int _issued;
    private readonly System.Collections.Concurrent.ConcurrentQueue<IReadOnlyDictionary<string, string>> _forms = new();

    private FakeTokenEndpoint(X509Certificate2 certificate) => _certificate = certificate;

    /// <summary>The endpoint's self-signed certificate as PEM (a process outside the test can trust it, e.g. through SSL_CERT_FILE).</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>The https base address, e.g. <c>https://127.0.0.1:51234</c> (no trailing slash).</summary>
    public string AuthorityHost { get; private set; } = string.Empty;

    /// <summary>The <c>expires_in</c> of issued tokens.</summary>
    public int ExpiresInSeconds { get; set; } = 3600;

    /// <summary>How many tokens were issued.</summary>
    public int TokensIssued => Volatile.Read(ref _issued);

    /// <summary>The form fields of every token request (client secret included: test data only).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => _forms.ToArray();

    /// <summary>The paths requested, for diagnostics.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>Starts the endpoint.</summary>
    public static async Task<FakeTokenEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = new FakeTokenEndpoint(CreateCertificate());
        (endpoint._app, var address) = await LoopbackServer.StartAsync(endpoint.HandleAsync, endpoint._certificate, cancellationToken).ConfigureAwait(false);
        endpoint.AuthorityHost = address.ToString().TrimEnd('/');
        return endpoint;
    }

    /// <summary>An HttpClientHandler that trusts exactly this endpoint's certificate.</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var thumbprint = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        };
    }

    private async Task HandleAsync(HttpContext context)
    {
        Paths.Enqueue(context.Request.Method + " " + context.Request.Path);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Value!.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        _forms.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        var number = Interlocked.Increment(ref _issued);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = ExpiresInSeconds,
            ["ext_expires_in"] = ExpiresInSeconds,
            ["access_token"] = $"fake-access-token-{number}",
        }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }
}
