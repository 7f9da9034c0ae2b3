using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Ingest;

/// <summary>Collects parsed records into batches for the store and counts what each file gave.</summary>
internal sealed class StoreSink(IVigilStore store, string source, int batchSize, QuarantineWriter? quarantine,
    Action<Rejection>? onRejected) : IRecordSink
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

    public void Add(Account account)
    {
        _offered++;
        _accounts.Add(account);
        FlushIfFull();
    }

    public void Add(Post post)
    {
        _offered++;
        _posts.Add(post);
        FlushIfFull();
    }

    public void Add(Interaction interaction)
    {
        _offered++;
        _interactions.Add(interaction);
        FlushIfFull();
    }

    public void Reject(long line, string reason, string raw)
    {
        var rejection = new Rejection(source, line, reason, raw);
        Quarantined++;
        quarantine?.Write(rejection);
        onRejected?.Invoke(rejection);
    }

    public void Ignore() => Ignored++;

    public void Flush()
    {
        Accounts += Write(_accounts, store.AddAccounts);
        Posts += Write(_posts, store.AddPosts);
        Interactions += Write(_interactions, store.AddInteractions);
    }

    private void FlushIfFull()
    {
        if (_accounts.Count + _posts.Count + _interactions.Count >= batchSize) Flush();
    }

    private static IngestCounts Write<T>(List<T> batch, Func<IReadOnlyList<T>, WriteCounts> add)
    {
        if (batch.Count == 0) return default;
        var counts = add(batch);
        batch.Clear();
        return new IngestCounts(counts.Inserted, counts.Duplicates);
    }
}
