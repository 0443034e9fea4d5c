using Microsoft.Extensions.Options;
using NonCoopBot.Protocol.Connector;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// What an activity must be, whoever signed it, before the bot processes (or stores) anything: its channel
/// is on <c>Bot:AllowedChannels</c>, its tenant (<c>channelData.tenant.id</c>, else
/// <c>conversation.tenantId</c>) is <c>Bot:TenantId</c> or on <c>Bot:AllowedTenants</c>, and its serviceUrl
/// is allowed by the <see cref="ServiceUrlPolicy"/>. Each refusal is a 403 with a reason code.
/// </summary>
public sealed class ActivityAdmission(IOptions<BotAuthenticationOptions> options, ServiceUrlPolicy serviceUrls)
{
    private readonly BotAuthenticationOptions _options = options.Value;

    /// <summary>Null when <paramref name="activity"/> may be processed; otherwise the 403 reason code.</summary>
    public string? Check(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ChannelId)
            || !_options.EffectiveAllowedChannels.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
            return AuthFailureReasons.ChannelNotAllowed;
        if (!IsTenantAllowed(activity.TenantId))
            return AuthFailureReasons.TenantNotAllowed;
        if (!serviceUrls.IsAllowed(activity.ServiceUrl))
            return AuthFailureReasons.ServiceUrlNotTrusted;
        return null;
    }

    private bool IsTenantAllowed(string? tenant)
    {
        var configured = string.IsNullOrWhiteSpace(_options.TenantId) ? _options.AllowedTenants : [_options.TenantId, .. _options.AllowedTenants];
        if (configured.Length == 0)
            return string.IsNullOrWhiteSpace(_options.AppId); // anonymous local mode with no tenant configured: any
        return !string.IsNullOrWhiteSpace(tenant) && configured.Contains(tenant.Trim(), StringComparer.OrdinalIgnoreCase);
    }
}
