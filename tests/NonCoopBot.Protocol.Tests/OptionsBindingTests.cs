using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.Protocol.Tests;

/// <summary>
/// How <c>Bot</c> and <c>Bot:Connector</c> are bound (AddBotProtocol; generated binding code, as under native AOT): every kind
/// of setting (text, flags, time spans, numbers, lists), and the defaults kept when a setting is absent.
/// </summary>
public sealed class OptionsBindingTests
{
    private static (BotAuthenticationOptions Bot, ConnectorOptions Connector) Bind(Dictionary<string, string?> settings)
    {
        using var services = ProtocolTestHost.Build(new FakeTimeProvider(ProtocolTestHost.Start), settings);
        return (services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value, services.GetRequiredService<IOptions<ConnectorOptions>>().Value);
    }

    [Fact]
    public void Every_setting_is_bound()
    {
        var (bot, connector) = Bind(new()
        {
            ["Bot:AppId"] = "app-1",
            ["Bot:TenantId"] = "tenant-1",
            ["Bot:ClientSecret"] = "secret",
            ["Bot:ManagedIdentityClientId"] = "",
            ["Bot:OpenIdMetadataUrl"] = "https://login.example/openid",
            ["Bot:EntraOpenIdMetadataUrl"] = "https://entra.example/openid",
            ["Bot:AuthorityHost"] = "https://authority.example/",
            ["Bot:ClockSkew"] = "00:02:30",
            ["Bot:MetadataRefreshInterval"] = "1.00:00:00",
            ["Bot:MinimumForcedRefreshInterval"] = "00:00:45",
            ["Bot:AllowHttpMetadataOnLoopback"] = "True",
            ["Bot:AllowedCallers:0"] = "0b0e5c2a-7d4f-4c1e-9a55-00000000000a",
            ["Bot:AllowedCallers:1"] = "0b0e5c2a-7d4f-4c1e-9a55-00000000000b",
            ["Bot:AllowedChannels:0"] = "msteams",
            ["Bot:AllowedTenants:0"] = "7e1c4f3a-2b9d-4e8f-a1c6-0000000a7e11",
            ["Bot:TrustedServiceUrlHosts:0"] = "smba.example",
            ["Bot:TrustedServiceUrlHosts:1"] = "*.teams.example",
            ["Bot:AllowLoopbackServiceUrls"] = "false",
            ["Bot:Connector:MaxRetries"] = "5",
            ["Bot:Connector:BaseDelay"] = "00:00:02",
            ["Bot:Connector:MaxRetryDelay"] = "00:01:30",
            ["Bot:Connector:AttemptTimeout"] = "00:00:10",
        });

        Assert.Equal(("app-1", "tenant-1", "secret", ""), (bot.AppId, bot.TenantId, bot.ClientSecret, bot.ManagedIdentityClientId));
        Assert.Equal(("https://login.example/openid", "https://entra.example/openid", "https://authority.example/"), (bot.OpenIdMetadataUrl, bot.EntraOpenIdMetadataUrl, bot.AuthorityHost));
        Assert.Equal((TimeSpan.FromSeconds(150), TimeSpan.FromDays(1), TimeSpan.FromSeconds(45)), (bot.ClockSkew, bot.MetadataRefreshInterval, bot.MinimumForcedRefreshInterval));
        Assert.Equal((true, false), (bot.AllowHttpMetadataOnLoopback, bot.AllowLoopbackServiceUrls));
        Assert.Equal(["0b0e5c2a-7d4f-4c1e-9a55-00000000000a", "0b0e5c2a-7d4f-4c1e-9a55-00000000000b"], bot.AllowedCallers);
        Assert.Equal(["msteams"], bot.AllowedChannels!);
        Assert.Equal(["7e1c4f3a-2b9d-4e8f-a1c6-0000000a7e11"], bot.AllowedTenants);
        Assert.Equal(["smba.example", "*.teams.example"], bot.TrustedServiceUrlHosts!);
        Assert.Equal((5, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(10)),
            (connector.MaxRetries, connector.BaseDelay, connector.MaxRetryDelay, connector.AttemptTimeout));
    }

    [Fact]
    public void Absent_settings_keep_their_defaults()
    {
        var (bot, connector) = Bind([]);
        var defaults = (new BotAuthenticationOptions(), new ConnectorOptions());

        Assert.Equal((null, null, null, ""), (bot.AppId, bot.TenantId, bot.ClientSecret, bot.ManagedIdentityClientId));
        Assert.Equal((defaults.Item1.OpenIdMetadataUrl, null, defaults.Item1.AuthorityHost), (bot.OpenIdMetadataUrl, bot.EntraOpenIdMetadataUrl, bot.AuthorityHost));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromHours(24), TimeSpan.FromMinutes(5)), (bot.ClockSkew, bot.MetadataRefreshInterval, bot.MinimumForcedRefreshInterval));
        Assert.Empty(bot.AllowedCallers);
        Assert.Empty(bot.AllowedTenants);
        Assert.Null(bot.AllowedChannels);
        Assert.Null(bot.TrustedServiceUrlHosts);
        Assert.Equal((3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)),
            (connector.MaxRetries, connector.BaseDelay, connector.MaxRetryDelay, connector.AttemptTimeout));
    }
}
