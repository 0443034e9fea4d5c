namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>Where the bot keeps its state. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Storage";

    /// <summary>The connection string used when <see cref="Provider"/> is Sqlite and none is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=noncoopbot.db";

    /// <summary>The database engine.</summary>
    /// <value>The default is <see cref="StorageProvider.Sqlite"/> (one instance, no server needed).</value>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string (<c>Storage:ConnectionString</c>, or <c>Storage__ConnectionString</c> in the environment).
    /// Required for PostgreSQL, e.g. <c>Host=db;Database=noncoopbot;Username=bot;Password=…</c>.
    /// </summary>
    /// <value>The default is null, meaning <see cref="DefaultSqliteConnectionString"/> (<c>Data Source=noncoopbot.db</c>,
    /// relative to the working directory) when <see cref="Provider"/> is Sqlite.</value>
    public string? ConnectionString { get; set; }

    /// <summary>The connection string to use: <see cref="ConnectionString"/>, or the SQLite default when it is empty.</summary>
    public string GetEffectiveConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString) && Provider == StorageProvider.Sqlite
            ? DefaultSqliteConnectionString
            : ConnectionString ?? string.Empty;
}

/// <summary>The supported database engines.</summary>
public enum StorageProvider
{
    /// <summary>A local SQLite file. The default; safe for one instance only.</summary>
    Sqlite,

    /// <summary>PostgreSQL. Safe for many instances.</summary>
    Postgres,
}
