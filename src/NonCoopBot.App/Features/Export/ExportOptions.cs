using Microsoft.Extensions.Options;

namespace NonCoopBot.App.Features.Export;

/// <summary>The record export (issue 10, item 6): signed, single-use, short-lived download links served by the bot.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>The smallest signing key, in bytes (HMAC-SHA256 takes a key as long as its output).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// Base64 of at least 32 random bytes (e.g. <c>openssl rand -base64 32</c>): the HMAC-SHA256 key of the links. Empty: in
    /// Development a random key per process (announced at Warning); elsewhere exports are off (announced at Warning).
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>How long a link works (once) after it is made: 1 to 30 minutes.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The bot's public base URL the links start with (https outside Development). Empty in Development: http://localhost:3978.</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>The Entra sign-in a download requires (<c>Export:SignIn</c>).</summary>
    public ExportSignInOptions SignIn { get; set; } = new();
}

/// <summary>Start-up checks of the Export settings; the key itself is never written in a message.</summary>
public sealed class ExportOptionsValidator(IHostEnvironment environment) : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LinkLifetime < TimeSpan.FromMinutes(1) || options.LinkLifetime > TimeSpan.FromMinutes(30))
        {
            failures.Add("Export:LinkLifetime must be between 00:01:00 and 00:30:00 (a link is short-lived).");
        }

        if (!string.IsNullOrEmpty(options.SigningKey) && ExportSigningKey.Decode(options.SigningKey) is null)
        {
            failures.Add($"Export:SigningKey must be base64 of at least {ExportOptions.MinimumKeyBytes} random bytes (e.g. openssl rand -base64 32).");
        }

        var development = environment.IsDevelopment();
        if (!string.IsNullOrEmpty(options.SigningKey) || development)
        {
            if (string.IsNullOrEmpty(options.PublicBaseUrl) && !development)
            {
                failures.Add("Export:PublicBaseUrl is required when Export:SigningKey is set: the bot's public https address the links start with.");
            }
            else if (!string.IsNullOrEmpty(options.PublicBaseUrl) && !ValidBase(options.PublicBaseUrl, development))
            {
                failures.Add("Export:PublicBaseUrl must be an absolute https URL with no query or fragment (http only in Development).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool ValidBase(string value, bool development) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (development && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
