using Vigil.Detection;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Pipeline;

public sealed record AssessStageResult(int Assessed, int Hateful, int Antisemitic, int Unsupported, string ModelVersion,
    TimeSpan Elapsed);

/// <summary>
/// Scores every original post in the store (reposts carry their original's verdict, so scoring them again would only
/// count the same text twice) and saves one assessment per post for the detector's model version. Re-running with the
/// same model replaces, never duplicates. Posts are scored in batches across all cores with one detector session per
/// worker; evidence is computed only for posts with something to explain.
/// </summary>
public static class AssessStage
{
    private const int BatchSize = 8_192;

    public static async Task<AssessStageResult> RunAsync(IVigilStore store, Detector detector, TimeProvider? time = null,
        CancellationToken ct = default)
    {
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();
        int assessed = 0, hateful = 0, antisemitic = 0, unsupported = 0;
        var batch = new List<Post>(BatchSize);
        var results = new Assessment[BatchSize];

        async Task FlushAsync()
        {
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, detector.CreateSession, (i, _, session) =>
            {
                var post = batch[i];
                var verdict = session.Score(post.Text);
                var explain = verdict.LanguageSupported && (verdict.Hateful || verdict.Antisemitic || verdict.Consensus != ConsensusClass.Neutral);
                results[i] = detector.ToAssessment(post.Id, verdict, explain ? session.Explain() : []);
                return session;
            }, static _ => { });
            var scored = new ArraySegment<Assessment>(results, 0, batch.Count);
            await store.SaveAssessmentsAsync(scored, ct);
            foreach (var assessment in scored)
            {
                if (assessment.Hateful) hateful++;
                if (assessment.Antisemitic) antisemitic++;
                if (!assessment.LanguageSupported) unsupported++;
            }
            assessed += batch.Count;
            batch.Clear();
        }

        await foreach (var post in store.ReadPostsAsync(ct))
        {
            if (post.RepostOfId is not null) continue;
            batch.Add(post);
            if (batch.Count == BatchSize) await FlushAsync();
        }
        if (batch.Count > 0) await FlushAsync();
        return new AssessStageResult(assessed, hateful, antisemitic, unsupported, detector.ModelVersion, time.GetElapsedTime(started));
    }
}
