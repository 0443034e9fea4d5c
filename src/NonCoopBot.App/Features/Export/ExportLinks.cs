using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NonCoopBot.Dialogs.State;

namespace NonCoopBot.App.Features.Export;

/// <summary>The formats an export link serves.</summary>
public static class ExportFormats
{
    public const string Pdf = "pdf";
    public const string Markdown = "md";
}

/// <summary>What one link grants: one format of one matter's record, as one person may see it, until a time, once.</summary>
public sealed record ExportGrant(string MatterId, string UserAadObjectId, string Format, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt = null);

/// <summary>What became of a link presented for download.</summary>
public enum RedeemStatus
{
    /// <summary>Valid, in time, first use: now marked used.</summary>
    Granted,

    /// <summary>Malformed, unknown, or its signature does not match what was issued.</summary>
    Invalid,

    /// <summary>Its lifetime is over.</summary>
    Expired,

    /// <summary>It was used before.</summary>
    Used,
}

/// <summary>The links' HMAC key: from <c>Export:SigningKey</c>, a random one per process in Development, or none (exports off).</summary>
public sealed partial class ExportSigningKey
{
    public ExportSigningKey(IOptions<ExportOptions> options, IHostEnvironment environment, ILogger<ExportSigningKey> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = Decode(options.Value.SigningKey);
        if (configured is not null)
        {
            Bytes = configured;
        }
        else if (environment.IsDevelopment())
        {
            Bytes = RandomNumberGenerator.GetBytes(ExportOptions.MinimumKeyBytes);
            LogRandomKey(logger);
        }
        else
        {
            LogExportsOff(logger);
        }
    }

    /// <summary>The key, or null when exports are off.</summary>
    internal byte[]? Bytes { get; }

    /// <summary>The key bytes of a base64 setting, or null when it is empty, not base64 or shorter than the minimum.</summary>
    public static byte[]? Decode(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        var buffer = new byte[setting.Length];
        return Convert.TryFromBase64String(setting.Trim(), buffer, out var written) && written >= ExportOptions.MinimumKeyBytes ? buffer[..written] : null;
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Export:SigningKey is not set: export links are signed with a random key made for this process (Development only); links stop working when the process restarts and are not valid on other instances.")]
    private static partial void LogRandomKey(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Export:SigningKey is not set: the export command is off on this host.")]
    private static partial void LogExportsOff(ILogger logger);
}

/// <summary>
/// Makes and redeems export links. A link is <c>{nonce}.{expiry}.{signature}</c>: 16 random bytes, the expiry in Unix
/// seconds, and HMAC-SHA256 over the nonce, the expiry and the grant (matter, person, format). The grant is stored under the
/// nonce (<see cref="IStorage"/>, so every instance sees it), and the first download marks it used with a versioned write:
/// of two racing downloads exactly one wins.
/// </summary>
public sealed class ExportLinks(ExportSigningKey key, IStorage storage, TimeProvider time, IOptions<ExportOptions> options, IHostEnvironment environment)
{
    public const string RoutePrefix = "/export/";

    private const string KeyPrefix = "export:link:";


    /// <summary>False when no signing key is set (outside Development): the command says so.</summary>
    public bool Enabled => key.Bytes is not null;

    /// <summary>How long a link works.</summary>
    public TimeSpan Lifetime => options.Value.LinkLifetime;

    /// <summary>Makes a link to <paramref name="format"/> of <paramref name="matterId"/> for <paramref name="userAadObjectId"/> only.</summary>
    public async Task<(Uri Url, ExportGrant Grant)> IssueAsync(string matterId, string userAadObjectId, string format, CancellationToken cancellationToken)
    {
        var secret = key.Bytes ?? throw new InvalidOperationException("Exports are off: no signing key.");
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        var grant = new ExportGrant(matterId, userAadObjectId, format, expires);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var seconds = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Base64Url.EncodeToString(Sign(secret, nonce, seconds, grant));
        await storage.WriteAsync(KeyPrefix + nonce, JsonSerializer.Serialize(grant, ExportJson.Default.ExportGrant), null, expires + TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        return (new Uri(BaseUrl() + RoutePrefix + $"{nonce}.{seconds}.{signature}"), grant);
    }

    /// <summary>
    /// Checks a presented link without using it: <see cref="RedeemStatus.Granted"/> here means valid, in time and unused (the
    /// sign-in runs between this and <see cref="RedeemAsync"/>, so a refused person leaves the link usable).
    /// </summary>
    public async Task<(RedeemStatus Status, ExportGrant? Grant)> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var (status, grant, _) = await ReadAsync(token, cancellationToken).ConfigureAwait(false);
        return (status, grant);
    }

    /// <summary>Checks a presented link and, when it is valid, in time and unused, marks it used and returns its grant.</summary>
    public async Task<(RedeemStatus Status, ExportGrant? Grant)> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        var (status, grant, item) = await ReadAsync(token, cancellationToken).ConfigureAwait(false);
        if (status != RedeemStatus.Granted)
        {
            return (status, null);
        }

        try
        {
            var used = grant! with { UsedAt = time.GetUtcNow() };
            await storage.WriteAsync(item!.Key, JsonSerializer.Serialize(used, ExportJson.Default.ExportGrant), item.Version, grant.ExpiresAt + TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
            return (RedeemStatus.Granted, used);
        }
        catch (ConcurrencyConflictException)
        {
            return (RedeemStatus.Used, null);
        }
    }

    private async Task<(RedeemStatus Status, ExportGrant? Grant, StoreItem? Item)> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var parts = (token ?? string.Empty).Split('.');
        if (key.Bytes is not { } secret || parts.Length != 3 || parts[0].Length != 22 || parts[2].Length != 43
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[2]))
        {
            return (RedeemStatus.Invalid, null, null);
        }

        var item = await storage.ReadAsync(KeyPrefix + parts[0], cancellationToken).ConfigureAwait(false);
        var grant = item is null ? null : JsonSerializer.Deserialize(item.Json, ExportJson.Default.ExportGrant);
        if (item is null || grant is null || grant.ExpiresAt.ToUnixTimeSeconds() != seconds
            || !CryptographicOperations.FixedTimeEquals(Sign(secret, parts[0], parts[1], grant), Base64Url.DecodeFromChars(parts[2])))
        {
            return (RedeemStatus.Invalid, null, null);
        }

        if (time.GetUtcNow() >= grant.ExpiresAt)
        {
            return (RedeemStatus.Expired, null, null);
        }

        return grant.UsedAt is not null ? (RedeemStatus.Used, null, null) : (RedeemStatus.Granted, grant, item);
    }

    private string BaseUrl()
    {
        var configured = options.Value.PublicBaseUrl;
        var baseUrl = string.IsNullOrEmpty(configured) && environment.IsDevelopment() ? "http://localhost:3978" : configured;
        return baseUrl.TrimEnd('/');
    }

    private static byte[] Sign(byte[] secret, string nonce, string seconds, ExportGrant grant) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Join('\n', "noncoopbot-export-v1", nonce, seconds, grant.MatterId, grant.UserAadObjectId, grant.Format)));
}
