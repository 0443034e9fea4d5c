namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>The answer of <see cref="SchemaMigrator.CheckReadyAsync"/>, for <c>/health/ready</c>.</summary>
/// <param name="IsReady">The database answered and its schema is at least <paramref name="ExpectedSchemaVersion"/>.</param>
/// <param name="SchemaVersion">The version recorded in <c>schema_version</c>; null when the database did not answer or was never migrated.</param>
/// <param name="ExpectedSchemaVersion">The latest migration this build knows.</param>
/// <param name="Problem">Why it is not ready (no secrets), or null.</param>
public sealed record DatabaseReadiness(bool IsReady, int? SchemaVersion, int ExpectedSchemaVersion, string? Problem);
