using System.Data.Common;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>Shared transaction handling for the two engines.</summary>
public abstract class SqlDatabase : IDatabase
{
    private protected SqlDatabase()
    {
    }

    /// <inheritdoc />
    public abstract SqlDialect Dialect { get; }

    /// <inheritdoc />
    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual string? MissingStorage() => null;

    /// <inheritdoc />
    public virtual Task<T> WriteAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken) =>
        this.WriteOnNewConnectionAsync(sql, bind, run, cancellationToken);

    /// <summary>Creates the database for the configured provider (the options must be valid).</summary>
    public static SqlDatabase Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.GetEffectiveConnectionString();
        return options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteDatabase(connectionString),
            StorageProvider.Postgres => new PostgresDatabase(connectionString),
            _ => throw new InvalidOperationException($"Storage:Provider must be Sqlite or Postgres (was '{options.Provider}')."),
        };
    }

    /// <inheritdoc />
    public async Task<T> InTransactionAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Dispose rolls back when the work throws or commit is never reached.
        var result = await work(transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
