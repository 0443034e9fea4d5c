using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>Cross-field checks for <see cref="StorageOptions"/>; every message names the setting to fix.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Provider = StorageOptions.SectionName + ":Provider";
    private const string ConnectionString = StorageOptions.SectionName + ":ConnectionString";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Errors(options).ToList() is { Count: > 0 } errors
            ? ValidateOptionsResult.Fail(errors)
            : ValidateOptionsResult.Success;
    }

    private static IEnumerable<string> Errors(StorageOptions options)
    {
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                if (SqliteProblem(options.GetEffectiveConnectionString()) is { } sqlite)
                {
                    yield return sqlite;
                }

                break;

            case StorageProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    yield return $"{ConnectionString} is required when {Provider} is Postgres "
                        + "(e.g. Host=localhost;Database=noncoopbot;Username=noncoopbot;Password=…).";
                }
                else if (PostgresProblem(options.ConnectionString) is { } postgres)
                {
                    yield return postgres;
                }

                break;

            default:
                yield return $"{Provider} must be Sqlite or Postgres (was '{options.Provider}').";
                break;
        }
    }

    private static string? SqliteProblem(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"{ConnectionString} is not a valid SQLite connection string ({e.Message}); use e.g. '{StorageOptions.DefaultSqliteConnectionString}'.";
        }

        var dataSource = builder.DataSource.Trim();
        if (dataSource.Length == 0 || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return $"{ConnectionString} must name a SQLite file (e.g. '{StorageOptions.DefaultSqliteConnectionString}'): "
                + "an in-memory or temporary database loses its data between connections.";
        }

        return builder.Mode == SqliteOpenMode.ReadOnly
            ? $"{ConnectionString} must not use Mode=ReadOnly: the bot writes its state there."
            : null;
    }

    private static string? PostgresProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? $"{ConnectionString} must set Host when {Provider} is Postgres."
                : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"{ConnectionString} is not a valid PostgreSQL connection string ({e.Message}).";
        }
    }
}
