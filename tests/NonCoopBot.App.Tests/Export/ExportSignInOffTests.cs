using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Tests.FocalPoints;

namespace NonCoopBot.App.Tests.Export;

/// <summary>
/// <c>Export:SignIn:Enabled=false</c> (Development only): a link is served without sign-in only as anonymous mode accepts a
/// request (no <c>Bot:AppId</c>, loopback, not forwarded); anything else is refused and the link stays usable.
/// </summary>
public sealed class ExportSignInOffTests
{
    [Fact]
    public async Task WithTheSignInOff_OnlyALoopbackCallerInAnonymousModeGetsTheFile_AForwardedOneIsRefused()
    {
        await using var host = await FocalTestHost.StartAsync(configure: c => c["Export:SignIn:Enabled"] = "false");
        await host.OpenKenya7BAsync();
        var (pdf, _) = await ExportSignInTests.LinksAsync(host);
        using var http = new HttpClient { BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, pdf);
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var forwarded = await ExportBrowser.ReadAsync(await http.SendAsync(viaProxy, TestContext.Current.CancellationToken));
        var local = await ExportBrowser.ReadAsync(await http.GetAsync(pdf, TestContext.Current.CancellationToken));

        Assert.Equal(ExportSignInMode.Off, host.Services.GetRequiredService<ExportSignIn>().Mode);
        Assert.Equal((HttpStatusCode.Forbidden, ExportSignIn.Text("off")), (forwarded.Status, forwarded.Text));
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (local.Status, local.Type));
    }
}
