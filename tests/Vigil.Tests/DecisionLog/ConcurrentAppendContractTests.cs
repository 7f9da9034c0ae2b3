using Vigil.DecisionLog;
using Vigil.Tests.Support;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.DecisionLog;

/// <summary>
/// Several writers appending to one stored log at once (workers, the server, <c>vigil review</c> in other processes)
/// must extend one chain: each writer opens its own handle, with its own connection, as a separate process would, and
/// the appends interleave. A store that read the head outside its write lock would seal two events onto one head (a
/// fork) or fail on the duplicate sequence; the log must instead hold every id once, sequences 1..N, and verify.
/// </summary>
public abstract class ConcurrentAppendContractTests : IAsyncLifetime
{
    private readonly List<IDecisionLog> _opened = [];

    /// <summary>A handle of its own on this test's log (the same log every call), not yet migrated.</summary>
    protected abstract IDecisionLog OpenHandle();

    /// <summary>Removes the log, after every handle on it is disposed.</summary>
    protected virtual Task DeleteAsync() => Task.CompletedTask;

    private async Task<IDecisionLog> OpenAsync()
    {
        var log = OpenHandle();
        lock (_opened) _opened.Add(log);
        await log.MigrateAsync();
        return log;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var log in _opened) await log.DisposeAsync();
        await DeleteAsync();
    }

    [ContractFact]
    public async Task Concurrent_appenders_extend_one_unbroken_chain_and_never_append_an_id_twice()
    {
        const int writers = 4, batches = 15, perBatch = 20;
        // Every writer appends its own events and also events every other writer appends (shared-*), in another order:
        // the log must hold each id once, with sequences 1..N and a chain that verifies.
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var log = await OpenAsync();
            var appended = 0;
            for (var b = 0; b < batches; b++)
            {
                var shared = (b + w) % batches;
                var batch = Enumerable.Range(0, perBatch).Select(i => Event($"w{w}-b{b}-e{i}", b * perBatch + i))
                    .Append(Event($"shared-{shared}", shared)).ToList();
                appended += (await log.AppendAsync(batch)).Count;
            }
            return appended;
        })).ToList();
        var appendedPerWriter = await Task.WhenAll(tasks);

        var reader = await OpenAsync();
        var events = await reader.ReadAllAsync().ToListAsync();
        var expected = writers * batches * perBatch + batches;
        Assert.Equal(expected, appendedPerWriter.Sum());
        Assert.Equal(expected, events.Count);
        Assert.Equal(expected, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), events.Select(e => e.Sequence));
        var verified = await LogVerifier.VerifyAsync(reader.ReadAllAsync());
        Assert.True(verified.Intact, verified.Message);
    }

    private static DecisionEvent Event(string id, int minute) => new()
    {
        Id = id, Type = DecisionEventType.Report, At = Start.AddMinutes(minute), Subject = "post:" + id, Actor = "user:u",
        Payload = new EventPayload { Note = "n" + id }.ToJson(),
    };
}

/// <summary>Concurrent appenders on one SQLite file: each handle is its own connection, locking the file as another process does.</summary>
public sealed class SqliteConcurrentAppendTests : ConcurrentAppendContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-log-append-").FullName;

    protected override IDecisionLog OpenHandle() => new SqliteDecisionLog(Path.Combine(_folder, "vigil.db"));

    protected override Task DeleteAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
