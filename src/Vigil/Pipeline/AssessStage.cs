using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Pipeline;

public sealed record AssessStageResult(int Assessed, int Hateful, int Antisemitic, int Unsupported, string ModelVersion,
    TimeSpan Elapsed);

/// <summary>
/// Scores every original post in the store (reposts carry their original's verdict, so scoring them again would only
/// count the same text twice) and saves one assessment per post for the detector's model version. Re-running with the
/// same model replaces, never duplicates. Posts are scored in batches across all cores with one detector session per
/// worker, while the next batch is read; evidence is computed only for posts with something to explain.
/// </summary>
/// <summary>Sees every post detection reads (reposts too, in the store's order) and every assessment it saves (in the same order).</summary>
internal interface IAssessObserver
{
    void Post(Post post);
    void Assessed(Assessment assessment);
}

public static class AssessStage
{
    private const int BatchSize = 8_192;
    private const int TwoStageChunk = 512;

    internal static Task<AssessStageResult> RunAsync(IVigilStore store, Detector detector, TimeProvider? time = null,
        CancellationToken ct = default, CascadeDetector? twoStage = null) =>
        RunAsync(store, detector, time, twoStage, observer: null, ct);

    internal static async Task<AssessStageResult> RunAsync(IVigilStore store, Detector detector, TimeProvider? time,
        CascadeDetector? twoStage, IAssessObserver? observer, CancellationToken ct)
    {
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();
        int assessed = 0, hateful = 0, antisemitic = 0, unsupported = 0;
        // Two batches in turn: one is scored on the other cores while the next is read (and seen by the observer) here,
        // so reading the store and scoring overlap; and the scored batch is written to the store in the background
        // meanwhile, from its own array, one write at a time. Results are saved and observed in the order the posts were read.
        var batch = new List<Post>(BatchSize);
        var scoring = new List<Post>(BatchSize);
        var results = new Assessment[BatchSize];
        var written = new Assessment[BatchSize];
        Task? scored = null;
        var writing = Task.CompletedTask;

        async Task SaveScoredAsync()
        {
            if (scored is null) return;
            await scored;
            scored = null;
            var saved = new ArraySegment<Assessment>(results, 0, scoring.Count);
            foreach (var assessment in saved)
            {
                observer?.Assessed(assessment);
                if (assessment.Hateful) hateful++;
                if (assessment.Antisemitic) antisemitic++;
                if (!assessment.LanguageSupported) unsupported++;
            }
            assessed += scoring.Count;
            scoring.Clear();
            // The array the previous write read from is scored into next, so that write must be done first.
            await writing;
            writing = Task.Run(() => store.SaveAssessmentsAsync(saved, ct), ct);
            (results, written) = (written, results);
        }

        async Task HandOverAsync()
        {
            await SaveScoredAsync();
            (batch, scoring) = (scoring, batch);
            var posts = scoring;
            scored = Task.Run(() => Score(detector, twoStage, posts, results, ct), ct);
        }

        try
        {
            await foreach (var post in store.ReadPostsAsync(ct))
            {
                observer?.Post(post);
                if (post.RepostOfId is not null) continue;
                batch.Add(post);
                if (batch.Count == BatchSize) await HandOverAsync();
            }
            if (batch.Count > 0) await HandOverAsync();
            await SaveScoredAsync();
            await writing;
        }
        catch when (!writing.IsCompleted)
        {
            // Not returning while a write is still at the store; the failure reported is the first one.
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        return new AssessStageResult(assessed, hateful, antisemitic, unsupported, twoStage?.ModelVersion ?? detector.ModelVersion,
            time.GetElapsedTime(started));
    }

    /// <summary>
    /// Scores <paramref name="posts"/> across all cores into the first <c>posts.Count</c> slots of
    /// <paramref name="results"/>: the fast stage alone, or both stages when <paramref name="twoStage"/> is given. The one
    /// scoring path of <c>analyze</c> and of the stream workers, so both store the same assessment for a post.
    /// </summary>
    public static void Score(Detector detector, CascadeDetector? twoStage, IReadOnlyList<Post> posts, Assessment[] results,
        CancellationToken ct = default)
    {
        if (twoStage is not null)
        {
            // Chunks, so the encoder sees a chunk's routed posts together (batched by length).
            var chunks = Enumerable.Range(0, posts.Count).Chunk(TwoStageChunk).ToArray();
            Parallel.ForEach(chunks, new ParallelOptions { CancellationToken = ct }, detector.CreateSession, (chunk, _, session) =>
            {
                var scored = twoStage.Score(session, chunk.Select(i => posts[i].Text).ToArray(), cancel: ct);
                for (var k = 0; k < chunk.Length; k++) results[chunk[k]] = twoStage.ToAssessment(posts[chunk[k]].Id, scored[k]);
                return session;
            }, static _ => { });
            return;
        }
        Parallel.For(0, posts.Count, new ParallelOptions { CancellationToken = ct }, detector.CreateSession, (i, _, session) =>
        {
            var post = posts[i];
            var verdict = session.Score(post.Text);
            var explain = verdict.LanguageSupported && (verdict.Hateful || verdict.Antisemitic || verdict.Consensus != ConsensusClass.Neutral);
            results[i] = detector.ToAssessment(post.Id, verdict, explain ? session.Explain() : []);
            return session;
        }, static _ => { });
    }
}
