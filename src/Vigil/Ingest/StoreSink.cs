using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Ingest;

/// <summary>
/// Collects parsed records into batches for the store and counts what each file gave. Parsers add synchronously; the
/// reader writes the batch (<see cref="FlushAsync"/>) once <see cref="IsFull"/>.
/// </summary>
internal sealed class StoreSink(IVigilStore store, string source, int batchSize, QuarantineWriter? quarantine,
    Action<Rejection>? onRejected, Func<IReadOnlyList<Post>, CancellationToken, Task>? beforePostsStored = null) : IRecordSink
{
    private readonly List<Account> _accounts = new(batchSize);
    private readonly List<Post> _posts = new(batchSize);
    private readonly List<Interaction> _interactions = new(batchSize);

    public IngestCounts Accounts { get; private set; }
    public IngestCounts Posts { get; private set; }
    public IngestCounts Interactions { get; private set; }
    public long Quarantined { get; private set; }
    public long Ignored { get; private set; }
    /// <summary>Everything the parser gave: records offered to the store, parts set aside, records ignored.</summary>
    public long Read => _offered + Quarantined + Ignored;
    private long _offered;

    public bool IsFull => _accounts.Count + _posts.Count + _interactions.Count >= batchSize;

    public void Add(Account account)
    {
        _offered++;
        _accounts.Add(account);
    }

    public void Add(Post post)
    {
        _offered++;
        _posts.Add(post);
    }

    public void Add(Interaction interaction)
    {
        _offered++;
        _interactions.Add(interaction);
    }

    public void Reject(long line, string reason, string raw)
    {
        var rejection = new Rejection(source, line, reason, raw);
        Quarantined++;
        quarantine?.Write(rejection);
        onRejected?.Invoke(rejection);
    }

    public void Ignore() => Ignored++;

    /// <summary>Writes what is batched, accounts first, so a post's author is stored no later than the post.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Accounts += await WriteAsync(_accounts, store.AddAccountsAsync, ct);
        if (beforePostsStored is not null && _posts.Count > 0) await beforePostsStored(_posts, ct);
        Posts += await WriteAsync(_posts, store.AddPostsAsync, ct);
        Interactions += await WriteAsync(_interactions, store.AddInteractionsAsync, ct);
    }

    private static async Task<IngestCounts> WriteAsync<T>(List<T> batch,
        Func<IReadOnlyList<T>, CancellationToken, Task<WriteCounts>> add, CancellationToken ct)
    {
        if (batch.Count == 0) return default;
        var counts = await add(batch, ct);
        batch.Clear();
        return new IngestCounts(counts.Inserted, counts.Duplicates);
    }
}
