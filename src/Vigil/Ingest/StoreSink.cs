using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Ingest;

/// <summary>
/// Collects parsed records into batches for the store and counts what each file gave. Parsers add synchronously; once
/// <see cref="IsFull"/> the reader hands the batch to <see cref="FlushInBackground"/> and fills the other one, and
/// <see cref="FlushAsync"/> writes the last, partial batch.
/// </summary>
internal sealed class StoreSink(IVigilStore store, string source, IngestOptions options, QuarantineWriter? quarantine) : IRecordSink
{
    private Batch _filling = new(options.BatchSize);
    // The batch being written while the next one fills; the two swap at each background flush.
    private Batch _writing = new(options.BatchSize);

    private sealed class Batch(int capacity)
    {
        public readonly List<Account> Accounts = new(capacity);
        public readonly List<Post> Posts = new(capacity);
        public readonly List<Interaction> Interactions = new(capacity);
        public int Count => Accounts.Count + Posts.Count + Interactions.Count;
    }

    public IngestCounts Accounts { get; private set; }
    public IngestCounts Posts { get; private set; }
    public IngestCounts Interactions { get; private set; }
    public long Quarantined { get; private set; }
    public long Ignored { get; private set; }
    /// <summary>Everything the parser gave: records offered to the store, parts set aside, records ignored.</summary>
    public long Read => _offered + Quarantined + Ignored;
    private long _offered;

    public bool IsFull => _filling.Count >= options.BatchSize;

    public void Add(Account account)
    {
        _offered++;
        _filling.Accounts.Add(account);
    }

    public void Add(Post post)
    {
        _offered++;
        _filling.Posts.Add(post);
    }

    public void Add(Interaction interaction)
    {
        _offered++;
        _filling.Interactions.Add(interaction);
    }

    public void Reject(long line, string reason, string raw)
    {
        var rejection = new Rejection(source, line, reason, raw);
        Quarantined++;
        quarantine?.Write(rejection);
        options.OnRejected?.Invoke(rejection);
    }

    public void Ignore() => Ignored++;

    /// <summary>Writes what is batched, accounts first, so a post's author is stored no later than the post.</summary>
    public Task FlushAsync(CancellationToken ct) => WriteAsync(_filling, ct);

    /// <summary>
    /// Starts writing what is batched on another thread and gives the sink an empty batch to fill meanwhile. The caller
    /// awaits the returned write before the next flush: one write at a time, in order.
    /// </summary>
    public Task FlushInBackground(CancellationToken ct)
    {
        (_filling, _writing) = (_writing, _filling);
        var batch = _writing;
        return Task.Run(() => WriteAsync(batch, ct), ct);
    }

    private async Task WriteAsync(Batch batch, CancellationToken ct)
    {
        Accounts += await WriteAsync(batch.Accounts, store.AddAccountsAsync, ct);
        if (options.BeforePostsStored is { } beforePostsStored && batch.Posts.Count > 0) await beforePostsStored(batch.Posts, ct);
        Posts += await WriteAsync(batch.Posts, store.AddPostsAsync, ct);
        Interactions += await WriteAsync(batch.Interactions, store.AddInteractionsAsync, ct);
    }

    private async Task<IngestCounts> WriteAsync<T>(List<T> batch, Func<IReadOnlyList<T>, CancellationToken, Task<WriteCounts>> add,
        CancellationToken ct)
    {
        if (batch.Count == 0) return default;
        var counts = await Outage.RetryAsync(() => add(batch, ct), Outage.OfStore, options.MaxOutage, options.Time, options.OnOutage, ct);
        batch.Clear();
        return new IngestCounts(counts.Inserted, counts.Duplicates);
    }
}
