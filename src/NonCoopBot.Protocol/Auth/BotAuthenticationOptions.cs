using Microsoft.Extensions.Options;
using NonCoopBot.Protocol.Connector;

namespace NonCoopBot.Protocol.Auth;

/// <summary>
/// The bot's identity and the rules for authenticating the Bot Framework Connector (inbound) and the
/// bot itself (outbound). Bound from the <c>Bot</c> configuration section.
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Bot";

    /// <summary>The Bot Framework channel's OpenID metadata document.</summary>
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Entra metadata document template; <c>{tenantId}</c> is replaced by <see cref="TenantId"/>.</summary>
    public const string DefaultEntraOpenIdMetadataUrlTemplate = "https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>The Entra login host used to acquire the bot's outbound token.</summary>
    public const string DefaultAuthorityHost = "https://login.microsoftonline.com";

    /// <summary>
    /// The bot's Microsoft App ID (the Entra application's client id). Tokens must be issued for it.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no credentials, only local anonymous mode works.</value>
    public string? AppId { get; set; }

    /// <summary>The Entra tenant of the (single-tenant) bot registration.</summary>
    /// <value>The default is <see langword="null"/>. Required when <see cref="AppId"/> is set.</value>
    public string? TenantId { get; set; }

    /// <summary>The client secret used to request the outbound Bot Framework token. Never logged.</summary>
    /// <value>The default is <see langword="null"/>: no outbound token (local anonymous mode).</value>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity that is the bot's identity (Azure Bot of type
    /// "User-Assigned Managed Identity"; then <see cref="AppId"/> is that same client id). Used instead of
    /// <see cref="ClientSecret"/> for the outbound token; set one or the other.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ManagedIdentityClientId { get; set; } = "";

    /// <summary>The Bot Framework channel's OpenID metadata URL (signing keys with endorsements).</summary>
    /// <value>The default is <see cref="DefaultOpenIdMetadataUrl"/>.</value>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>The OpenID metadata URL for Entra-issued tokens of the bot's own tenant.</summary>
    /// <value>The default is <see langword="null"/>, meaning <see cref="DefaultEntraOpenIdMetadataUrlTemplate"/> for <see cref="TenantId"/>.</value>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>The login host for the outbound token (authority = host + "/" + <see cref="TenantId"/>).</summary>
    /// <value>The default is <see cref="DefaultAuthorityHost"/>. MSAL requires https.</value>
    public string AuthorityHost { get; set; } = DefaultAuthorityHost;

    /// <summary>Tolerated clock difference when checking a token's lifetime.</summary>
    /// <value>The default is 5 minutes (the industry standard the Bot Framework documents).</value>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long signing keys are used before the metadata is fetched again.</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The shortest time between two refreshes forced by a token whose key id is unknown (protects the
    /// metadata endpoint from forged tokens). The first forced refresh is always allowed.
    /// </summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan MinimumForcedRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Tests only: allow plain-http metadata URLs whose host is a loopback address. Metadata on any
    /// other host always requires https, whatever this says.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AllowHttpMetadataOnLoopback { get; set; }

    /// <summary>
    /// The applications (client ids) whose Entra-issued tokens are accepted: the token's <c>azp</c> (v2) or
    /// <c>appid</c> (v1) must be listed. Bot Framework tokens (issuer <c>https://api.botframework.com</c>) are
    /// not affected. An unlisted caller gets 403 and is logged once at Warning with its app id and issuer.
    /// </summary>
    /// <value>The default is empty: no Entra-issued token is accepted (secure by default).</value>
    public string[] AllowedCallers { get; set; } = [];

    /// <summary>The channels served (the activity's <c>channelId</c>); any other gets 403.</summary>
    /// <value>The default is <see langword="null"/>, meaning <see cref="DefaultAllowedChannels"/> (<c>msteams</c>).</value>
    public string[]? AllowedChannels { get; set; }

    /// <summary>
    /// Tenants served besides <see cref="TenantId"/>: the activity's tenant (<c>channelData.tenant.id</c>, else
    /// <c>conversation.tenantId</c>) must be one of them; any other gets 403 and nothing is stored.
    /// </summary>
    /// <value>The default is empty: only <see cref="TenantId"/>.</value>
    public string[] AllowedTenants { get; set; } = [];

    /// <summary>
    /// The connector hosts the bot accepts as an activity's serviceUrl and sends its token to (https only):
    /// exact hosts or <c>*.suffix</c> rules. Replaces the default list when set.
    /// </summary>
    /// <value>The default is <see langword="null"/>, meaning <see cref="ServiceUrlPolicy.DefaultHosts"/> (public cloud).</value>
    public string[]? TrustedServiceUrlHosts { get; set; }

    /// <summary>
    /// Tests only: accept loopback serviceUrls (a fake connector on 127.0.0.1) while authenticating tokens.
    /// Refused at start-up in Production. Anonymous Development mode accepts loopback without it.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AllowLoopbackServiceUrls { get; set; }

    /// <summary>The channels served when <see cref="AllowedChannels"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultAllowedChannels { get; } = [Schema.Channels.MsTeams];

    /// <summary>The channels in force: <see cref="AllowedChannels"/> or <see cref="DefaultAllowedChannels"/>.</summary>
    public IReadOnlyList<string> EffectiveAllowedChannels =>
        AllowedChannels is { Length: > 0 } channels ? channels : DefaultAllowedChannels;

    /// <summary>The channels in force, as the sample configuration documents them (an array).</summary>
    public string[] GetEffectiveAllowedChannels() => [.. EffectiveAllowedChannels];

    /// <summary>The connector host rules in force, as the sample configuration documents them (an array).</summary>
    public string[] GetEffectiveTrustedServiceUrlHosts() => [.. EffectiveTrustedServiceUrlHosts];

    /// <summary>The connector host rules in force: <see cref="TrustedServiceUrlHosts"/> or <see cref="ServiceUrlPolicy.DefaultHosts"/>.</summary>
    public IReadOnlyList<string> EffectiveTrustedServiceUrlHosts =>
        TrustedServiceUrlHosts is { Length: > 0 } hosts ? hosts : ServiceUrlPolicy.DefaultHosts;

    /// <summary>True when anonymous local mode is possible: Development and no <see cref="AppId"/>.</summary>
    public bool IsAnonymousDevelopment(bool isDevelopment) => isDevelopment && string.IsNullOrWhiteSpace(AppId);

    /// <summary>True when an app id and a client secret or a managed identity are configured (outbound tokens can be requested).</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(AppId) && (!string.IsNullOrWhiteSpace(ClientSecret) || UsesManagedIdentity);

    /// <summary>True when the outbound token comes from the host's managed identity rather than a client secret.</summary>
    public bool UsesManagedIdentity => !string.IsNullOrWhiteSpace(ManagedIdentityClientId);

    /// <summary>The Entra metadata URL in force: <see cref="EntraOpenIdMetadataUrl"/> or the default for the tenant.</summary>
    public string? GetEntraOpenIdMetadataUrl() =>
        !string.IsNullOrWhiteSpace(EntraOpenIdMetadataUrl) ? EntraOpenIdMetadataUrl
        : string.IsNullOrWhiteSpace(TenantId) ? null
        : DefaultEntraOpenIdMetadataUrlTemplate.Replace("{tenantId}", Uri.EscapeDataString(TenantId), StringComparison.Ordinal);
}

/// <summary>Startup validation for <see cref="BotAuthenticationOptions"/>.</summary>
internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var failures = new List<string>();
        var section = BotAuthenticationOptions.SectionName;
        if (!string.IsNullOrWhiteSpace(options.AppId) && string.IsNullOrWhiteSpace(options.TenantId))
            failures.Add($"{section}:TenantId is required when {section}:AppId is set (the bot is single-tenant). Set it to the bot registration's tenant id.");
        if (!string.IsNullOrWhiteSpace(options.ClientSecret) && string.IsNullOrWhiteSpace(options.AppId))
            failures.Add($"{section}:ClientSecret is set but {section}:AppId is not. Set {section}:AppId to the bot's Microsoft App ID.");
        if (options.UsesManagedIdentity && !string.IsNullOrWhiteSpace(options.ClientSecret))
            failures.Add($"{section}:ClientSecret and {section}:ManagedIdentityClientId are both set. Set only one: the bot authenticates with a secret or with a managed identity.");
        if (options.UsesManagedIdentity && string.IsNullOrWhiteSpace(options.AppId))
            failures.Add($"{section}:ManagedIdentityClientId is set but {section}:AppId is not. Set {section}:AppId to the bot's Microsoft App ID (the identity's client id).");
        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out _))
            failures.Add($"{section}:OpenIdMetadataUrl must be an absolute URL.");
        if (!string.IsNullOrWhiteSpace(options.EntraOpenIdMetadataUrl) && !Uri.TryCreate(options.EntraOpenIdMetadataUrl, UriKind.Absolute, out _))
            failures.Add($"{section}:EntraOpenIdMetadataUrl must be an absolute URL.");
        if (!Uri.TryCreate(options.AuthorityHost, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            failures.Add($"{section}:AuthorityHost must be an absolute https URL.");
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
            failures.Add($"{section}:ClockSkew must be between 0 and 10 minutes.");
        if (options.MetadataRefreshInterval < TimeSpan.FromMinutes(5))
            failures.Add($"{section}:MetadataRefreshInterval must be at least 5 minutes.");
        if (options.MinimumForcedRefreshInterval < TimeSpan.Zero)
            failures.Add($"{section}:MinimumForcedRefreshInterval must not be negative.");
        foreach (var caller in options.AllowedCallers.Where(c => !Guid.TryParse(c, out _)))
            failures.Add($"{section}:AllowedCallers: '{caller}' is not an application (client) id; list app ids (GUIDs).");
        if (options.AllowedChannels is { } channels && channels.Any(string.IsNullOrWhiteSpace))
            failures.Add($"{section}:AllowedChannels must not contain empty entries (the default is [\"msteams\"]).");
        foreach (var tenant in options.AllowedTenants.Where(t => !Guid.TryParse(t, out _)))
            failures.Add($"{section}:AllowedTenants: '{tenant}' is not a tenant id (GUID).");
        foreach (var rule in options.EffectiveTrustedServiceUrlHosts.Where(r => !ServiceUrlPolicy.IsValidRule(r)))
            failures.Add($"{section}:TrustedServiceUrlHosts: '{rule}' is not a host name or a *.suffix rule (e.g. smba.trafficmanager.net, *.teams.microsoft.us).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
