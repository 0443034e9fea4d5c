using System.Collections.Concurrent;
using System.Data.Common;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>Small helpers that keep repository code to SQL text plus named parameters.</summary>
public static class DbCommands
{
    /// <summary>Runs <paramref name="work"/> in one transaction (see <see cref="IDatabase.InTransactionAsync{T}"/>).</summary>
    public static Task InTransactionAsync(this IDatabase database, Func<DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        return database.InTransactionAsync<bool>(
            async (transaction, ct) =>
            {
                await work(transaction, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary><see cref="IDatabase.WriteAsync"/> on a connection of its own (pooled) and a new command.</summary>
    public static async Task<T> WriteOnNewConnectionAsync<T>(this IDatabase database, string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(sql);
        bind(command);
        return await run(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a command on <paramref name="connection"/> with the given SQL text.</summary>
    public static DbCommand CreateCommand(this DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Creates a command that runs inside <paramref name="transaction"/>.</summary>
    public static DbCommand CreateCommand(this DbTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection
            ?? throw new InvalidOperationException("The transaction has already completed; create commands inside InTransactionAsync.");
        var command = connection.CreateCommand(sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a named parameter (<c>@name</c> in the SQL); null becomes DBNull.</summary>
    public static DbCommand AddParameter(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var parameter = command.CreateParameter();
        parameter.ParameterName = Prefixed(name);
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    // Parameters are named "@name": SQLite then finds a name in one lookup per statement, where a bare name costs a
    // lookup per prefix it tries (@, :, $), each converting the name to UTF-8. Npgsql accepts either form. The names
    // are the code's own (a fixed set), so the cache stays small.
    private static readonly ConcurrentDictionary<string, string> PrefixedNames = new(StringComparer.Ordinal);

    private static string Prefixed(string name) =>
        name[0] is '@' or ':' or '$' ? name : PrefixedNames.GetOrAdd(name, static bare => "@" + bare);
}
