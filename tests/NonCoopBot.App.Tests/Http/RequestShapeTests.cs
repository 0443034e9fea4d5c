using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NonCoopBot.App.Hosting;
using NonCoopBot.App.Tests.Support;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Http;

/// <summary>Requests of the wrong shape get 400/415/413 before anything is processed, over real sockets.</summary>
public sealed class RequestShapeTests : IAsyncLifetime
{
    private BotTestEnvironment _world = null!;
    private BotAppFactory _bot = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await BotTestEnvironment.StartAsync(Ct);
        _bot = _world.CreateBot();
        _client = _bot.StartClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"message\",\"text\":\"help\"}")]
    public async Task Post_MalformedActivity_Returns400AndDoesNothing(string body)
    {
        await AssertRefusedAsync(new StringContent(body, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_WrongContentType_Returns415AndDoesNothing(string contentType)
    {
        var json = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(
            _world.Message("help").Build(), NonCoopBot.Protocol.Schema.ProtocolJsonContext.Default.Activity));
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        await AssertRefusedAsync(content, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Post_BodyOver256KbWithContentLength_Returns413AndDoesNothing()
    {
        var content = new ByteArrayContent(OversizedActivity());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertRefusedAsync(content, HttpStatusCode.RequestEntityTooLarge, expectContentLength: true);
    }

    [Fact]
    public async Task Post_BodyOver256KbChunkedWithoutContentLength_Returns413AndDoesNothing()
    {
        var content = new UnknownLengthContent(OversizedActivity());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertRefusedAsync(content, HttpStatusCode.RequestEntityTooLarge, expectContentLength: false);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_BodyJustUnderTheLimit_IsReadWholeAndAnswered(bool chunked)
    {
        // JSON whitespace pads a help activity to 16 bytes under the limit: the body is read across many reads
        // (and buffer growths when no Content-Length is sent) and processed like a small one.
        var json = System.Text.Json.JsonSerializer.Serialize(_world.Message("help", "a:large").Build(), NonCoopBot.Protocol.Schema.ProtocolJsonContext.Default.Activity);
        var padded = Encoding.UTF8.GetBytes("{" + new string(' ', BotEndpoint.MaxBodyBytes - 16 - Encoding.UTF8.GetByteCount(json)) + json[1..]);
        HttpContent content = chunked ? new UnknownLengthContent(padded) : new ByteArrayContent(padded);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(_bot.Time.GetUtcNow(), _world.Connector.BaseUrl));

        using var response = await _client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BotEndpoint.MaxBodyBytes - 16, padded.Length);
        Assert.Equal(chunked, request.Headers.TransferEncodingChunked == true);
        Assert.Contains(_world.Connector.Requests, r => r.Path.Contains("a:large", StringComparison.Ordinal));
    }

    private async Task AssertRefusedAsync(HttpContent content, HttpStatusCode expected, bool? expectContentLength = null)
    {
        var before = await _bot.StorageSnapshotAsync(Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(_bot.Time.GetUtcNow(), _world.Connector.BaseUrl));

        using var response = await _client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expectContentLength is { } withLength)
        {
            Assert.Equal(withLength, request.Content!.Headers.ContentLength is not null);
            Assert.Equal(!withLength, request.Headers.TransferEncodingChunked == true);
        }

        Assert.Empty(_world.Connector.Requests);
        Assert.Equal(before, await _bot.StorageSnapshotAsync(Ct));
        using var health = await _client.GetAsync("/health/live", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>A valid help activity padded past <see cref="BotEndpoint.MaxBodyBytes"/>.</summary>
    private byte[] OversizedActivity()
    {
        var activity = _world.Message("help " + new string('x', BotEndpoint.MaxBodyBytes + 1024), "a:too-big").Build();
        return Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(activity, NonCoopBot.Protocol.Schema.ProtocolJsonContext.Default.Activity));
    }

    /// <summary>Content that does not know its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
