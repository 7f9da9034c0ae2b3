using Vigil.Amplification;
using Vigil.Bots;
using Vigil.DecisionLog;
using Vigil.Detection.Cascade;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Reporting;
using Vigil.Storage;

namespace Vigil.Server.Moderation;

// The views below are public because the dashboard's Razor components (public) take them as parameters.

/// <summary>A pending review request as a reviewer sees it: the post, its evidence laid over the text, and what is behind the proposal.</summary>
public sealed record QueueEntry(int Rank, ReviewItem Request, string ModelVersion, string PolicyVersion, Post? Post,
    IReadOnlyList<TextSegment> Text);

public sealed record QueueView(int Pending, int Skip, IReadOnlyList<QueueEntry> Entries);

public sealed record OverviewView(IReadOnlyList<HeadlineFigure> Enforcement, ReportView Report);

public sealed record PostView(string Id, Post? Post, IReadOnlyList<TextSegment> Text, ContentActions InEffect,
    IReadOnlyList<DecisionStatus> Decisions, IReadOnlyList<ReviewItem> Reviews);

/// <summary>An account: enforcement's view from the log, and the latest analysis run's (its bot score and cluster) from the store.</summary>
public sealed record AccountView(string Id, Account? Account, AccountStatus Status, IReadOnlyList<StrikeRecord> Strikes,
    IReadOnlyList<AccountRestriction> Restrictions, IReadOnlyList<DecisionStatus> Decisions, BotAnalysisView? Bot = null);

/// <summary>
/// The latest analysis run's bot score of an account, the features that moved it in a moderator's words (strongest
/// first), and the cluster the run placed it in (<c>cluster-N</c>, the name decisions use).
/// </summary>
public sealed record BotAnalysisView(double Score, bool IsBot, IReadOnlyList<string> TopFeatures, string? Cluster, string BotModelVersion,
    string AnalysisId);

/// <summary>A cluster: as the latest analysis run stored it (null when that run has no such cluster), and the decisions on its members.</summary>
public sealed record ClusterView(string Id, StoredCluster? Stored, IReadOnlyList<DecisionStatus> MemberDecisions);

/// <summary>What the detector concluded about a stored post, as a list filters on it.</summary>
public enum PostVerdict
{
    Antisemitic,
    /// <summary>Hateful, but not antisemitic.</summary>
    Hateful,
    Neither,
    /// <summary>No assessment under the latest analysis run's detector version (not analysed yet, or by another version).</summary>
    Unassessed,
}

/// <summary>Which posts a list shows: by author, by creation time (<c>since</c> inclusive, <c>until</c> exclusive), by verdict.</summary>
public sealed record PostFilter(string? AuthorId = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, PostVerdict? Verdict = null);

public sealed record PostListItem(Post Post, PostVerdict Verdict, Assessment? Assessment);

/// <summary>A page of posts and where the next starts (the last post id looked at; null when the store has no more).</summary>
public sealed record PostListView(IReadOnlyList<PostListItem> Items, string? ContinueAfter);

public sealed record LogView(string? Subject, IReadOnlyList<DecisionEvent> Events, long? Before, long? Older);

/// <summary>
/// What moderators see and do, for the dashboard's pages and the native API alike, read from the database the server was
/// started on: the store for posts and accounts,
/// the decision log (through the one shared <see cref="LiveEnforcement"/>) for everything enforcement, and the latest
/// transparency report bundle for prevalence. Writes go through the enforcement engine, as <c>vigil review</c>'s do.
/// </summary>
internal sealed class ModerationQueries(VigilDatabase database, LiveEnforcement enforcement, ReportBundleView reports, CascadeDetector detector,
    TimeProvider time)
{
    public const int PageSize = 50;

    /// <summary>
    /// How many posts one list request looks at, matching or not: a filter that matches rarely returns a short (even
    /// empty) page and a cursor to go on from, instead of reading the whole store in one request.
    /// </summary>
    public const int MaxPostsScanned = 10_000;

    /// <summary>Cluster names in decisions and pages are <c>cluster-N</c>, N the analysis run's cluster id.</summary>
    public const string ClusterPrefix = "cluster-";

    public async Task<OverviewView> OverviewAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var summary = await enforcement.ReadAsync(state => EnforcementSummary.From(state, now, queueTop: 0), ct);
        return new OverviewView(Headlines.Enforcement(summary), reports.Current());
    }

    public async Task<QueueView> QueueAsync(int skip, CancellationToken ct)
    {
        var (pending, page) = await enforcement.ReadAsync(state =>
        {
            var queue = state.Queue();
            var entries = new List<(ReviewItem, string, string)>();
            foreach (var item in queue.Skip(skip).Take(PageSize))
            {
                var origin = state.Decision(item.DecisionId);
                entries.Add((item, origin?.ModelVersion ?? "", origin?.PolicyVersion ?? ""));
            }
            return (queue.Count, entries);
        }, ct);
        var store = await database.StoreAsync(ct);
        var entries = new List<QueueEntry>(page.Count);
        foreach (var (item, model, policy) in page)
        {
            var post = await PostOfAsync(store, item.Subject, ct);
            entries.Add(new QueueEntry(skip + entries.Count + 1, item, model, policy, post,
                LoggedEvidence.Segments(post?.Text ?? "", LoggedEvidence.Parse(item.Payload.Evidence))));
        }
        return new QueueView(pending, skip, entries);
    }

    public async Task<PostView> PostAsync(string id, CancellationToken ct)
    {
        var subject = DecisionSubject.Post(id);
        var (inEffect, decisions, reviews) = await enforcement.ReadAsync(state => (state.ContentActionsFor(subject),
            state.DecisionsFor(subject).ToList(), state.Reviews.Where(r => r.Subject == subject).OrderBy(r => r.At).ToList()), ct);
        var post = await (await database.StoreAsync(ct)).FindPostAsync(id, ct);
        // The evidence of the latest decision that kept any: the spans the current verdict rests on.
        var evidence = decisions.LastOrDefault(d => d.Payload.Evidence is { Length: > 0 })?.Payload.Evidence;
        return new PostView(id, post, LoggedEvidence.Segments(post?.Text ?? "", LoggedEvidence.Parse(evidence)), inEffect, decisions, reviews);
    }

    public async Task<AccountView> AccountAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var subject = DecisionSubject.Account(id);
        var view = await enforcement.ReadAsync(state => new AccountView(id, null, state.AccountStatusOf(id, now), state.Strikes(id).ToList(),
            state.Restrictions(id).ToList(),
            state.Decisions.Where(d => d.Subject == subject || d.Author == id).OrderByDescending(d => d.At).ToList()), ct);
        var store = await database.StoreAsync(ct);
        var analysis = await store.FindAccountAnalysisAsync(id, ct);
        return view with
        {
            Account = await store.FindAccountAsync(id, ct),
            Bot = analysis is { BotScore: { } score }
                ? new BotAnalysisView(score.PBot, score.IsBot, TopFeatures(score), analysis.ClusterId is { } c ? ClusterPrefix + c : null,
                    analysis.Run.BotModelVersion, analysis.Run.Id)
                : null,
        };
    }

    /// <summary>A bot score's explanation, one reason an item, strongest first, in the bot model's own words.</summary>
    private static IReadOnlyList<string> TopFeatures(StoredBotScore score) => BotReason.Of(score).Select(r => r.ToString()).ToList();

    /// <summary>A cluster as the latest analysis run stored it (members, co-action kinds, strength) and the decisions naming it.</summary>
    public async Task<ClusterView> ClusterAsync(string id, CancellationToken ct)
    {
        var decisions = await enforcement.ReadAsync(state =>
            state.Decisions.Where(d => d.Payload.Cluster == id).OrderBy(d => d.Subject.ToString(), StringComparer.Ordinal).ToList(), ct);
        var stored = id.StartsWith(ClusterPrefix, StringComparison.Ordinal) &&
                     int.TryParse(id.AsSpan(ClusterPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await (await database.StoreAsync(ct)).FindClusterAsync(number, ct)
            : null;
        return new ClusterView(id, stored, decisions);
    }

    /// <summary>
    /// Stored posts after <paramref name="after"/> in id order that pass <paramref name="filter"/>, at most
    /// <paramref name="limit"/>, looking at no more than <see cref="MaxPostsScanned"/> posts. The verdict is the
    /// assessment under the detector version of the latest analysis run (both stages, by default), or under the
    /// serving detector's before any run.
    /// </summary>
    public async Task<PostListView> PostsAsync(PostFilter filter, string? after, int limit, CancellationToken ct)
    {
        var store = await database.StoreAsync(ct);
        var modelVersion = (await store.LatestAnalysisAsync(ct))?.DetectorVersion ?? detector.ModelVersion;
        var items = new List<PostListItem>(limit);
        string? last = null;
        var scanned = 0;
        var more = false;
        await foreach (var post in store.ReadPostsAfterAsync(after, ct))
        {
            if (items.Count == limit || scanned == MaxPostsScanned)
            {
                more = true;
                break;
            }
            scanned++;
            last = post.Id;
            if (filter.AuthorId is { } author && post.AuthorId != author) continue;
            if (post.CreatedAt < filter.Since || post.CreatedAt >= filter.Until) continue;
            var assessment = await store.FindAssessmentAsync(post.Id, modelVersion, ct);
            var verdict = assessment switch
            {
                null => PostVerdict.Unassessed,
                { Antisemitic: true } => PostVerdict.Antisemitic,
                { Hateful: true } => PostVerdict.Hateful,
                _ => PostVerdict.Neither,
            };
            if (filter.Verdict is { } wanted && verdict != wanted) continue;
            items.Add(new PostListItem(post, verdict, assessment));
        }
        return new PostListView(items, more ? last : null);
    }

    /// <summary>The log newest first, a page at a time (<paramref name="before"/>: a sequence number), optionally one subject's.</summary>
    public Task<LogView> LogAsync(string? subject, long? before, CancellationToken ct) =>
        enforcement.ReadLogAsync(async log =>
        {
            var events = new List<DecisionEvent>();
            await foreach (var e in log.ReadAllAsync(ct))
                if ((before is null || e.Sequence < before) && (subject is null || e.Subject == subject)) events.Add(e);
            var page = events.TakeLast(PageSize).Reverse().ToList();
            return new LogView(subject, page, before, events.Count > PageSize ? page[^1].Sequence : null);
        }, ct);

    public Task<IReadOnlyList<DecisionEvent>> DecideAsync(string requestId, HumanReviewer reviewer, bool approve, string note,
        ConsensusClass? label, CancellationToken ct) =>
        enforcement.WriteAsync(async (engine, log) =>
        {
            var events = new List<DecisionEvent>(await engine.DecideReviewAsync(requestId, reviewer, approve, note, ct: ct));
            // As 'vigil review decide --class': the decision and the label are two appends.
            if (label is { } c && engine.State.Review(requestId)?.Subject is { IsPost: true } subject)
                events.Add(await LabelAsync(engine, log, subject.Id, reviewer, c, note, ct));
            return events;
        }, ct);

    public Task<IReadOnlyList<DecisionEvent>> EscalateAsync(string requestId, HumanReviewer reviewer, string note, CancellationToken ct) =>
        enforcement.WriteAsync(async (engine, _) => [await engine.EscalateAsync(requestId, reviewer, note, ct)], ct);

    /// <summary>Files the one appeal a decision allows, within the policy's appeal window.</summary>
    public Task<IReadOnlyList<DecisionEvent>> FileAppealAsync(string decisionId, string appellantId, string reason, CancellationToken ct) =>
        enforcement.WriteAsync(async (engine, _) => [await engine.FileAppealAsync(decisionId, appellantId, reason, ct)], ct);

    /// <summary>Upholds or overturns an appeal; an overturn reverses the decision and what it brought (strikes, restrictions).</summary>
    public Task<IReadOnlyList<DecisionEvent>> ResolveAppealAsync(string decisionId, HumanReviewer reviewer, bool overturn, string note,
        CancellationToken ct) =>
        enforcement.WriteAsync((engine, _) => engine.ResolveAppealAsync(decisionId, reviewer, overturn, note, ct), ct);

    public Task<IReadOnlyList<DecisionEvent>> LabelAsync(string postId, HumanReviewer reviewer, ConsensusClass label, string note,
        CancellationToken ct) =>
        enforcement.WriteAsync(async (engine, log) => [await LabelAsync(engine, log, postId, reviewer, label, note, ct)], ct);

    private async Task<DecisionEvent> LabelAsync(EnforcementEngine engine, IDecisionLog log, string postId, HumanReviewer reviewer,
        ConsensusClass label, string note, CancellationToken ct)
    {
        var e = await new LabelQueue(log, time).LabelAsync(postId, reviewer, label, note, ct);
        engine.State.Apply(e);
        return e;
    }

    private static async Task<Post?> PostOfAsync(IVigilStore store, DecisionSubject subject, CancellationToken ct) =>
        subject.IsPost ? await store.FindPostAsync(subject.Id, ct) : null;
}
