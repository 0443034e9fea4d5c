using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NonCoopBot.Infrastructure.Graph;

/// <summary>Microsoft Graph (calendars of the Bureau's mailboxes, the emergency meeting's Teams event).</summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>The Graph endpoint (a national cloud, or a loopback fake in local runs and tests).</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The Secretariat's tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>The Entra app registration with the Calendars application permissions.</summary>
    public string? ClientId { get; set; }

    /// <summary>Its client secret (keep it out of Git).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Instead of a secret: a certificate file (PFX or PEM with its key).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Instead of a secret: the host's managed identity (ClientId, when set, selects a user-assigned one).</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>The mailbox that owns the meeting and whose path getSchedule is called on. Empty: Graph is not used.</summary>
    public string? OrganizerMailbox { get; set; }

    /// <summary>Graph is used at all (an organiser mailbox is configured).</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(OrganizerMailbox);

    /// <summary>A credential is configured.</summary>
    public bool HasCredentials =>
        UseManagedIdentity || (!string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId)
            && (!string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(CertificatePath)));

    /// <summary>Requests go without a token: enabled, no credentials, a loopback BaseUrl (allowed only in Development).</summary>
    public bool IsAnonymous => IsEnabled && !HasCredentials && IsLoopback(BaseUrl);

    internal static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}

/// <summary>Checks the Graph settings at start-up; each failure names the setting to fix.</summary>
public sealed class GraphOptionsValidator(IHostEnvironment environment) : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            failures.Add("Graph:BaseUrl must be an absolute https URL (http only on loopback), e.g. " + GraphOptions.DefaultBaseUrl + ".");
        }

        if (options.IsEnabled && !options.HasCredentials && !(environment.IsDevelopment() && GraphOptions.IsLoopback(options.BaseUrl)))
        {
            failures.Add("Graph:OrganizerMailbox is set but no credentials are: set Graph:TenantId, Graph:ClientId and Graph:ClientSecret (or Graph:CertificatePath, or Graph:UseManagedIdentity). Requests without a token are allowed only in Development with a loopback Graph:BaseUrl.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret) && !string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            failures.Add("Set either Graph:ClientSecret or Graph:CertificatePath, not both.");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath))
        {
            failures.Add($"Graph:CertificatePath: file '{options.CertificatePath}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
