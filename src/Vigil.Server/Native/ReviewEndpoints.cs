using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Server.Access;
using Vigil.Server.Moderation;

namespace Vigil.Server.Native;

/// <summary>
/// Moderation through the native API, on the same queries as the dashboard (<see cref="ModerationQueries"/>, one shared
/// <see cref="LiveEnforcement"/>): the review queue (escalated first, then by expected harm), a decision or escalation on
/// a request, the stored posts (filtered, a page at a time), a post, an account (standing, strikes, restrictions, the
/// latest analysis run's bot score and its reasons), a cluster, labels,
/// appeals, and the latest transparency report's figures. Every write is an event in the decision log whose actor is the key's reviewer id.
/// </summary>
internal static class ReviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var moderation = api.MapGroup("").WithTags("Moderation");
        moderation.MapGet("/queue", Queue).RequireAuthorization(Permissions.View).WithName("ReviewQueue")
            .WithSummary("Pending review requests, escalated first, then most expected harm first; cursor = the position to go on from.");
        moderation.MapPost("/queue/{id}/decision", Decide).RequireAuthorization(Permissions.Decide).WithName("DecideReview")
            .WithSummary("Approve or reject a review request (optionally with a consensus-class label on its post).");
        moderation.MapPost("/queue/{id}/escalation", Escalate).RequireAuthorization(Permissions.Escalate).WithName("EscalateReview")
            .WithSummary("Send a review request up for a moderator's decision.");
        moderation.MapGet("/posts", Posts).RequireAuthorization(Permissions.View).WithName("Posts")
            .WithSummary("Stored posts in id order with the detector's verdict, filtered by account, creation time (since inclusive, until " +
                         "exclusive) and verdict (antisemitic, hateful, neither, unassessed); a page looks at no more than 10,000 posts, " +
                         "so a rare filter may return a short page with a cursor to go on from.");
        moderation.MapGet("/posts/{id}", Post).RequireAuthorization(Permissions.View).WithName("Post")
            .WithSummary("A post: its text with evidence spans, the actions in effect, its decisions and review requests.");
        moderation.MapGet("/accounts/{id}", Account).RequireAuthorization(Permissions.View).WithName("Account")
            .WithSummary("An account: standing, strikes, restrictions, decisions, and the latest analysis run's bot score, the features " +
                         "that moved it in words, and its cluster.");
        moderation.MapGet("/clusters/{id}", Cluster).RequireAuthorization(Permissions.View).WithName("Cluster")
            .WithSummary("A coordinated cluster (cluster-N): its members, co-action kinds and strength as the latest analysis run stored " +
                         "them, and the decisions on its member accounts.");
        moderation.MapPost("/labels", Label).RequireAuthorization(Permissions.Decide).WithName("LabelPost")
            .WithSummary("A reviewer's consensus-class label on a post (read by measurement and calibration).");
        moderation.MapPost("/decisions/{id}/appeal", FileAppeal).RequireAuthorization(Permissions.Escalate).WithName("FileAppeal")
            .WithSummary("File the one appeal a decision allows, within the policy's appeal window.");
        moderation.MapPost("/decisions/{id}/appeal/resolution", ResolveAppeal).RequireAuthorization(Permissions.Decide)
            .WithName("ResolveAppeal").WithSummary("Uphold or overturn an appeal; an overturn reverses the decision and its strike.");
        moderation.MapGet("/report", Report).RequireAuthorization(Permissions.View).WithName("TransparencyReport")
            .WithSummary("The latest transparency report's figures (report.json of the bundle the server was started with).");
    }

    internal sealed record SegmentView(string Text, string? Feature);

    internal sealed record ReviewView(string Id, string DecisionId, string Subject, string? Rule, string Proposed, double Score,
        long Reach, int Severity, double ExpectedHarm, DateTimeOffset At, string Status, string? Reviewer, string? EscalatedBy);

    internal sealed record QueueItemView(int Rank, ReviewView Request, string ModelVersion, string PolicyVersion, string? Text,
        IReadOnlyList<SegmentView> Segments);

    internal sealed record DecisionView(string Id, string Kind, string Subject, string Actor, string? Author, string? Rule,
        string Actions, string AccountAction, DateTimeOffset At, bool Reversed, string Appeal, string? Consensus, string? Code,
        double? Score, double? BotScore, string? Cluster, string PolicyVersion, string ModelVersion);

    internal sealed record PostDetail(string Id, string? AuthorId, DateTimeOffset? CreatedAt, string? Text, IReadOnlyList<SegmentView> Segments,
        string InEffect, IReadOnlyList<DecisionView> Decisions, IReadOnlyList<ReviewView> Reviews);

    internal sealed record StrikeView(string Id, string DecisionId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Reversed);

    internal sealed record RestrictionView(string Id, string Action, DateTimeOffset From, DateTimeOffset? Until, bool Reversed);

    internal sealed record PostSummary(string Id, string AuthorId, DateTimeOffset CreatedAt, string Text, string Verdict, double? PAntisemitic,
        double? PHateful, string? Code, string? Consensus);

    /// <summary>The bot analysis of an account: null in <see cref="AccountDetail"/> when no analysis run scored it.</summary>
    internal sealed record BotDetail(double Score, bool IsBot, IReadOnlyList<string> TopFeatures, string? Cluster, string BotModelVersion,
        string AnalysisId);

    internal sealed record AccountDetail(string Id, string? Handle, string Standing, DateTimeOffset? Until, bool LabelledAutomated,
        int ActiveStrikes, int TotalStrikes, BotDetail? Bot, IReadOnlyList<StrikeView> Strikes,
        IReadOnlyList<RestrictionView> Restrictions, IReadOnlyList<DecisionView> Decisions);

    internal sealed record CoActionView(string Kind, long Weight, int Pairs);

    internal sealed record ClusterDetail(string Id, IReadOnlyList<string> Members, IReadOnlyList<CoActionView> Kinds, double? Density,
        double? MeanWeight, IReadOnlyList<DecisionView> MemberDecisions);

    internal sealed record DecideRequest(bool Approve, string? Note, string? Label);

    internal sealed record NoteRequest(string? Note);

    internal sealed record LabelRequest(string? PostId, string? Label, string? Note);

    internal sealed record AppealRequest(string? Appellant, string? Reason);

    internal sealed record ResolutionRequest(bool Overturn, string? Note);

    internal sealed record Appended(IReadOnlyList<long> Sequences, IReadOnlyList<string> EventIds);

    private static async Task<Results<Ok<Page<QueueItemView>>, ProblemHttpResult>> Queue(ModerationQueries queries, string? cursor,
        CancellationToken ct)
    {
        if (!Paging.TrySequence(cursor, out var skip, out var problem)) return problem!;
        var view = await queries.QueueAsync((int)Math.Min(skip, int.MaxValue), ct);
        var items = view.Entries.Select(e => new QueueItemView(e.Rank, Review(e.Request), e.ModelVersion, e.PolicyVersion, e.Post?.Text,
            Segments(e.Text))).ToList();
        var next = skip + items.Count < view.Pending ? (skip + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<QueueItemView>(items, next));
    }

    private static Task<Results<Ok<Appended>, ProblemHttpResult>> Decide(string id, DecideRequest request, ModerationQueries queries,
        HttpContext context, CancellationToken ct)
    {
        ConsensusClass? label = null;
        if (request.Label is { } text)
        {
            if (!Kebab.TryParse<ConsensusClass>(text, out var parsed)) return Task.FromResult(InvalidClass(text));
            label = parsed;
        }
        return WriteAsync(() => queries.DecideAsync(id, Reviewers.Of(context.User), request.Approve, request.Note ?? "", label, ct));
    }

    private static Task<Results<Ok<Appended>, ProblemHttpResult>> Escalate(string id, NoteRequest? request, ModerationQueries queries,
        HttpContext context, CancellationToken ct) =>
        WriteAsync(() => queries.EscalateAsync(id, Reviewers.Of(context.User), request?.Note ?? "", ct));

    private static Task<Results<Ok<Appended>, ProblemHttpResult>> Label(LabelRequest request, ModerationQueries queries, HttpContext context,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.PostId)) return Task.FromResult<Results<Ok<Appended>, ProblemHttpResult>>(Paging.Invalid("postId is required."));
        if (!Kebab.TryParse<ConsensusClass>(request.Label ?? "", out var label)) return Task.FromResult(InvalidClass(request.Label ?? ""));
        return WriteAsync(() => queries.LabelAsync(request.PostId, Reviewers.Of(context.User), label, request.Note ?? "", ct));
    }

    private static Task<Results<Ok<Appended>, ProblemHttpResult>> FileAppeal(string id, AppealRequest request, ModerationQueries queries,
        CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.Appellant)
            ? Task.FromResult<Results<Ok<Appended>, ProblemHttpResult>>(Paging.Invalid("appellant (the account appealing) is required."))
            : WriteAsync(() => queries.FileAppealAsync(id, request.Appellant, request.Reason ?? "", ct));

    private static Task<Results<Ok<Appended>, ProblemHttpResult>> ResolveAppeal(string id, ResolutionRequest request, ModerationQueries queries,
        HttpContext context, CancellationToken ct) =>
        WriteAsync(() => queries.ResolveAppealAsync(id, Reviewers.Of(context.User), request.Overturn, request.Note ?? "", ct));

    private static async Task<Results<Ok<PostDetail>, ProblemHttpResult>> Post(string id, ModerationQueries queries, CancellationToken ct)
    {
        var view = await queries.PostAsync(id, ct);
        if (view.Post is null && view.Decisions.Count == 0 && view.Reviews.Count == 0) return Paging.NotFound($"No post '{id}' in the store or the log.");
        return TypedResults.Ok(new PostDetail(id, view.Post?.AuthorId, view.Post?.CreatedAt, view.Post?.Text, Segments(view.Text),
            Ladder.Format(view.InEffect), view.Decisions.Select(Decision).ToList(), view.Reviews.Select(Review).ToList()));
    }

    private static async Task<Results<Ok<Page<PostSummary>>, ProblemHttpResult>> Posts(ModerationQueries queries, string? cursor, int? limit,
        string? account, DateTimeOffset? since, DateTimeOffset? until, string? verdict, CancellationToken ct)
    {
        if (!Paging.TryLimit(limit, out var size, out var problem)) return problem!;
        PostVerdict? wanted = null;
        if (verdict is not null)
        {
            if (!Kebab.TryParse<PostVerdict>(verdict, out var parsed))
                return Paging.Invalid($"verdict must be one of {string.Join(", ", Enum.GetValues<PostVerdict>().Select(v => Kebab.From(v)))}.");
            wanted = parsed;
        }
        var view = await queries.PostsAsync(new PostFilter(account, since, until, wanted), string.IsNullOrEmpty(cursor) ? null : cursor, size, ct);
        var items = view.Items.Select(i => new PostSummary(i.Post.Id, i.Post.AuthorId, i.Post.CreatedAt, i.Post.Text, Kebab.From(i.Verdict),
            i.Assessment?.PAntisemitic, i.Assessment?.PHateful, i.Assessment is { } a ? Kebab.From(a.Label.Code) : null,
            i.Assessment is { } b ? Kebab.From(b.Label.Consensus) : null)).ToList();
        return TypedResults.Ok(new Page<PostSummary>(items, view.ContinueAfter));
    }

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> Account(string id, ModerationQueries queries, CancellationToken ct)
    {
        var view = await queries.AccountAsync(id, ct);
        if (view.Account is null && view.Bot is null && view.Decisions.Count == 0 && view.Strikes.Count == 0)
            return Paging.NotFound($"No account '{id}' in the store, the analysis or the log.");
        var bot = view.Bot is { } b ? new BotDetail(b.Score, b.IsBot, b.TopFeatures, b.Cluster, b.BotModelVersion, b.AnalysisId) : null;
        return TypedResults.Ok(new AccountDetail(id, view.Account?.Handle, Kebab.From(view.Status.Standing), view.Status.Until,
            view.Status.LabelledAutomated, view.Status.ActiveStrikes, view.Status.TotalStrikes, bot,
            view.Strikes.Select(s => new StrikeView(s.Id, s.DecisionId, s.IssuedAt, s.ExpiresAt, s.Reversed)).ToList(),
            view.Restrictions.Select(r => new RestrictionView(r.Id, Kebab.From(r.Action), r.From, r.Until, r.Reversed)).ToList(),
            view.Decisions.Select(Decision).ToList()));
    }

    private static async Task<Results<Ok<ClusterDetail>, ProblemHttpResult>> Cluster(string id, ModerationQueries queries, CancellationToken ct)
    {
        var view = await queries.ClusterAsync(id, ct);
        return view.Stored is null && view.MemberDecisions.Count == 0
            ? Paging.NotFound($"No cluster '{id}' in the latest analysis run, and no decision names it.")
            : TypedResults.Ok(new ClusterDetail(id, view.Stored?.MemberIds ?? [],
                view.Stored?.Kinds.Select(k => new CoActionView(k.Kind, k.Weight, k.Pairs)).ToList() ?? [], view.Stored?.Density,
                view.Stored?.MeanWeight, view.MemberDecisions.Select(Decision).ToList()));
    }

    private static IResult Report(ReportBundleView reports)
    {
        var path = Path.GetFullPath(Path.Combine(reports.Directory, Vigil.Reporting.Transparency.ReportJson.FileName));
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, "application/json")
            : Paging.NotFound($"No transparency report in {reports.Directory} yet: write one with 'vigil report --out' (or 'vigil demo').");
    }

    /// <summary>A write the engine refuses (unknown request, already decided, appeal window closed) is a 409 naming why.</summary>
    private static async Task<Results<Ok<Appended>, ProblemHttpResult>> WriteAsync(Func<Task<IReadOnlyList<DecisionEvent>>> write)
    {
        try
        {
            var events = await write();
            return TypedResults.Ok(new Appended(events.Select(e => e.Sequence).ToList(), events.Select(e => e.Id).ToList()));
        }
        catch (EnforcementException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Refused by the enforcement engine");
        }
    }

    private static Results<Ok<Appended>, ProblemHttpResult> InvalidClass(string text) =>
        Paging.Invalid($"'{text}' is not a consensus class; one of {string.Join(", ", Enum.GetValues<ConsensusClass>().Select(c => Kebab.From(c)))}.");

    private static IReadOnlyList<SegmentView> Segments(IReadOnlyList<TextSegment> segments) =>
        segments.Select(s => new SegmentView(s.Text, s.Feature)).ToList();

    private static ReviewView Review(ReviewItem r) => new(r.Id, r.DecisionId, r.Subject.ToString(), r.Rule, Ladder.Format(r.Proposed), r.Score,
        r.Reach, r.Severity, r.ExpectedHarm, r.At, Kebab.From(r.Status), r.Reviewer, r.EscalatedBy);

    private static DecisionView Decision(DecisionStatus d) => new(d.Id, Kebab.From(d.Kind), d.Subject.ToString(), d.Actor, d.Author, d.Rule,
        Ladder.Format(d.Actions), Kebab.From(d.AccountAction), d.At, d.Reversed, Kebab.From(d.Appeal), d.Payload.Consensus, d.Payload.Code,
        d.Payload.Score, d.Payload.BotScore, d.Payload.Cluster, d.PolicyVersion, d.ModelVersion);
}
