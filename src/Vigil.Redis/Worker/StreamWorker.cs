using StackExchange.Redis;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Storage;

namespace Vigil.Redis.Worker;

/// <summary>
/// <c>vigil worker</c>: reads work items from the stream in a consumer group and runs on each post what can be done per
/// post — the detector (the same scoring path as <c>analyze</c>) and the policy — then acknowledges the entries.
/// <list type="bullet">
/// <item>Effects are committed before the acknowledgement, and are idempotent: an assessment is an upsert by post and
/// model version; a decision event's id is derived from what was decided, and the log skips ids it holds. An entry
/// delivered twice (its worker died after committing, before acknowledging) therefore changes nothing the second time.</item>
/// <item>Entries a dead or stalled worker held are claimed after <see cref="WorkStreamOptions.ClaimIdle"/>; a worker
/// restarted under its old name resumes its own at once.</item>
/// <item>An entry that cannot be read is dead-lettered at once; one whose processing fails is isolated from its batch,
/// left pending with its error recorded, and dead-lettered after <see cref="WorkStreamOptions.MaxDeliveries"/>.</item>
/// <item>When the store or Redis cannot be reached, the batch is retried with growing pauses (no delivery is counted)
/// for up to <see cref="WorkStreamOptions.MaxOutage"/>.</item>
/// <item>Stopping (SIGTERM) abandons the batch being scored, whose entries stay pending for a restart or a claim, or
/// lets the batch being committed finish.</item>
/// </list>
/// Bot scores and clusters are not computed here: an account's bot features include its posting rhythm over the whole
/// window, and clusters need the whole co-action graph, so both are jobs over the store. The policy here sees neither
/// (bot score 0, no cluster): content rules, strikes and the restrictions strikes trigger are per-post; the account
/// rules on automation are applied by the job.
/// </summary>
public sealed class StreamWorker
{
    private readonly WorkStream _stream;
    private readonly IVigilStore _store;
    private readonly IDecisionLog _log;
    private readonly WorkerOptions _options;
    private readonly IProgress<string>? _progress;
    private readonly PolicyLock _policyLock;
    private EnforcementEngine? _engine;
    private long _acknowledged, _assessed, _decisions, _appended, _reclaimed, _deadLettered, _failed;

    private StreamWorker(WorkStream stream, IVigilStore store, IDecisionLog log, WorkerOptions options, IProgress<string>? progress)
    {
        _stream = stream;
        _store = store;
        _log = log;
        _options = options;
        _progress = progress;
        _policyLock = new PolicyLock(stream.Database, stream.LockKey, options.Time);
    }

    /// <summary>Works until <paramref name="stop"/> is cancelled, or with <see cref="WorkerOptions.Drain"/> until the stream is drained.</summary>
    public static Task<WorkerResult> RunAsync(WorkStream stream, IVigilStore store, IDecisionLog log, WorkerOptions options,
        IProgress<string>? progress = null, CancellationToken stop = default) =>
        new StreamWorker(stream, store, log, options, progress).RunAsync(stop);

    private async Task<WorkerResult> RunAsync(CancellationToken stop)
    {
        var time = _options.Time;
        var started = time.GetTimestamp();
        var resumeOwn = true;
        // Own entries are resumed once, in order: one that fails again stays pending for a claim, not read in a loop.
        RedisValue ownCursor = StreamPosition.Beginning;
        var nextClaim = time.GetUtcNow();
        var nextReport = time.GetUtcNow() + _options.ProgressInterval;
        var drained = false;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var entries = await WithRetriesAsync("reading the stream", async () =>
                {
                    if (resumeOwn)
                    {
                        var own = await _stream.ReadOwnPendingAsync(_options.Name, _options.BatchSize, ownCursor);
                        if (own.Length > 0)
                        {
                            ownCursor = own[^1].Id;
                            return own;
                        }
                        resumeOwn = false;
                    }
                    if (time.GetUtcNow() >= nextClaim)
                    {
                        // Claim on a timer, not only when idle: a dead worker's entries must not wait for the stream to empty.
                        nextClaim = time.GetUtcNow() + _stream.Options.ClaimIdle / 2;
                        _deadLettered += await _stream.DeadLetterOverdeliveredAsync(_options.Name, _options.BatchSize);
                        var claimed = await _stream.ClaimIdleAsync(_options.Name, _options.BatchSize);
                        _reclaimed += claimed.Length;
                        if (claimed.Length > 0) return claimed;
                    }
                    return await _stream.ReadNewAsync(_options.Name, _options.BatchSize);
                }, stop);

                if (entries.Length == 0)
                {
                    if (_options.Drain && await WithRetriesAsync("reading the stream", _stream.PendingCountAsync, stop) == 0)
                    {
                        drained = true;
                        break;
                    }
                    await Task.Delay(_stream.Options.PollInterval, time, stop);
                    continue;
                }

                await WithRetriesAsync("committing a batch", async () =>
                {
                    await ProcessAsync(entries, stop);
                    return true;
                }, stop);
                await WithRetriesAsync("trimming the stream", _stream.TrimAcknowledgedAsync, stop);

                if (time.GetUtcNow() >= nextReport)
                {
                    nextReport = time.GetUtcNow() + _options.ProgressInterval;
                    _progress?.Report(Summary(time.GetElapsedTime(started)));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: what was being scored stays pending, for this name's restart or another worker's claim.
        }
        return new WorkerResult(_acknowledged, _assessed, _decisions, _appended, _reclaimed, _deadLettered, _failed,
            time.GetElapsedTime(started), drained);
    }

    private string Summary(TimeSpan elapsed) =>
        $"worker {_options.Name}: {_acknowledged:N0} entries done ({_acknowledged / Math.Max(elapsed.TotalSeconds, 1e-3):N0}/s), " +
        $"{_assessed:N0} posts assessed, {_decisions:N0} decisions, {_reclaimed:N0} reclaimed, {_deadLettered:N0} dead-lettered, " +
        $"{_failed:N0} failed";

    /// <summary>Commits the effects of the entries, then acknowledges them; a failing entry is isolated and left pending.</summary>
    private async Task ProcessAsync(IReadOnlyList<StreamEntry> entries, CancellationToken stop)
    {
        var posts = new List<Post>(entries.Count);
        var readable = new List<StreamEntry>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                posts.Add(WorkItems.Decode(entry, _stream.Key));
                readable.Add(entry);
            }
            catch (InvalidDataException e)
            {
                // Reading it again would fail the same way: dead-letter it now.
                await _stream.DeadLetterAsync(entry, "unreadable work item: " + e.Message, deliveries: null, _options.Name);
                _deadLettered++;
                _progress?.Report($"worker {_options.Name}: dead-lettered {e.Message}");
            }
        }
        if (readable.Count == 0) return;
        try
        {
            await CommitEffectsAsync(posts, stop);
        }
        catch (Exception e) when (!Outages.IsOutage(e) && e is not OperationCanceledException)
        {
            if (readable.Count == 1)
            {
                await _stream.RecordFailureAsync(readable[0].Id, $"{e.GetType().Name}: {e.Message}");
                _failed++;
                _progress?.Report($"worker {_options.Name}: entry {readable[0].Id} failed ({e.GetType().Name}: {e.Message}); left pending");
                return;
            }
            // One bad item must not hold back its batch: commit the others one by one.
            foreach (var entry in readable) await ProcessAsync([entry], stop);
            return;
        }
        await _stream.AcknowledgeAsync(readable.Select(e => e.Id).ToArray());
        _acknowledged += readable.Count;
    }

    private async Task CommitEffectsAsync(List<Post> posts, CancellationToken stop)
    {
        var originals = posts.Where(p => p.RepostOfId is null).ToList();
        if (originals.Count == 0) return;
        var assessments = new Assessment[originals.Count];
        // A stop interrupts scoring (the long part) and the wait for the policy lock, which a SIGKILLed holder keeps for
        // its expiry (15 s, beyond the 10 s a stopping command is given): nothing of the policy step has run then, and
        // the batch, unacknowledged, is decided again by whoever claims it. The writes run to the end.
        AssessStage.Score(_options.Detector, _options.TwoStage, originals, assessments, stop);
        await _store.SaveAssessmentsAsync(assessments, CancellationToken.None);
        _assessed += originals.Count;

        var inputs = new List<PolicyInput>(originals.Count);
        for (var i = 0; i < originals.Count; i++)
        {
            inputs.Add(new PolicyInput
            {
                PostId = originals[i].Id, AuthorId = originals[i].AuthorId, Assessment = assessments[i],
                PostedAt = originals[i].CreatedAt, Reach = originals[i].Views,
            });
        }
        var run = await _policyLock.RunAsync(async () =>
        {
            try
            {
                _engine ??= await EnforcementEngine.OpenAsync(_options.Policy, _log, _options.Time, ct: CancellationToken.None);
                await _engine.CatchUpAsync(CancellationToken.None);
                return await _engine.ApplyAsync(inputs, ct: CancellationToken.None);
            }
            catch
            {
                // The engine applies events to its state as it emits them; after a failed append its state is ahead
                // of the log, so it is rebuilt from the log before it decides again.
                _engine = null;
                throw;
            }
        }, stop);
        _decisions += run.Decisions;
        _appended += run.EventsAppended;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, and while the store or Redis cannot be reached, runs it again after growing pauses,
    /// for up to <see cref="WorkStreamOptions.MaxOutage"/>; then the failure stands (exit 4).
    /// </summary>
    private Task<T> WithRetriesAsync<T>(string what, Func<Task<T>> action, CancellationToken stop) =>
        Outages.RetryAsync(action, _stream.Options.MaxOutage, _options.Time, (e, pause) => _progress?.Report(
            $"worker {_options.Name}: {what}: {e.GetType().Name}: {e.Message.Split('\n')[0]}; retrying in {pause.TotalSeconds:0.##} s"), stop);
}
