using System.Data.Common;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.Infrastructure.Bureau;

/// <summary>The SQL transaction of a matter save, as the domain's opaque <see cref="IMatterTransaction"/>.</summary>
public sealed class SqlMatterTransaction(DbTransaction transaction) : IMatterTransaction
{
    public DbTransaction Transaction { get; } = transaction ?? throw new ArgumentNullException(nameof(transaction));

    /// <summary>The SQL transaction behind <paramref name="transaction"/>; only transactions of the SQL matter repository are accepted.</summary>
    public static DbTransaction Of(IMatterTransaction transaction) =>
        (transaction as SqlMatterTransaction)?.Transaction
        ?? throw new ArgumentException("Not a transaction of the SQL matter repository.", nameof(transaction));
}
