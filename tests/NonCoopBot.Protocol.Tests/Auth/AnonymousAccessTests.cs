using System.Net;
using NonCoopBot.Protocol.Auth;

namespace NonCoopBot.Protocol.Tests.Auth;

public sealed class AnonymousAccessTests
{
    [Theory]
    [InlineData(null, true, "127.0.0.1", true)]
    [InlineData("", true, "::1", true)]
    [InlineData("  ", true, "::ffff:127.0.0.1", true)]
    [InlineData(null, true, "127.0.0.2", true)]
    [InlineData("app-id", true, "127.0.0.1", false)]
    [InlineData(null, false, "127.0.0.1", false)]
    [InlineData(null, true, "10.0.0.5", false)]
    [InlineData(null, true, "::ffff:10.0.0.5", false)]
    [InlineData(null, true, "52.112.0.10", false)]
    [InlineData(null, true, null, false)]
    public void IsAllowed_OnlyWithoutAppIdInDevelopmentFromLoopback(string? appId, bool isDevelopment, string? remoteIp, bool expected)
    {
        var ip = remoteIp is null ? null : IPAddress.Parse(remoteIp);

        Assert.Equal(expected, AnonymousAccess.IsAllowed(appId, isDevelopment, ip));
    }
}
