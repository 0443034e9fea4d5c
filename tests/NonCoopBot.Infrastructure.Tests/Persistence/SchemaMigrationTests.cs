using NonCoopBot.Infrastructure.Persistence;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

public sealed class SchemaMigrationTests
{
    [Fact]
    public void ForDialect_Sqlite_StartsAtOneWithTheStorageTable()
    {
        var migrations = SchemaMigration.ForDialect(SqlDialect.Sqlite);

        Assert.Equal(1, migrations[0].Version);
        Assert.Equal("storage", migrations[0].Description);
        Assert.Contains("CREATE TABLE storage_items", migrations[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ForDialect_BothDialects_HaveTheSameVersionsAndDescriptions()
    {
        var sqlite = SchemaMigration.ForDialect(SqlDialect.Sqlite).Select(m => (m.Version, m.Description));
        var postgres = SchemaMigration.ForDialect(SqlDialect.Postgres).Select(m => (m.Version, m.Description));

        Assert.Equal(sqlite, postgres);
    }
}
