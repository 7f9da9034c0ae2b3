using Vigil.DecisionLog;
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

public sealed record AccountView(string Id, Account? Account, AccountStatus Status, IReadOnlyList<StrikeRecord> Strikes,
    IReadOnlyList<AccountRestriction> Restrictions, IReadOnlyList<DecisionStatus> Decisions);

public sealed record ClusterView(string Id, IReadOnlyList<DecisionStatus> MemberDecisions);

public sealed record LogView(string? Subject, IReadOnlyList<DecisionEvent> Events, long? Before, long? Older);

/// <summary>
/// What moderators see and do, for the dashboard's pages and the native API alike, read from the database the server was
/// started on: the store for posts and accounts,
/// the decision log (through the one shared <see cref="LiveEnforcement"/>) for everything enforcement, and the latest
/// transparency report bundle for prevalence. Writes go through the enforcement engine, as <c>vigil review</c>'s do.
/// </summary>
internal sealed class ModerationQueries(VigilDatabase database, LiveEnforcement enforcement, ReportBundleView reports, TimeProvider time)
{
    public const int PageSize = 50;

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
                var origin = state.Decision(item.DecisionId)?.Event;
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
        return view with { Account = await (await database.StoreAsync(ct)).FindAccountAsync(id, ct) };
    }

    /// <summary>A cluster as enforcement knows it: the accounts decided on as its members, with their bot scores then.</summary>
    public Task<ClusterView> ClusterAsync(string id, CancellationToken ct) =>
        enforcement.ReadAsync(state => new ClusterView(id,
            state.Decisions.Where(d => d.Payload.Cluster == id).OrderBy(d => d.Subject.ToString(), StringComparer.Ordinal).ToList()), ct);

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
