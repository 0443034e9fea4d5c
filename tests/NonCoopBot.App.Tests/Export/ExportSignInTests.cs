using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Tests.FocalPoints;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Export;

/// <summary>
/// An export link proves who opens it: the download sends the browser through an Entra sign-in (a loopback fake Entra on
/// Kestrel: metadata, JWKS, authorize, token with PKCE) and serves the file only to the person the link was made for, in the
/// bot's tenant, consuming the link only then. Real HttpClients with cookies follow every redirect against the real bot host.
/// </summary>
public sealed class ExportSignInTests : IAsyncLifetime
{
    private const string OtherTenant = "3f2a9c1e-5b7d-4e60-8f11-00000000a0a0";

    private FocalTestHost _host = null!;
    private FakeEntraSignIn _entra = null!;
    private Uri _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeEntraUser President => new(BotTestHost.President, Name: "President");

    public async ValueTask InitializeAsync()
    {
        _entra = await FakeEntraSignIn.StartAsync(TestTokens.BotAppId, "export-test-secret", Ct);
        _host = await FocalTestHost.StartAsync(configure: _entra.Configure);
        _entra.Clock = _host.Bot.Time.GetUtcNow;
        _bot = new Uri(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await _host.OpenKenya7BAsync(); // NC-2026-001
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private Task<(string Pdf, string Markdown)> ExportAsync() => LinksAsync(_host);

    /// <summary>The two links (paths on the bot) of the President's export of NC-2026-001.</summary>
    internal static async Task<(string Pdf, string Markdown)> LinksAsync(FocalTestHost host)
    {
        var (sent, _) = await host.SayAsync(BotTestHost.President, "export NC-2026-001");
        var actions = Assert.Single(sent).Attachments![0].Content!["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]!.AsArray();
        string Path(string title) => new Uri((string)actions.Single(a => (string?)a!["title"] == title)!["url"]!).PathAndQuery;
        return (Path("Download PDF"), Path("Download Markdown"));
    }

    private async Task<Download> OpenAsync(string path, FakeEntraUser? user)
    {
        using var browser = new ExportBrowser(_bot, _entra);
        return await browser.OpenAsync(path, user);
    }

    private async Task<DateTimeOffset?> UsedAtAsync(string path)
    {
        var item = await _host.Services.GetRequiredService<IStorage>().ReadAsync("export:link:" + path[ExportLinks.RoutePrefix.Length..].Split('.')[0], Ct);
        var used = JsonNode.Parse(item!.Json)!["usedAt"];
        return used is null ? null : used.GetValue<DateTimeOffset>();
    }

    [Fact]
    public async Task TheRequester_SignsIn_AndGetsThePdfAndTheMarkdown_ThenBothLinksAreUsed()
    {
        var (pdf, markdown) = await ExportAsync();
        using var browser = new ExportBrowser(_bot, _entra);

        var pdfDownload = await browser.OpenAsync(pdf, President);
        var pdfUsed = await UsedAtAsync(pdf);
        var markdownUnused = await UsedAtAsync(markdown);
        var mdDownload = await browser.OpenAsync(markdown, President); // the same browser: its short session, no second sign-in
        var again = await browser.OpenAsync(pdf, President);

        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdfDownload.Status, pdfDownload.Type));
        Assert.Equal(pdf, pdfDownload.FinalUri.PathAndQuery); // back on the link after the sign-in
        Assert.Equal((HttpStatusCode.OK, "text/markdown"), (mdDownload.Status, mdDownload.Type));
        Assert.Contains("NC-2026-001", mdDownload.Text, StringComparison.Ordinal);
        Assert.Equal((1, 1), (_entra.AuthorizeRequests, _entra.TokensIssued));
        Assert.Empty(_entra.Refusals); // code, client, secret, redirect URI and PKCE verifier were right
        Assert.Equal(_host.Bot.Time.GetUtcNow(), pdfUsed);
        Assert.Null(markdownUnused);
        Assert.NotNull(await UsedAtAsync(markdown));
        Assert.Equal((HttpStatusCode.Gone, ExportTexts.LinkUsed), (again.Status, again.Text));
    }

    [Fact]
    public async Task TheSession_LastsTheLinkLifetime_ThenTheSameBrowserSignsInAgain()
    {
        using var browser = new ExportBrowser(_bot, _entra);
        var (first, _) = await ExportAsync();
        var opened = await browser.OpenAsync(first, President);
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(4));
        var (second, _) = await ExportAsync();
        var within = await browser.OpenAsync(second, President);
        var signInsWithin = _entra.AuthorizeRequests;
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(1));
        var (third, _) = await ExportAsync();

        var after = await browser.OpenAsync(third, President);

        Assert.All(new[] { opened, within, after }, d => Assert.Equal(HttpStatusCode.OK, d.Status));
        Assert.Equal(1, signInsWithin);
        Assert.Equal(2, _entra.AuthorizeRequests);
    }

    [Fact]
    public async Task TheSignIn_IsAnAuthorizationCodeRequestWithPkceStateAndNonce_AndItsCookieIsShortLivedHttpOnlyLaxAndScopedToExport()
    {
        var (pdf, _) = await ExportAsync();
        using var browser = new ExportBrowser(_bot, _entra, followRedirects: false);

        using var challenge = await browser.SendAsync(pdf);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(new Uri(_entra.BaseAddress, "authorize"), new Uri(location.GetLeftPart(UriPartial.Path)));
        Assert.Equal(TestTokens.BotAppId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("query", query["response_mode"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal(43, query["state"].ToString().Length);
        Assert.Equal(43, query["nonce"].ToString().Length);
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        Assert.Equal(new Uri(_bot, ExportSignInOptions.DefaultCallbackPath), new Uri(query["redirect_uri"]!));
        var cookie = Assert.Single(challenge.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(ExportSignIn.FlowCookie + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=600", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/export", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // http on loopback only; https links get Secure
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", challenge.Headers.CacheControl!.ToString());
        Assert.Null(await UsedAtAsync(pdf));
    }

    [Fact]
    public async Task BehindAnHttpsPublicAddress_TheRedirectUriIsThePublicOne_AndTheCookieIsSecure()
    {
        await using var host = await FocalTestHost.StartAsync(configure: c =>
        {
            _entra.Configure(c);
            c["Export:PublicBaseUrl"] = "https://bot.example.org";
        });
        await host.OpenKenya7BAsync();
        var (pdf, _) = await LinksAsync(host);
        using var browser = new ExportBrowser(new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), _entra, followRedirects: false);

        using var challenge = await browser.SendAsync(pdf);

        Assert.Equal("https://bot.example.org/export/signin-oidc", QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["redirect_uri"]);
        Assert.Contains("; secure", Assert.Single(challenge.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnotherBureauMember_WhoSignsIn_Gets403_AndTheLinkStillWorksForTheRequester()
    {
        var (pdf, markdown) = await ExportAsync();

        var other = await OpenAsync(pdf, new FakeEntraUser(BotTestHost.ActingVicePresident)); // could export, but this link is the President's
        var member = await OpenAsync(markdown, new FakeEntraUser(BotTestHost.Member));
        var unusedAfter = await UsedAtAsync(pdf);
        var rightful = await OpenAsync(pdf, President);

        Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("otherPerson")), (other.Status, other.Text));
        Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("otherPerson")), (member.Status, member.Text));
        Assert.Equal("This link was made for another person; ask for your own export in your chat with the bot.", other.Text);
        Assert.Null(unusedAfter);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (rightful.Status, rightful.Type));
    }

    [Theory]
    [InlineData(true)] // a token as Entra makes it for another tenant: its issuer names that tenant
    [InlineData(false)] // our issuer but another tid: the tenant is checked on its own
    public async Task AUserOfAnotherTenant_WithTheRequestersObjectId_Gets403_AndTheLinkStillWorks(bool issuerOfTheOtherTenant)
    {
        var (pdf, _) = await ExportAsync();
        _entra.Shape = new FakeIdTokenShape(Issuer: issuerOfTheOtherTenant ? null : TestTokens.EntraV2Issuer);

        var foreign = await OpenAsync(pdf, new FakeEntraUser(BotTestHost.President, OtherTenant));
        _entra.Shape = new FakeIdTokenShape();
        var rightful = await OpenAsync(pdf, President);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal(ExportSignIn.Text(issuerOfTheOtherTenant ? "notVerified" : "otherPerson"), foreign.Text);
        Assert.Equal(HttpStatusCode.OK, rightful.Status);
    }

    [Theory]
    [InlineData("bad signature")]
    [InlineData("wrong audience")]
    [InlineData("wrong nonce")]
    [InlineData("wrong issuer")]
    [InlineData("expired")]
    public async Task AnIdToken_ThatIsNotRight_IsRefused_AndTheLinkStillWorks(string fault)
    {
        var (pdf, _) = await ExportAsync();
        _entra.Shape = fault switch
        {
            "bad signature" => new FakeIdTokenShape(BadSignature: true),
            "wrong audience" => new FakeIdTokenShape(Audience: TestTokens.EntraCallerAppId),
            "wrong nonce" => new FakeIdTokenShape(Nonce: "a-nonce-of-another-sign-in"),
            "wrong issuer" => new FakeIdTokenShape(Issuer: "https://login.microsoftonline.com/" + OtherTenant + "/v2.0"),
            _ => new FakeIdTokenShape(ExpiresIn: TimeSpan.FromMinutes(-6)), // beyond the 5 minutes of clock skew
        };

        var refused = await OpenAsync(pdf, President);
        _entra.Shape = new FakeIdTokenShape();
        var unused = await UsedAtAsync(pdf);
        var rightful = await OpenAsync(pdf, President);

        Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("notVerified")), (refused.Status, refused.Text));
        Assert.Equal(2, _entra.TokensIssued); // the code was redeemed both times: the id_token itself was refused
        Assert.Null(unused);
        Assert.Equal(HttpStatusCode.OK, rightful.Status);
    }

    [Fact]
    public async Task AnExpiredOrTamperedLink_IsAnsweredBeforeAnySignIn()
    {
        var (pdf, markdown) = await ExportAsync();
        var parts = pdf.Split('.');
        _host.Bot.Time.Advance(TimeSpan.FromMinutes(5));

        var expired = await OpenAsync(markdown, President);
        var tampered = await OpenAsync($"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}", President);

        Assert.Equal((HttpStatusCode.Gone, ExportTexts.LinkExpired), (expired.Status, expired.Text));
        Assert.Equal((HttpStatusCode.Forbidden, ExportTexts.LinkInvalid), (tampered.Status, tampered.Text));
        Assert.Equal(0, _entra.AuthorizeRequests);
    }

    [Theory]
    [InlineData("fr-CH, en;q=0.8", "fr")]
    [InlineData("de-DE, es;q=0.9, en;q=0.5", "es")]
    [InlineData("en;q=0.3, fr;q=0.7", "fr")]
    [InlineData("de, it", "en")]
    public async Task ABrowsersRefusals_AreInItsLanguage_WhenItIsOneOfTheThree(string acceptLanguage, string expected)
    {
        // A refused download names nobody whose language could be read: the browser's Accept-Language says it.
        var (pdf, markdown) = await ExportAsync();
        using (var browser = new ExportBrowser(_bot, _entra, acceptLanguage: acceptLanguage))
        {
            var otherPerson = await browser.OpenAsync(pdf, new FakeEntraUser(BotTestHost.Member));
            Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("otherPerson", expected)), (otherPerson.Status, otherPerson.Text));
        }

        _host.Bot.Time.Advance(TimeSpan.FromMinutes(5));
        using var late = new ExportBrowser(_bot, _entra, acceptLanguage: acceptLanguage);
        var expired = await late.OpenAsync(markdown, President);
        var parts = pdf.Split('.');
        var tampered = await late.OpenAsync($"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}", President);

        Assert.Equal((HttpStatusCode.Gone, ExportTexts.Get(expected, "linkExpired")), (expired.Status, expired.Text));
        Assert.Equal((HttpStatusCode.Forbidden, ExportTexts.Get(expected, "linkInvalid")), (tampered.Status, tampered.Text));
        Assert.Equal(expected == "en", expired.Text == ExportTexts.LinkExpired);
    }

    [Fact]
    public async Task ACallback_InAnotherBrowser_OrReplayed_OrDeclined_IsRefused_AndNoCodeIsRedeemed()
    {
        var (pdf, _) = await ExportAsync();
        using var started = new ExportBrowser(_bot, _entra, followRedirects: false);
        using var elsewhere = new ExportBrowser(_bot, _entra, followRedirects: false);
        _entra.User = President;
        using var challenge = await started.SendAsync(pdf);
        using var authorize = await started.SendAsync(challenge.Headers.Location!.ToString());
        var callback = authorize.Headers.Location!.ToString(); // the bot's callback with Entra's code and the state
        using var ownChallenge = await elsewhere.SendAsync(pdf); // the other browser has a sign-in of its own under way (its own flow cookie)

        var foreign = await ExportBrowser.ReadAsync(await elsewhere.SendAsync(callback));
        var replayed = await ExportBrowser.ReadAsync(await started.SendAsync(callback));
        _entra.User = null; // the person cancels at Entra
        using var declinedBrowser = new ExportBrowser(_bot, _entra);
        var declined = await declinedBrowser.OpenAsync(pdf, null);

        Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("notVerified")), (foreign.Status, foreign.Text));
        Assert.Equal((HttpStatusCode.BadRequest, ExportSignIn.Text("flowUnknown")), (replayed.Status, replayed.Text));
        Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("notVerified")), (declined.Status, declined.Text));
        Assert.Equal(0, _entra.TokensIssued);
        Assert.Null(await UsedAtAsync(pdf));
    }

    [Fact]
    public async Task ASignInOlderThanTenMinutes_IsRefused()
    {
        var (pdf, _) = await ExportAsync();
        using var browser = new ExportBrowser(_bot, _entra, followRedirects: false);
        _entra.User = President;
        using var challenge = await browser.SendAsync(pdf);
        using var authorize = await browser.SendAsync(challenge.Headers.Location!.ToString());
        _host.Bot.Time.Advance(ExportSignIn.FlowLifetime);

        var late = await ExportBrowser.ReadAsync(await browser.SendAsync(authorize.Headers.Location!.ToString()));

        Assert.Equal((HttpStatusCode.BadRequest, ExportSignIn.Text("flowUnknown")), (late.Status, late.Text));
        Assert.Equal(0, _entra.TokensIssued);
    }
}
