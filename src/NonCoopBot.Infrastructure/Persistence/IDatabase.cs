using System.Data.Common;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>
/// The configured database: hands out open connections and runs work in one transaction. Repositories take
/// this, write plain parameterized SQL, and ask <see cref="Dialect"/> for the few things that differ between
/// SQLite and PostgreSQL. Tables come from <c>Persistence/Schema/{Sqlite,Postgres}/NNN_description.sql</c>.
/// </summary>
public interface IDatabase
{
    /// <summary>The SQL differences of this engine.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Opens a (pooled) connection, ready to use. The caller disposes it.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one write statement (which may also read, e.g. <c>RETURNING</c> or a following <c>SELECT</c>):
    /// <paramref name="bind"/> adds its parameters to a command whose text is <paramref name="sql"/>, then
    /// <paramref name="run"/> executes it and reads what it needs (its result must not keep the command or a reader).
    /// Where the engine has a single write lock (SQLite), writers of this process queue for it asynchronously and in
    /// order (instead of sleeping in SQLite's busy handler on a pool thread), on one long-lived connection whose
    /// statements stay prepared between calls; elsewhere (PostgreSQL) it runs on a pooled connection.
    /// </summary>
    Task<T> WriteAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken) =>
        this.WriteOnNewConnectionAsync(sql, bind, run, cancellationToken);

    /// <summary>
    /// Why the database is not where the bot keeps it (a SQLite file moved or deleted: open pooled connections still
    /// reach the old file, new ones would start an empty database), or null. Readiness checks it.
    /// </summary>
    string? MissingStorage() => null;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction on one connection: it commits when the work returns and
    /// rolls back when it throws (or is cancelled). Use it when several rows must change together, e.g. a matter
    /// and its outbox rows. Create commands with <see cref="DbCommands.CreateCommand(DbTransaction, string)"/>.
    /// On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE), so concurrent writers queue
    /// instead of deadlocking; on PostgreSQL it runs at READ COMMITTED.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
