using System.Collections.Concurrent;
using System.Globalization;
using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Logging;
using NonCoopBot.Dialogs.State;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>
/// <see cref="IStorage"/> on the <c>storage_items</c> table (SQLite or PostgreSQL), with the same semantics as
/// <see cref="InMemoryStorage"/>. Each call is one statement, so the version check and the write are atomic:
/// an update is <c>UPDATE … WHERE key = @key AND version = @expected</c> and zero rows means a conflict.
/// Expiry is compared with <see cref="TimeProvider"/>'s now; an expired row counts as absent.
/// </summary>
public sealed class SqlStorage(IDatabase database, TimeProvider time, ILogger<SqlStorage> logger) : IStorage
{
    private const string Live = "(expires_at IS NULL OR expires_at > @now)";

    // Create-only: a live row wins (no row returned); an expired row is replaced and starts again at version 1.
    private const string CreateSql = """
        INSERT INTO storage_items (key, json, version, expires_at, updated_at)
        VALUES (@key, @json, 1, @expires_at, @now)
        ON CONFLICT (key) DO UPDATE
            SET json = excluded.json, version = 1, expires_at = excluded.expires_at, updated_at = excluded.updated_at
            WHERE storage_items.expires_at IS NOT NULL AND storage_items.expires_at <= @now
        RETURNING version;
        """;

    private const string UpdateSql = $"""
        UPDATE storage_items
            SET json = @json, version = version + 1, expires_at = @expires_at, updated_at = @now
            WHERE key = @key AND version = @expected AND {Live}
        RETURNING version;
        """;

    private const string UpsertSql = """
        INSERT INTO storage_items (key, json, version, expires_at, updated_at)
        VALUES (@key, @json, 1, @expires_at, @now)
        ON CONFLICT (key) DO UPDATE
            SET json = excluded.json,
                version = CASE WHEN storage_items.expires_at IS NOT NULL AND storage_items.expires_at <= @now
                               THEN 1 ELSE storage_items.version + 1 END,
                expires_at = excluded.expires_at,
                updated_at = excluded.updated_at
        RETURNING version;
        """;

    public async Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT json, version FROM storage_items WHERE key = @key AND {Live};")
            .AddParameter("key", key);
        database.Dialect.AddTimestamp(command, "now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoreItem(key, reader.GetString(0), reader.GetInt64(1))
            : null;
    }

    public async Task<long> WriteAsync(string key, string json, long? expectedVersion, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        var sql = expectedVersion switch
        {
            null => CreateSql,
            StoreItem.AnyVersion => UpsertSql,
            _ => UpdateSql,
        };

        var now = time.GetUtcNow();
        var version = await database.WriteAsync(
            sql,
            command =>
            {
                command.AddParameter("key", key).AddParameter("json", json);
                if (expectedVersion is { } expected and not StoreItem.AnyVersion)
                {
                    command.AddParameter("expected", expected);
                }

                database.Dialect.AddTimestamp(command, "expires_at", expiresAt);
                database.Dialect.AddTimestamp(command, "now", now);
            },
            static (command, ct) => command.ExecuteScalarAsync(ct),
            cancellationToken).ConfigureAwait(false);
        if (version is null or DBNull)
        {
            Log.StorageConflict(logger, key, expectedVersion);
            throw new ConcurrencyConflictException(key, expectedVersion);
        }

        return Convert.ToInt64(version, CultureInfo.InvariantCulture);
    }

    /// <summary>One command: the create-only insert, then one <c>SELECT … WHERE key IN (…)</c> of the read keys and the key.</summary>
    public async Task<CreateAndReadResult> CreateAndReadAsync(string key, string json, DateTimeOffset? expiresAt, IReadOnlyList<string> readKeys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(readKeys);
        var now = time.GetUtcNow();
        var result = await database.WriteAsync(
            CreateAndReadSql(readKeys.Count),
            command =>
            {
                command.AddParameter("key", key).AddParameter("json", json);
                for (var i = 0; i < readKeys.Count; i++)
                {
                    command.AddParameter(ReadKeyParameter(i), readKeys[i]);
                }

                database.Dialect.AddTimestamp(command, "expires_at", expiresAt);
                database.Dialect.AddTimestamp(command, "now", now);
            },
            (command, ct) => ReadCreatedAndItemsAsync(command, key, readKeys, ct),
            cancellationToken).ConfigureAwait(false);
        if (!result.Created)
        {
            Log.StorageConflict(logger, key, null);
        }

        return result;
    }

    private static async Task<CreateAndReadResult> ReadCreatedAndItemsAsync(DbCommand command, string key, IReadOnlyList<string> readKeys, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var created = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var items = new Dictionary<string, StoreItem?>(readKeys.Count, StringComparer.Ordinal);
        foreach (var readKey in readKeys)
        {
            items[readKey] = null;
        }

        StoreItem? existing = null;
        if (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var item = new StoreItem(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                if (item.Key == key)
                {
                    existing = created ? null : item;
                }

                if (items.ContainsKey(item.Key))
                {
                    items[item.Key] = item;
                }
            }
        }

        return new CreateAndReadResult(created, existing, items);
    }

    // The claim-and-read command of a turn has the same text for the same number of keys: built once per count.
    private static readonly ConcurrentDictionary<int, string> CreateAndReadSqls = new();
    private static readonly string[] ReadKeyParameters = [.. Enumerable.Range(0, 16).Select(i => "r" + i.ToString(CultureInfo.InvariantCulture))];

    private static string ReadKeyParameter(int i) => i < ReadKeyParameters.Length ? ReadKeyParameters[i] : "r" + i.ToString(CultureInfo.InvariantCulture);

    private static string CreateAndReadSql(int readKeys) => CreateAndReadSqls.GetOrAdd(readKeys, static count =>
    {
        var names = new StringBuilder("@key");
        for (var i = 0; i < count; i++)
        {
            names.Append(", @").Append(ReadKeyParameter(i));
        }

        return $"{CreateSql}\nSELECT key, json, version FROM storage_items WHERE key IN ({names}) AND {Live};";
    });

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await database.WriteAsync(
            "DELETE FROM storage_items WHERE key = @key;",
            command => command.AddParameter("key", key),
            static (command, ct) => command.ExecuteNonQueryAsync(ct),
            cancellationToken).ConfigureAwait(false);
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            "DELETE FROM storage_items WHERE expires_at IS NOT NULL AND expires_at <= @now;",
            command => database.Dialect.AddTimestamp(command, "now", now),
            static (command, ct) => command.ExecuteNonQueryAsync(ct),
            cancellationToken);
}
