using Npgsql;
using Vigil.DecisionLog;
using Vigil.Model;
using Vigil.Postgres;
using Vigil.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// What several processes writing one PostgreSQL database at once must keep true. Each writer has its own data source
/// (its own pool of connections), as a separate worker process would.
/// </summary>
public sealed class PostgresConcurrencyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private PostgresTestSchema? _schema;
    private readonly List<NpgsqlDataSource> _sources = [];

    private PostgresTestSchema Schema => _schema ??= PostgresTestSchema.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var source in _sources) await source.DisposeAsync();
        if (_schema is not null) await _schema.DisposeAsync();
    }

    private NpgsqlDataSource NewSource()
    {
        var source = Schema.NewSource();
        _sources.Add(source);
        return source;
    }

    [PostgresFact]
    public async Task Concurrent_ingesters_of_overlapping_batches_insert_each_post_once_and_count_it_once()
    {
        const int writers = 4;
        await new PostgresStore(Schema.Source).MigrateAsync();
        // Writer w sends posts [w*500, w*500+1500): every post but the first and last few is sent by two or three writers,
        // in the opposite order by odd writers, so their transactions lock the same keys at the same time.
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = new PostgresStore(NewSource());
            var ids = Enumerable.Range(w * 500, 1_500).Select(i => $"p{i:D5}");
            if (w % 2 == 1) ids = ids.Reverse();
            var total = new WriteCounts();
            foreach (var chunk in ids.Chunk(250))
                total += await store.AddPostsAsync(chunk.Select(id => new Post { Id = id, AuthorId = "a", CreatedAt = T0 }).ToList());
            return total;
        })).ToList();
        var counts = await Task.WhenAll(tasks);

        var distinct = (writers - 1) * 500 + 1_500;
        Assert.Equal(distinct, counts.Sum(c => c.Inserted));
        Assert.Equal(writers * 1_500 - distinct, counts.Sum(c => c.Duplicates));
        Assert.Equal(distinct, (await new PostgresStore(Schema.Source).GetStatsAsync()).Posts);
    }

    [PostgresFact]
    public async Task Concurrent_migrations_apply_each_migration_once()
    {
        var migrations = Enumerable.Range(0, 4).Select(_ => new PostgresStore(NewSource()).MigrateAsync()).ToList();
        await Task.WhenAll(migrations);

        await using var connection = await Schema.Source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(PostgresMigrations.All.Count, reader.GetInt64(0));
        Assert.Equal(PostgresMigrations.All.Count, reader.GetInt32(1));
    }

    [PostgresFact]
    public async Task The_log_refuses_updates_and_deletes_from_any_client()
    {
        var log = new PostgresDecisionLog(Schema.Source);
        await log.MigrateAsync();
        await log.AppendAsync([Event("a", 0)]);

        await using var connection = await Schema.Source.OpenConnectionAsync();
        foreach (var sql in new[] { "UPDATE decision_events SET payload = '{}'", "DELETE FROM decision_events", "TRUNCATE decision_events" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText);
        }
        Assert.Single(await log.ReadAllAsync().ToListAsync());
    }

    private static DecisionEvent Event(string id, int minute) => new()
    {
        Id = id, Type = DecisionEventType.Report, At = T0.AddMinutes(minute), Subject = "post:" + id, Actor = "user:u",
        Payload = new EventPayload { Note = "n" + id }.ToJson(),
    };
}

/// <summary>Concurrent appenders on one PostgreSQL log: each handle has its own data source (its own pool), as a worker process would.</summary>
[NeedsService(Services.PostgresVariable)]
public sealed class PostgresConcurrentAppendTests : Vigil.Tests.DecisionLog.ConcurrentAppendContractTests
{
    private readonly List<NpgsqlDataSource> _sources = [];
    // Handles are opened by the writers at once: one schema for all of them.
    private readonly Lazy<PostgresTestSchema> _schema = new(PostgresTestSchema.Create);

    protected override IDecisionLog OpenHandle()
    {
        var source = _schema.Value.NewSource();
        lock (_sources) _sources.Add(source);
        return new PostgresDecisionLog(source);
    }

    protected override async Task DeleteAsync()
    {
        foreach (var source in _sources) await source.DisposeAsync();
        if (_schema.IsValueCreated) await _schema.Value.DisposeAsync();
    }
}
