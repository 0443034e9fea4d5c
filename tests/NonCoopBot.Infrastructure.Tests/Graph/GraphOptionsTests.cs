using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using NonCoopBot.Infrastructure.Graph;

namespace NonCoopBot.Infrastructure.Tests.Graph;

/// <summary>The Graph settings checked at start-up: requests without a token only in Development on loopback.</summary>
public sealed class GraphOptionsTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "NonCoopBot";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static bool Valid(string environment, GraphOptions options) => !new GraphOptionsValidator(new Env(environment)).Validate(null, options).Failed;

    [Fact]
    public void NoSettingsAtAll_IsValid_AndMeansVotesAlone()
    {
        var options = new GraphOptions();
        Assert.True(Valid("Production", options));
        Assert.False(options.IsEnabled);
    }

    [Fact]
    public void NoCredentials_IsAllowedOnlyInDevelopmentWithALoopbackBaseUrl()
    {
        var local = new GraphOptions { BaseUrl = "http://127.0.0.1:5999/v1.0", OrganizerMailbox = "m@example.org" };
        var remote = new GraphOptions { OrganizerMailbox = "m@example.org" };

        Assert.True(Valid("Development", local));
        Assert.True(local.IsAnonymous);
        Assert.False(Valid("Production", local));
        Assert.False(Valid("Development", remote));
        Assert.False(remote.IsAnonymous);
    }

    [Theory]
    [InlineData("secret", null, false, true)]
    [InlineData(null, null, true, true)]
    [InlineData("secret", "/nonexistent/cert.pfx", false, false)]
    public void Credentials_AreASecretACertificateOrTheManagedIdentity(string? secret, string? certificate, bool managedIdentity, bool valid)
    {
        var options = new GraphOptions { TenantId = "t", ClientId = "c", ClientSecret = secret, CertificatePath = certificate, UseManagedIdentity = managedIdentity, OrganizerMailbox = "m@example.org" };

        Assert.Equal(valid, Valid("Production", options));
        Assert.False(options.IsAnonymous);
    }

    [Fact]
    public void AnHttpBaseUrlOffLoopback_IsRefused() =>
        Assert.False(Valid("Development", new GraphOptions { BaseUrl = "http://graph.example.org/v1.0" }));
}
