using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.Protocol.Tests.Connector;

public sealed class ServiceUrlPolicyTests
{
    private static readonly ServiceUrlPolicy PublicCloud = new(ServiceUrlPolicy.DefaultHosts, allowLoopback: false);

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://SMBA.TrafficManager.net/teams", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/emea/", false)]
    [InlineData("https://evil-smba.trafficmanager.net/emea/", false)]
    [InlineData("https://attacker.trafficmanager.net/emea/", false)]
    [InlineData("https://user@smba.trafficmanager.net/emea/", false)]
    [InlineData("http://127.0.0.1:3978/", false)]
    [InlineData("http://localhost:56150/", false)]
    [InlineData("https://[::1]/", false)]
    [InlineData("ftp://smba.trafficmanager.net/", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void PublicCloudDefaults_AcceptOnlyHttpsOnTheTeamsConnectorHost(string? serviceUrl, bool expected) =>
        Assert.Equal(expected, PublicCloud.IsAllowed(serviceUrl));

    [Theory]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/gcch", true)]
    [InlineData("https://a.b.teams.microsoft.us/x", true)]
    [InlineData("https://teams.microsoft.us/", false)]
    [InlineData("https://xteams.microsoft.us/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", false)]
    public void SuffixRule_MatchesHostsBelowTheSuffixOnly(string serviceUrl, bool expected) =>
        Assert.Equal(expected, new ServiceUrlPolicy(["*.teams.microsoft.us"], allowLoopback: false).IsAllowed(serviceUrl));

    [Theory]
    [InlineData("http://127.0.0.1:3978/")]
    [InlineData("http://localhost:56150/")]
    [InlineData("https://[::1]:8443/")]
    public void Loopback_IsAcceptedOnlyWhenAllowed(string serviceUrl)
    {
        Assert.True(new ServiceUrlPolicy(ServiceUrlPolicy.DefaultHosts, allowLoopback: true).IsAllowed(serviceUrl));
        Assert.False(PublicCloud.IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("smba.trafficmanager.net", true)]
    [InlineData("*.teams.microsoft.us", true)]
    [InlineData("*", false)]
    [InlineData("*.net", false)]
    [InlineData("*.*.net", false)]
    [InlineData("https://smba.trafficmanager.net", false)]
    [InlineData("smba.trafficmanager.net/emea", false)]
    [InlineData("smba.trafficmanager.net:443", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("", false)]
    public void Rules_AreHostsOrSuffixes(string rule, bool valid) =>
        Assert.Equal(valid, ServiceUrlPolicy.IsValidRule(rule));

    [Fact]
    public void Trust_WithPolicy_NeverTrustsAHostOffTheList()
    {
        var trust = new InMemoryServiceUrlTrust(PublicCloud);

        trust.Trust("https://evil.example/teams/");
        trust.Trust("https://smba.trafficmanager.net/emea/");

        Assert.False(trust.IsTrusted("https://evil.example/teams/"));
        Assert.True(trust.IsTrusted("https://smba.trafficmanager.net/emea/"));
        Assert.False(trust.IsTrusted("https://smba.trafficmanager.net/amer/"));
    }

    [Fact]
    public void AnswersStayRight_AndTheirCachesStayBounded_WhenManyDistinctUrlsArrive()
    {
        // Answers are remembered per URL (a turn asks several times); a flood of distinct URLs must neither change an
        // answer nor grow the caches beyond their bound.
        var policy = new ServiceUrlPolicy(ServiceUrlPolicy.DefaultHosts, allowLoopback: false);
        for (var i = 0; i < 3 * ServiceUrls.MaxCached; i++)
        {
            var trusted = $"https://smba.trafficmanager.net/flood-{i}/";
            var foreign = $"https://flood-{i}.example.org/";
            Assert.True(policy.IsAllowed(trusted));
            Assert.False(policy.IsAllowed(foreign));
            Assert.Equal($"https://smba.trafficmanager.net/flood-{i}", ServiceUrls.Normalize(trusted));
            Assert.Equal(new Uri($"https://smba.trafficmanager.net/flood-{i}/"), ServiceUrls.ToBaseAddress(trusted));
            Assert.True(policy.IsAllowed(trusted));
            Assert.False(policy.IsAllowed(foreign));
        }

        Assert.InRange(policy.CachedCount, 1, ServiceUrls.MaxCached);
        Assert.InRange(ServiceUrls.CachedCount, 1, ServiceUrls.MaxCached);
    }
}
