using System.Data.Common;
using Npgsql;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>A PostgreSQL database reached through one pooled <see cref="NpgsqlDataSource"/>.</summary>
public sealed class PostgresDatabase : SqlDatabase, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc />
    public override SqlDialect Dialect => SqlDialect.Postgres;

    /// <inheritdoc />
    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
