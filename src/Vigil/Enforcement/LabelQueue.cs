using Vigil.DecisionLog;
using Vigil.Model;

namespace Vigil.Enforcement;

/// <summary>A sampled post waiting for a reviewer's label.</summary>
public sealed record LabelRequest(string Id, string PostId, string Sample, DateTimeOffset At);

/// <summary>
/// The labelling side of the review queue. A measurement sample's posts are queued for labelling, and reviewers record a
/// consensus-class label on a post; both are events in the decision log, so who labelled what, when, and in answer to
/// which sample is as tamper-evident as any enforcement decision. Labels change no enforcement state: measurement reads
/// them back (<c>Measurement.ReviewLabels</c>) and uses only those of sampled posts.
/// </summary>
public sealed class LabelQueue
{
    /// <summary>The actor that queues a sample: the measurement stage, not a person.</summary>
    public const string MeasurementActor = Actors.EnginePrefix + "measure";

    private readonly IDecisionLog _log;
    private readonly TimeProvider _time;

    public LabelQueue(IDecisionLog log, TimeProvider time)
    {
        _log = log;
        _time = time;
    }

    /// <summary>
    /// Queues the posts of a probability sample. Idempotent per sample and post: queueing the same sample again appends
    /// nothing, so a task file can be re-submitted safely.
    /// </summary>
    /// <returns>How many requests were appended.</returns>
    public async Task<int> EnqueueAsync(string sampleId, IEnumerable<string> postIds, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(sampleId)) throw new ArgumentException("A sample needs an id.", nameof(sampleId));
        var now = _time.GetUtcNow();
        var payload = new EventPayload { Sample = sampleId }.ToJson();
        var events = new List<DecisionEvent>();
        foreach (var postId in postIds)
        {
            var subject = DecisionSubject.Post(postId).ToString();
            events.Add(new DecisionEvent
            {
                Id = $"label-request|{sampleId}|{subject}", Type = DecisionEventType.LabelRequested, At = now, Subject = subject,
                Actor = MeasurementActor, TaxonomyVersion = TaxonomyTable.Default.Version, Payload = payload,
            });
        }
        return (await _log.AppendAsync(events, ct)).Count;
    }

    /// <summary>Records a reviewer's consensus-class label on a post. A reviewer may relabel; their latest label counts.</summary>
    public async Task<DecisionEvent> LabelAsync(string postId, HumanReviewer reviewer, ConsensusClass label, string note = "",
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(postId)) throw new ArgumentException("A label needs a post id.", nameof(postId));
        var now = _time.GetUtcNow();
        var subject = DecisionSubject.Post(postId).ToString();
        var kebab = Kebab.From(label);
        var e = new DecisionEvent
        {
            Id = $"label|{subject}|{reviewer.Actor}|{HashChain.FormatTime(now)}|{kebab}", Type = DecisionEventType.Labelled,
            At = now, Subject = subject, Actor = reviewer.Actor, TaxonomyVersion = TaxonomyTable.Default.Version,
            Payload = new EventPayload { Consensus = kebab, Note = note.Length == 0 ? null : note }.ToJson(),
        };
        var appended = await _log.AppendAsync([e], ct);
        return appended.Count == 1
            ? appended[0]
            : throw new EnforcementException($"{reviewer.Id} already gave post {postId} this label at this very instant.");
    }

    /// <summary>
    /// Requests still waiting, in the order they were queued: those whose post nobody has labelled yet, or, for a named
    /// reviewer, those that reviewer has not labelled (a second opinion on a post others already labelled).
    /// </summary>
    public async Task<IReadOnlyList<LabelRequest>> PendingAsync(string? reviewerId = null, string? sampleId = null,
        CancellationToken ct = default)
    {
        var requests = new List<LabelRequest>();
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        var actor = reviewerId is null ? null : Actors.HumanPrefix + reviewerId;
        await foreach (var e in _log.ReadAllAsync(ct))
        {
            if (e.Type == DecisionEventType.Labelled && Actors.IsHuman(e.Actor) && (actor is null || e.Actor == actor))
            {
                labelled.Add(e.Subject);
            }
            else if (e.Type == DecisionEventType.LabelRequested)
            {
                var sample = EventPayload.Parse(e.Payload).Sample ?? "";
                if ((sampleId is null || sample == sampleId) && DecisionSubject.TryParse(e.Subject, out var subject) && subject.IsPost)
                    requests.Add(new LabelRequest(e.Id, subject.Id, sample, e.At));
            }
        }
        requests.RemoveAll(r => labelled.Contains(DecisionSubject.Post(r.PostId).ToString()));
        return requests;
    }
}
