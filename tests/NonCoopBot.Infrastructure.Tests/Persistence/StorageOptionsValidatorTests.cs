using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_SucceedsWithSqliteFile()
    {
        var options = new StorageOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=noncoopbot.db", options.GetEffectiveConnectionString());
    }

    [Fact]
    public void Validate_PostgresWithoutConnectionString_NamesTheSettingToFix()
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres });

        Assert.True(result.Failed);
        Assert.Contains("Storage:ConnectionString is required when Storage:Provider is Postgres", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresWithConnectionString_Succeeds()
    {
        var result = _validator.Validate(null, new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = "Host=db;Database=noncoopbot;Username=bot",
        });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("Host=db;NotAKeyword=1", "Storage:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Database=noncoopbot", "Storage:ConnectionString must set Host")]
    public void Validate_BadPostgresConnectionString_NamesTheSetting(string connectionString, string expected)
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=:memory:", "must name a SQLite file")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared", "must name a SQLite file")]
    [InlineData("Data Source=noncoopbot.db;Mode=ReadOnly", "must not use Mode=ReadOnly")]
    [InlineData("Data Source=x.db;Bogus=1", "is not a valid SQLite connection string")]
    public void Validate_BadSqliteConnectionString_NamesTheSetting(string connectionString, string expected)
    {
        var result = _validator.Validate(null, new StorageOptions { ConnectionString = connectionString });

        Assert.Contains("Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownProvider_NamesTheSetting()
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = (StorageProvider)42 });

        Assert.Contains("Storage:Provider must be Sqlite or Postgres", result.FailureMessage, StringComparison.Ordinal);
    }
}
