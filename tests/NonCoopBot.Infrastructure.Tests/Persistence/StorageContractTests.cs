using Microsoft.Extensions.Time.Testing;
using NonCoopBot.Dialogs.State;

namespace NonCoopBot.Infrastructure.Tests.Persistence;

/// <summary>
/// What every <see cref="IStorage"/> must do, one behaviour per test. A backend plugs in by returning an empty
/// store that reads the clock from <see cref="Time"/>.
/// </summary>
public abstract class StorageContractTests
{
    private const string Key = "conv-1";

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An empty store whose clock is <see cref="Time"/>.</summary>
    protected abstract Task<IStorage> CreateStorageAsync();

    [Fact]
    public async Task Read_UnknownKey_ReturnsNull()
    {
        var storage = await CreateStorageAsync();

        var item = await storage.ReadAsync("nobody-wrote-this", Ct);

        Assert.Null(item);
    }

    [Fact]
    public async Task Create_ThenRead_RoundTrips()
    {
        var storage = await CreateStorageAsync();
        const string json = """{"schemaVersion":1,"text":"Ünïcødé ✓ \"quoted\"","n":[1,2]}""";

        var version = await storage.WriteAsync(Key, json, expectedVersion: null, expiresAt: null, Ct);
        var item = await storage.ReadAsync(Key, Ct);

        Assert.Equal(1, version);
        Assert.Equal(new StoreItem(Key, json, 1), item);
    }

    [Fact]
    public async Task Create_WhenKeyExists_ThrowsConcurrencyConflictAndKeepsFirstValue()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync(Key, """{"who":"first"}""", null, null, Ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => storage.WriteAsync(Key, """{"who":"second"}""", null, null, Ct));

        Assert.Equal(Key, conflict.Key);
        Assert.Null(conflict.ExpectedVersion);
        Assert.Equal("""{"who":"first"}""", (await storage.ReadAsync(Key, Ct))?.Json);
    }

    [Fact]
    public async Task CreateAndRead_NewKey_CreatesItAndReadsTheOtherKeys()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync("present", """{"n":1}""", null, null, Ct);

        var result = await storage.CreateAndReadAsync(Key, """{"state":"claimed"}""", Time.GetUtcNow().AddDays(1), ["present", "absent"], Ct);

        Assert.True(result.Created);
        Assert.Null(result.Existing);
        Assert.Equal(new StoreItem("present", """{"n":1}""", 1), result.Items["present"]);
        Assert.True(result.Items.ContainsKey("absent"));
        Assert.Null(result.Items["absent"]);
        Assert.Equal(2, result.Items.Count);
        Assert.Equal(new StoreItem(Key, """{"state":"claimed"}""", 1), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task CreateAndRead_WhenKeyExists_WritesNothingAndReturnsTheExistingItem()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync(Key, """{"who":"first"}""", null, null, Ct);

        var result = await storage.CreateAndReadAsync(Key, """{"who":"second"}""", null, ["other"], Ct);

        Assert.False(result.Created);
        Assert.Equal(new StoreItem(Key, """{"who":"first"}""", 1), result.Existing);
        Assert.Null(result.Items["other"]);
        Assert.Equal("""{"who":"first"}""", (await storage.ReadAsync(Key, Ct))?.Json);
    }

    [Fact]
    public async Task CreateAndRead_WhenKeyExpired_CreatesItAgain()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync(Key, """{"who":"old"}""", null, Time.GetUtcNow().AddMinutes(1), Ct);
        await storage.WriteAsync("gone", """{"n":1}""", null, Time.GetUtcNow().AddMinutes(1), Ct);
        Time.Advance(TimeSpan.FromMinutes(2));

        var result = await storage.CreateAndReadAsync(Key, """{"who":"new"}""", null, ["gone"], Ct);

        Assert.True(result.Created);
        Assert.Null(result.Items["gone"]);
        Assert.Equal(new StoreItem(Key, """{"who":"new"}""", 1), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Update_WithCurrentVersion_ReturnsNextVersion()
    {
        var storage = await CreateStorageAsync();
        var first = await storage.WriteAsync(Key, """{"step":0}""", null, null, Ct);

        var second = await storage.WriteAsync(Key, """{"step":1}""", first, null, Ct);

        Assert.Equal(first + 1, second);
        Assert.Equal(new StoreItem(Key, """{"step":1}""", second), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Update_WithStaleVersion_ThrowsConcurrencyConflictAndKeepsValue()
    {
        var storage = await CreateStorageAsync();
        var first = await storage.WriteAsync(Key, """{"step":0}""", null, null, Ct);
        var second = await storage.WriteAsync(Key, """{"step":1}""", first, null, Ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => storage.WriteAsync(Key, """{"step":2}""", first, null, Ct));

        Assert.Equal(first, conflict.ExpectedVersion);
        Assert.Equal(new StoreItem(Key, """{"step":1}""", second), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Update_UnknownKey_ThrowsConcurrencyConflict()
    {
        var storage = await CreateStorageAsync();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => storage.WriteAsync(Key, "{}", expectedVersion: 1, expiresAt: null, Ct));

        Assert.Null(await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Write_AnyVersion_OverwritesWhateverIsStored()
    {
        var storage = await CreateStorageAsync();
        var first = await storage.WriteAsync(Key, """{"step":0}""", null, null, Ct);
        await storage.WriteAsync(Key, """{"step":1}""", first, null, Ct);

        var forced = await storage.WriteAsync(Key, """{"forced":true}""", StoreItem.AnyVersion, null, Ct);

        Assert.Equal(3, forced);
        Assert.Equal(new StoreItem(Key, """{"forced":true}""", 3), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Write_AnyVersion_CreatesUnknownKeyAtVersionOne()
    {
        var storage = await CreateStorageAsync();

        var version = await storage.WriteAsync(Key, "{}", StoreItem.AnyVersion, null, Ct);

        Assert.Equal(1, version);
        Assert.Equal(new StoreItem(Key, "{}", 1), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Delete_ThenRead_ReturnsNull()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync(Key, "{}", null, null, Ct);

        await storage.DeleteAsync(Key, Ct);

        Assert.Null(await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Delete_UnknownKey_DoesNotThrow()
    {
        var storage = await CreateStorageAsync();

        await storage.DeleteAsync("never-written", Ct);

        Assert.Null(await storage.ReadAsync("never-written", Ct));
    }

    [Fact]
    public async Task Delete_ThenCreate_StartsAgainAtVersionOne()
    {
        var storage = await CreateStorageAsync();
        var first = await storage.WriteAsync(Key, "{}", null, null, Ct);
        await storage.WriteAsync(Key, "{}", first, null, Ct);
        await storage.DeleteAsync(Key, Ct);

        var version = await storage.WriteAsync(Key, "{}", null, null, Ct);

        Assert.Equal(1, version);
    }

    [Theory]
    [InlineData("msteams:a:1Xy_Z/conversations/19:abc@thread.tacv2;messageid=1")]
    [InlineData("ключ/日本語/ü/🤝")]
    [InlineData("it's \"quoted\" `back` \\slash\\")]
    [InlineData("x'; DELETE FROM storage_items; --")]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData("%_*?[]{}$@:")]
    public async Task Keys_WithOddCharacters_RoundTripAndStayDistinct(string key)
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync("plain", """{"other":true}""", null, null, Ct);

        var version = await storage.WriteAsync(key, """{"odd":true}""", null, null, Ct);

        Assert.Equal(new StoreItem(key, """{"odd":true}""", version), await storage.ReadAsync(key, Ct));
        Assert.Equal("""{"other":true}""", (await storage.ReadAsync("plain", Ct))?.Json);
    }

    [Fact]
    public async Task Keys_DifferingOnlyInCase_AreDistinct()
    {
        var storage = await CreateStorageAsync();

        await storage.WriteAsync("Conversation", """{"upper":true}""", null, null, Ct);
        await storage.WriteAsync("conversation", """{"upper":false}""", null, null, Ct);

        Assert.Equal("""{"upper":true}""", (await storage.ReadAsync("Conversation", Ct))?.Json);
        Assert.Equal("""{"upper":false}""", (await storage.ReadAsync("conversation", Ct))?.Json);
    }

    [Fact]
    public async Task Read_BeforeExpiry_ReturnsItem()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync(Key, "{}", null, Time.GetUtcNow().AddMinutes(10), Ct);

        Time.Advance(TimeSpan.FromMinutes(9));

        Assert.NotNull(await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Read_AtOrAfterExpiry_ReturnsNull()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteAsync(Key, "{}", null, Time.GetUtcNow().AddMinutes(10), Ct);

        Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Create_OverExpiredItem_SucceedsAtVersionOne()
    {
        var storage = await CreateStorageAsync();
        var old = await storage.WriteAsync(Key, """{"old":true}""", null, Time.GetUtcNow().AddMinutes(10), Ct);
        await storage.WriteAsync(Key, """{"old":true}""", old, Time.GetUtcNow().AddMinutes(10), Ct);
        Time.Advance(TimeSpan.FromMinutes(11));

        var version = await storage.WriteAsync(Key, """{"new":true}""", null, null, Ct);

        Assert.Equal(1, version);
        Assert.Equal(new StoreItem(Key, """{"new":true}""", 1), await storage.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task Update_OfExpiredItem_ThrowsConcurrencyConflict()
    {
        var storage = await CreateStorageAsync();
        var version = await storage.WriteAsync(Key, "{}", null, Time.GetUtcNow().AddMinutes(10), Ct);
        Time.Advance(TimeSpan.FromMinutes(11));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => storage.WriteAsync(Key, "{}", version, null, Ct));
    }

    [Fact]
    public async Task Update_WithoutExpiry_ClearsExpiry()
    {
        var storage = await CreateStorageAsync();
        var version = await storage.WriteAsync(Key, "{}", null, Time.GetUtcNow().AddMinutes(10), Ct);
        await storage.WriteAsync(Key, """{"kept":true}""", version, expiresAt: null, Ct);

        Time.Advance(TimeSpan.FromDays(365));

        Assert.Equal("""{"kept":true}""", (await storage.ReadAsync(Key, Ct))?.Json);
    }

    [Fact]
    public async Task PurgeExpired_RemovesOnlyExpiredItems()
    {
        var storage = await CreateStorageAsync();
        var start = Time.GetUtcNow();
        await storage.WriteAsync("expired-1", "{}", null, start.AddMinutes(1), Ct);
        await storage.WriteAsync("expired-2", "{}", null, start.AddMinutes(5), Ct);
        await storage.WriteAsync("later", "{}", null, start.AddHours(1), Ct);
        await storage.WriteAsync("forever", "{}", null, null, Ct);
        Time.Advance(TimeSpan.FromMinutes(5));

        var purged = await storage.PurgeExpiredAsync(Time.GetUtcNow(), Ct);

        Assert.Equal(2, purged);
        Assert.NotNull(await storage.ReadAsync("later", Ct));
        Assert.NotNull(await storage.ReadAsync("forever", Ct));
        Assert.Equal(0, await storage.PurgeExpiredAsync(Time.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task Write_ConcurrentUpdatesFromSameVersion_ExactlyOneWins()
    {
        const int writers = 8;
        var storage = await CreateStorageAsync();
        var version = await storage.WriteAsync(Key, """{"writer":0}""", null, null, Ct);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(1, writers).Select(writer => Task.Run(
            async () =>
            {
                await start.Task;
                try
                {
                    return (Writer: writer, Version: (long?)await storage.WriteAsync(Key, $$"""{"writer":{{writer}}}""", version, null, Ct), Conflict: false);
                }
                catch (ConcurrencyConflictException)
                {
                    return (Writer: writer, Version: (long?)null, Conflict: true);
                }
            },
            Ct)).ToList();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Version is not null);
        Assert.Equal(writers - 1, results.Count(r => r.Conflict));
        Assert.Equal(new StoreItem(Key, $$"""{"writer":{{winner.Writer}}}""", version + 1), await storage.ReadAsync(Key, Ct));
    }
}
