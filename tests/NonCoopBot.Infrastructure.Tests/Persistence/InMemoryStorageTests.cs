using NonCoopBot.Dialogs.State;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>The reference semantics pass the contract too.</summary>
public sealed class InMemoryStorageTests : StorageContractTests
{
    protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(new InMemoryStorage(Time));
}
