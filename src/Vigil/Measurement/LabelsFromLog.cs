using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;

namespace Vigil.Measurement;

/// <summary>
/// Labels made in the review queue, read back from the decision log: each reviewer is one annotator, and a reviewer who
/// relabels a post is counted once, with their latest label (log order). A label by an actor that is not a human reviewer,
/// or with a class this taxonomy does not know, is not used and is listed in <see cref="Ignored"/>.
/// <para>
/// This source answers for any post a reviewer labelled — including posts labelled while working the harm-ordered
/// enforcement queue, which are no probability sample. It is safe because the estimators ask only for the posts their
/// sample drew: a label of a post outside the sample is never read.
/// </para>
/// </summary>
public sealed class ReviewLabels : ILabelSource
{
    // Per post, per reviewer: the reviewer's latest label. Sorted by reviewer so annotations come out in a stable order.
    private readonly Dictionary<string, SortedDictionary<string, ConsensusClass>> _byPost = new(StringComparer.Ordinal);
    private readonly List<string> _ignored = [];

    private ReviewLabels() { }

    /// <summary>Labels in force: one per reviewer and post.</summary>
    public int Count { get; private set; }

    /// <summary>Labels replaced by the same reviewer's later label on the same post.</summary>
    public int Superseded { get; private set; }

    public IReadOnlyList<string> Ignored => _ignored;

    public IReadOnlyCollection<string> PostIds => _byPost.Keys;

    public static ReviewLabels Read(IEnumerable<DecisionEvent> events)
    {
        var labels = new ReviewLabels();
        foreach (var e in events)
            if (e.Type == DecisionEventType.Labelled) labels.Add(e);
        return labels;
    }

    /// <summary>The labels in a log read as it streams (<see cref="IDecisionLog.ReadAllAsync"/>).</summary>
    internal static async Task<ReviewLabels> ReadAsync(IAsyncEnumerable<DecisionEvent> events, CancellationToken ct = default)
    {
        var labels = new ReviewLabels();
        await foreach (var e in events.WithCancellation(ct))
            if (e.Type == DecisionEventType.Labelled) labels.Add(e);
        return labels;
    }

    public IReadOnlyList<Annotation> For(string postId)
    {
        if (!_byPost.TryGetValue(postId, out var byReviewer)) return [];
        var annotations = new Annotation[byReviewer.Count];
        var i = 0;
        foreach (var (reviewer, label) in byReviewer) annotations[i++] = new Annotation(postId, reviewer, label);
        return annotations;
    }

    private void Add(DecisionEvent e)
    {
        if (!Actors.IsHuman(e.Actor))
        {
            _ignored.Add($"event {e.Sequence} ({e.Id}): label by '{e.Actor}', who is not a human reviewer.");
            return;
        }
        var consensus = EventPayload.Parse(e.Payload).Consensus;
        if (!DecisionSubject.TryParse(e.Subject, out var subject) || !subject.IsPost ||
            !Kebab.TryParse<ConsensusClass>(consensus ?? "", out var label))
        {
            _ignored.Add($"event {e.Sequence} ({e.Id}): '{consensus}' on '{e.Subject}' is not a consensus class on a post.");
            return;
        }
        var postId = subject.Id;
        if (!_byPost.TryGetValue(postId, out var byReviewer)) _byPost[postId] = byReviewer = new SortedDictionary<string, ConsensusClass>(StringComparer.Ordinal);
        var reviewer = e.Actor[Actors.HumanPrefix.Length..];
        if (byReviewer.ContainsKey(reviewer)) Superseded++;
        else Count++;
        byReviewer[reviewer] = label;
    }
}
