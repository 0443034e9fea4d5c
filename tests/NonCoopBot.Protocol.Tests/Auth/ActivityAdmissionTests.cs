using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NonCoopBot.Protocol.Auth;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Tests.Auth;

public sealed class ActivityAdmissionTests
{
    private const string Tenant = "7e1c4f3a-2b9d-4e8f-a1c6-0000000a7e11";
    private const string Partner = "3d2f1e0c-0000-4000-8000-00000000beef";

    private static ActivityAdmission Admission(Action<BotAuthenticationOptions>? change = null)
    {
        var options = new BotAuthenticationOptions { AppId = "0b0e5c2a-7d4f-4c1e-9a55-00000000b07a", TenantId = Tenant };
        change?.Invoke(options);
        return new ActivityAdmission(Options.Create(options), new ServiceUrlPolicy(options.EffectiveTrustedServiceUrlHosts, allowLoopback: false));
    }

    private static Activity Teams(string? channelTenant = Tenant, string? conversationTenant = null, string channel = Channels.MsTeams,
        string serviceUrl = "https://smba.trafficmanager.net/emea/") => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channel,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = "a:1", TenantId = conversationTenant },
        ChannelData = channelTenant is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelTenant } },
    };

    [Fact]
    public void TeamsActivityOfTheBotsTenant_IsAdmitted() => Assert.Null(Admission().Check(Teams()));

    [Theory]
    [InlineData("webchat")]
    [InlineData("emulator")]
    [InlineData("")]
    public void OtherChannel_IsRefused(string channel) =>
        Assert.Equal(AuthFailureReasons.ChannelNotAllowed, Admission().Check(Teams(channel: channel)));

    [Fact]
    public void ConfiguredChannels_ReplaceTheDefault()
    {
        var admission = Admission(o => o.AllowedChannels = ["webchat"]);

        Assert.Null(admission.Check(Teams(channel: "webchat")));
        Assert.Equal(AuthFailureReasons.ChannelNotAllowed, admission.Check(Teams()));
    }

    [Fact]
    public void Tenant_FromChannelDataFirst_ElseConversation()
    {
        Assert.Null(Admission().Check(Teams(channelTenant: null, conversationTenant: Tenant)));
        Assert.Equal(AuthFailureReasons.TenantNotAllowed, Admission().Check(Teams(channelTenant: Partner, conversationTenant: Tenant)));
        Assert.Equal(AuthFailureReasons.TenantNotAllowed, Admission().Check(Teams(channelTenant: null, conversationTenant: null)));
    }

    [Fact]
    public void AllowedTenants_AreAdmittedToo()
    {
        var admission = Admission(o => o.AllowedTenants = [Partner]);

        Assert.Null(admission.Check(Teams(channelTenant: Partner)));
        Assert.Null(admission.Check(Teams()));
        Assert.Equal(AuthFailureReasons.TenantNotAllowed, admission.Check(Teams(channelTenant: "99999999-0000-0000-0000-000000000000")));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("http://127.0.0.1:3978/")]
    public void ServiceUrlOffTheList_IsRefused(string serviceUrl) =>
        Assert.Equal(AuthFailureReasons.ServiceUrlNotTrusted, Admission().Check(Teams(serviceUrl: serviceUrl)));

    [Fact]
    public void Options_RejectBadListsAtStartUp()
    {
        var options = new BotAuthenticationOptions
        {
            AllowedCallers = ["not-a-guid"],
            AllowedTenants = ["contoso.onmicrosoft.com"],
            AllowedChannels = [" "],
            TrustedServiceUrlHosts = ["https://smba.trafficmanager.net/emea/", "*"],
        };

        var result = new BotAuthenticationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var setting in new[] { "Bot:AllowedCallers", "Bot:AllowedTenants", "Bot:AllowedChannels", "Bot:TrustedServiceUrlHosts" })
            Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreMsTeamsAndThePublicCloudHost()
    {
        var options = new BotAuthenticationOptions();

        Assert.Equal([Channels.MsTeams], options.EffectiveAllowedChannels);
        Assert.Equal(["smba.trafficmanager.net"], options.EffectiveTrustedServiceUrlHosts);
        Assert.Empty(options.AllowedCallers);
        Assert.False(new BotAuthenticationOptionsValidator().Validate(null, options).Failed);
    }
}
