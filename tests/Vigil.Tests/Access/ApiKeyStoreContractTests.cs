using Vigil.Postgres;
using Vigil.Server.Access;
using Vigil.Storage;
using Vigil.Tests.Policy;
using Vigil.Tests.Postgres;
using Vigil.Tests.Support;

namespace Vigil.Tests.Access;

/// <summary>
/// The server's API keys behave the same on every database <c>--db</c> can name: created with a hash of the secret
/// only, found by id, listed, revoked (never deleted), and a revocation seen by another process's handle at once.
/// </summary>
public abstract class ApiKeyStoreContractTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<VigilDatabase> _opened = [];

    /// <summary>The location (<c>--db</c> value) of this test's database; every call names the same one.</summary>
    protected abstract string Location { get; }

    /// <summary>Removes the database, after every handle on it is disposed.</summary>
    protected abstract Task DeleteAsync();

    /// <summary>A store on its own handle of the database, as a separate process (the CLI, another server) would have.</summary>
    private ApiKeyStore OpenStore()
    {
        var database = VigilDatabase.Open(Location, DatabaseAccess.CreateIfMissing);
        _opened.Add(database);
        return new ApiKeyStore(database, _clock);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _opened) await database.DisposeAsync();
        await DeleteAsync();
    }

    [ContractFact]
    public async Task A_created_key_is_found_by_its_id_with_the_hash_of_its_secret_only()
    {
        var store = OpenStore();
        Assert.True(await store.IsReachableAsync());

        var (key, token) = await store.CreateAsync("ops-bot", Role.Moderator, requestsPerSecond: 7);

        Assert.True(KeyToken.TryParse(token.ToString(), out var parsed));
        var found = await OpenStore().FindAsync(parsed.Id);
        Assert.NotNull(found);
        Assert.Equal(key, found.Value.Key);
        Assert.Equal((key.Id, "ops-bot", Role.Moderator, 7, false), (found.Value.Key.Id, found.Value.Key.Name, found.Value.Key.Role,
            found.Value.Key.RequestsPerSecond, found.Value.Key.Revoked));
        Assert.Equal(parsed.SecretHash(), found.Value.SecretHash);
        Assert.NotEqual(System.Text.Encoding.UTF8.GetBytes(parsed.Secret), found.Value.SecretHash);
        Assert.Null(await store.FindAsync("000000000000"));
    }

    [ContractFact]
    public async Task Names_default_to_role_and_id_and_a_taken_name_is_refused()
    {
        var store = OpenStore();
        var (unnamed, _) = await store.CreateAsync(null, Role.Client, null);
        Assert.Equal($"client-{unnamed.Id}", unnamed.Name);
        Assert.Null(unnamed.RequestsPerSecond);
        await store.CreateAsync("alice", Role.Triage, null);

        var taken = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync("alice", Role.Admin, null));

        Assert.Contains("'alice' already exists", taken.Message);
        var keys = await store.ListAsync();
        Assert.Equal(2, keys.Count);
        Assert.Equal(Role.Triage, keys.Single(k => k.Name == "alice").Role);
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync("bad\nname", Role.Client, null));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync("slow", Role.Client, 0));
    }

    [ContractFact]
    public async Task Keys_are_listed_in_creation_order_and_revoked_by_id_or_name_once()
    {
        var store = OpenStore();
        var (first, _) = await store.CreateAsync("first", Role.Admin, null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (second, _) = await store.CreateAsync("second", Role.Client, 3);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (third, _) = await store.CreateAsync("third", Role.Triage, null);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await store.RevokeAsync(first.Id));
        Assert.True(await store.RevokeAsync("second"));
        Assert.False(await store.RevokeAsync("second"));
        Assert.False(await store.RevokeAsync("nobody"));

        var keys = await OpenStore().ListAsync();
        Assert.Equal([first.Id, second.Id, third.Id], keys.Select(k => k.Id));
        Assert.Equal([_clock.GetUtcNow(), _clock.GetUtcNow(), (DateTimeOffset?)null], keys.Select(k => k.RevokedAt));
        Assert.Equal(first.CreatedAt, keys[0].CreatedAt);
        Assert.True((await store.FindAsync(second.Id))!.Value.Key.Revoked);
    }
}

public sealed class SqliteApiKeyStoreContractTests : ApiKeyStoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-keys-").FullName;

    protected override string Location => Path.Combine(_folder, "vigil.db");

    protected override Task DeleteAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The same keys on PostgreSQL, in a schema of the test's own, named by URL as an operator's <c>--db</c> would.</summary>
[NeedsService(Services.PostgresVariable)]
public sealed class PostgresApiKeyStoreContractTests : ApiKeyStoreContractTests
{
    private PostgresTestSchema? _schema;

    static PostgresApiKeyStoreContractTests() => VigilDatabase.Register(PostgresBackend.Instance);

    protected override string Location => (_schema ??= PostgresTestSchema.Create()).Url;

    protected override async Task DeleteAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
    }
}
