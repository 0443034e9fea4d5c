using Microsoft.Extensions.Options;
using NonCoopBot.Protocol.Auth;

namespace NonCoopBot.App.Features.Export;

/// <summary>
/// <c>Export:SignIn</c>: the Microsoft Entra ID sign-in (OpenID Connect authorization code flow with PKCE) that a download
/// of an export link requires, so that only the person the link was made for gets the file (docs/export.md).
/// </summary>
public sealed class ExportSignInOptions
{
    /// <summary>The callback path when none is set.</summary>
    public const string DefaultCallbackPath = ExportLinks.RoutePrefix + "signin-oidc";

    /// <summary>
    /// True (default): a download requires the sign-in. False is accepted only in Development, and then a link is served
    /// only in anonymous mode (no <c>Bot:AppId</c>) to a loopback caller, like the messaging endpoint (announced at Warning).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Entra authority (v2.0). Empty: <c>https://login.microsoftonline.com/{Bot:TenantId}/v2.0</c>.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The application (client) id the sign-in is for. Empty: <c>Bot:AppId</c>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The client secret used to redeem the sign-in code. Empty: <c>Bot:ClientSecret</c>. Never logged.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Where Entra sends the browser back (a Web redirect URI of the app registration: the public base URL + this path).</summary>
    public string CallbackPath { get; set; } = DefaultCallbackPath;
}

/// <summary>The sign-in settings in force, with the defaults from the <c>Bot</c> section applied.</summary>
public sealed record ExportSignInSettings(bool Enabled, string? Authority, string? ClientId, string? ClientSecret, string? TenantId, string CallbackPath)
{
    /// <summary>The Entra login host of the default authority.</summary>
    public const string EntraHost = "https://login.microsoftonline.com";

    /// <summary>True when the sign-in can run: authority, client id, secret and tenant are all known.</summary>
    public bool Complete => Authority is not null && ClientId is not null && ClientSecret is not null && TenantId is not null;

    /// <summary>The authority's OpenID metadata document.</summary>
    public string MetadataUrl => Authority!.TrimEnd('/') + "/.well-known/" + "openid-configuration";

    public static ExportSignInSettings From(ExportSignInOptions signIn, BotAuthenticationOptions bot)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(bot);
        var tenant = Value(bot.TenantId);
        var authority = Value(signIn.Authority) ?? (tenant is null ? null : $"{EntraHost}/{Uri.EscapeDataString(tenant)}/v2.0");
        return new ExportSignInSettings(signIn.Enabled, authority, Value(signIn.ClientId) ?? Value(bot.AppId),
            Value(signIn.ClientSecret) ?? Value(bot.ClientSecret), tenant, signIn.CallbackPath);
    }

    private static string? Value(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Start-up checks of <c>Export:SignIn</c>; the secret is never written in a message.</summary>
/// <remarks>The <c>Bot</c> section is read as configured, not through <c>IOptions</c>: its own validator reports its errors once.</remarks>
public sealed class ExportSignInOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var development = environment.IsDevelopment();
        if (string.IsNullOrEmpty(options.SigningKey) && !development)
        {
            return ValidateOptionsResult.Success; // exports are off on this host: nothing to sign in to
        }

        var failures = new List<string>();
        var bot = configuration.GetSection(BotAuthenticationOptions.SectionName).Get<BotAuthenticationOptions>() ?? new BotAuthenticationOptions();
        var settings = ExportSignInSettings.From(options.SignIn, bot);
        if (!settings.Enabled && !development)
        {
            failures.Add("Export:SignIn:Enabled=false is refused outside Development: a download must prove who is clicking. Remove it.");
        }

        if (!ValidCallbackPath(settings.CallbackPath))
        {
            failures.Add($"Export:SignIn:CallbackPath must be a path under {ExportLinks.RoutePrefix} with one more segment and no dot (default {ExportSignInOptions.DefaultCallbackPath}).");
        }

        if (!string.IsNullOrWhiteSpace(options.SignIn.Authority) && !ValidAuthority(options.SignIn.Authority, bot.AllowHttpMetadataOnLoopback))
        {
            failures.Add("Export:SignIn:Authority must be an absolute https URL with no query (e.g. https://login.microsoftonline.com/<tenant-id>/v2.0).");
        }

        if (settings.Enabled && !development && !settings.Complete)
        {
            failures.Add("Export:SignIn needs a tenant (Bot:TenantId), a client id (Export:SignIn:ClientId or Bot:AppId) and a client secret "
                + "(Export:SignIn:ClientSecret or Bot:ClientSecret) when Export:SigningKey is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool ValidCallbackPath(string? path) =>
        path is not null && path.StartsWith(ExportLinks.RoutePrefix, StringComparison.Ordinal) && path.Length > ExportLinks.RoutePrefix.Length
        && path[ExportLinks.RoutePrefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool ValidAuthority(string value, bool allowHttpOnLoopback) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttpOnLoopback && uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp));
}
