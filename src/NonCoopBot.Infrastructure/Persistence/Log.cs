using Microsoft.Extensions.Logging;

namespace NonCoopBot.Infrastructure.Persistence;

/// <summary>Storage log messages (EventIds 3xx).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Storage write refused for key {Key}: expected version {ExpectedVersion}")]
    public static partial void StorageConflict(ILogger logger, string key, long? expectedVersion);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Database schema ({Provider}) is at version {Version}; nothing to migrate")]
    public static partial void SchemaUpToDate(ILogger logger, StorageProvider provider, int version);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Applied schema migration {Version} {Description} ({Provider})")]
    public static partial void MigrationApplied(ILogger logger, int version, string description, StorageProvider provider);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Database schema ({Provider}) is at version {Version}, newer than this build's {Latest}; leaving it alone")]
    public static partial void SchemaNewerThanBuild(ILogger logger, StorageProvider provider, int version, int latest);
}
