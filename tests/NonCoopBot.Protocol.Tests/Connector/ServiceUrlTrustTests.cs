using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.Protocol.Tests.Connector;

public sealed class ServiceUrlTrustTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://SMBA.TrafficManager.net/emea", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net:443/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", "http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net.attacker.example/emea/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/EMEA/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", null, false)]
    [InlineData("https://smba.trafficmanager.net/emea/", "not a url", false)]
    public void AreEquivalent_IgnoresHostCaseAndTrailingSlashOnly(string a, string? b, bool expected) =>
        Assert.Equal(expected, ServiceUrls.AreEquivalent(a, b));

    [Fact]
    public void InMemoryTrust_TrustsNormalizedUrls()
    {
        var trust = new InMemoryServiceUrlTrust();

        trust.Trust("https://smba.trafficmanager.net/emea/");

        Assert.True(trust.IsTrusted("https://SMBA.trafficmanager.net/emea"));
        Assert.False(trust.IsTrusted("https://smba.trafficmanager.net/amer/"));
        Assert.False(trust.IsTrusted("ftp://smba.trafficmanager.net/emea/"));
        Assert.Throws<ArgumentException>(() => trust.Trust("not a url"));
    }
}
