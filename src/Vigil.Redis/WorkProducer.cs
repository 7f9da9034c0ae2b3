using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Redis;

/// <summary>
/// The producer half of <c>vigil ingest --queue</c>: given a batch about to be stored, queues one work item per post
/// the store does not hold yet (a post repeated in the batch or already stored is not queued again). Plugged into
/// <see cref="Ingest.IngestOptions.BeforePostsStored"/>, so an item is queued before its post is stored.
/// </summary>
public sealed class WorkProducer(WorkStream stream, IVigilStore store)
{
    public long Queued { get; private set; }
    /// <summary>How long the producer waited for the workers (backpressure).</summary>
    public TimeSpan Waited { get; private set; }

    public async Task QueueNewAsync(IReadOnlyList<Post> posts, CancellationToken ct)
    {
        var ids = new HashSet<string>(posts.Count, StringComparer.Ordinal);
        var firsts = new List<Post>(posts.Count);
        foreach (var post in posts)
            if (ids.Add(post.Id)) firsts.Add(post);
        var stored = await store.ExistingPostIdsAsync(ids, ct);
        var fresh = stored.Count == 0 ? firsts : firsts.FindAll(p => !stored.Contains(p.Id));
        Waited += await stream.AppendAsync(fresh, ct);
        Queued += fresh.Count;
    }
}
