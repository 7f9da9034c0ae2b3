using System.Runtime.InteropServices;
using Vigil.DecisionLog;
using Vigil.Policy;

namespace Vigil.Enforcement;

public enum AppealStatus
{
    None,
    Pending,
    Upheld,
    Overturned,
}

public enum ReviewStatus
{
    Pending,
    Approved,
    Rejected,
    /// <summary>The decision that asked for it was superseded before a reviewer got to it.</summary>
    Withdrawn,
}

/// <summary>A decision in effect or once in effect: an engine decision or a reviewer's approval.</summary>
public sealed class DecisionStatus
{
    public required string Id { get; init; }
    public required DecisionEventType Kind { get; init; }
    public required DecisionSubject Subject { get; init; }
    public required string Actor { get; init; }
    public string? Author { get; init; }
    public string? Rule { get; init; }
    public ContentActions Actions { get; init; }
    public AccountAction AccountAction { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The versions the decision cites (its event's). The event itself stays in the log: held here, its payload
    /// text and hashes were most of the state's memory (385,000 decisions at 10M posts).</summary>
    public required string PolicyVersion { get; init; }
    public required string ModelVersion { get; init; }
    public required string TaxonomyVersion { get; init; }
    public required EventPayload Payload { get; init; }
    public bool Reversed { get; internal set; }
    public AppealStatus Appeal { get; internal set; }
}

/// <summary>A proposal only a human may put into effect, ordered in the queue by expected harm.</summary>
public sealed class ReviewItem
{
    public required string Id { get; init; }
    public required string DecisionId { get; init; }
    public required DecisionSubject Subject { get; init; }
    public string? Author { get; init; }
    public string? Rule { get; init; }
    public ContentActions Proposed { get; init; }
    public double Score { get; init; }
    public long Reach { get; init; }
    public int Severity { get; init; }
    public DateTimeOffset At { get; init; }
    public required EventPayload Payload { get; init; }
    public ReviewStatus Status { get; internal set; }
    public string? Reviewer { get; internal set; }
    /// <summary>The triage reviewer who escalated it, if one did.</summary>
    public string? EscalatedBy { get; internal set; }

    /// <summary>Probability × reach × severity; reach counts one extra view so unseen posts still rank by p × severity.</summary>
    public double ExpectedHarm => Score * (Reach + 1) * Math.Max(Severity, 1);
}

public sealed class StrikeRecord
{
    public required string Id { get; init; }
    public required string Account { get; init; }
    public required string DecisionId { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public bool Reversed { get; internal set; }

    internal bool IsActive(DateTimeOffset now) => !Reversed && IssuedAt <= now && now < ExpiresAt;
}

public sealed class AccountRestriction
{
    public required string Id { get; init; }
    public required string Account { get; init; }
    public AccountAction Action { get; init; }
    public DateTimeOffset From { get; init; }
    /// <summary>Null: until reversed.</summary>
    public DateTimeOffset? Until { get; init; }
    public string? StrikeId { get; init; }
    public bool Reversed { get; internal set; }

    internal bool IsActive(DateTimeOffset now) => !Reversed && From <= now && (Until is null || now < Until);
}

public sealed record AccountStatus(AuthorStanding Standing, DateTimeOffset? Until, bool LabelledAutomated, int ActiveStrikes, int TotalStrikes);

public sealed record RuleAppealStats(string Rule, int Decisions, int Appealed, int Upheld, int Overturned, int Pending)
{
    /// <summary>Overturned share of resolved appeals; null when none resolved.</summary>
    public double? OverturnRate => Upheld + Overturned == 0 ? null : (double)Overturned / (Upheld + Overturned);
}

/// <summary>
/// The current state of enforcement, derived only by replaying the decision log (nothing is updated in place). It is
/// also the last line of the human-in-the-loop guarantee: a removal or geo-restriction found in an event that is not
/// a human reviewer's approval is not applied, and is listed in <see cref="Violations"/>.
/// </summary>
public sealed class EnforcementState
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecisionStatus> _decisions = new(StringComparer.Ordinal);
    // Posts and accounts apart, keyed by the id alone: ordinal string keys hash fast (with the runtime's fallback to
    // randomised hashing under collisions), where a struct key hashes its string the slow, randomised way on every
    // lookup, and the policy looks up every post it weighs.
    private readonly Dictionary<string, List<DecisionStatus>> _byPost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DecisionStatus>> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReviewItem> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StrikeRecord>> _strikes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StrikeRecord> _strikesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AccountRestriction>> _restrictions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountRestriction> _restrictionsById = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, DateTimeOffset> _reversedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);

    internal static EnforcementState Replay(IEnumerable<DecisionEvent> events)
    {
        var state = new EnforcementState();
        foreach (var e in events) state.Apply(e);
        return state;
    }

    /// <summary>The state after every event of a log read as it streams (<see cref="IDecisionLog.ReadAllAsync"/>).</summary>
    public static async Task<EnforcementState> ReplayAsync(IAsyncEnumerable<DecisionEvent> events, CancellationToken ct = default)
    {
        var state = new EnforcementState();
        await foreach (var e in events.WithCancellation(ct)) state.Apply(e);
        return state;
    }

    internal int EventCount => _ids.Count;
    /// <summary>The highest log sequence applied: where to resume reading the log (<see cref="EnforcementEngine.CatchUpAsync"/>).</summary>
    internal long LastSequence { get; private set; }
    public IReadOnlyCollection<DecisionStatus> Decisions => _decisions.Values;
    internal IReadOnlyList<string> Violations => _violations;
    internal IEnumerable<StrikeRecord> AllStrikes => _strikesById.Values;
    internal IEnumerable<AccountRestriction> AllRestrictions => _restrictionsById.Values;
    public IEnumerable<ReviewItem> Reviews => _reviews.Values;

    public bool Contains(string eventId) => _ids.Contains(eventId);

    /// <summary>When the event with this id was reversed, or null if it stands.</summary>
    internal DateTimeOffset? ReversalAt(string id) => _reversedAt.TryGetValue(id, out var at) ? at : null;

    public DecisionStatus? Decision(string id) => _decisions.GetValueOrDefault(id);

    public ReviewItem? Review(string id) => _reviews.GetValueOrDefault(id);

    /// <summary>The content actions in effect on a subject: the union over its decisions that were not reversed.</summary>
    public ContentActions ContentActionsFor(DecisionSubject subject)
    {
        var actions = ContentActions.None;
        if (!BySubject(subject.Kind).TryGetValue(subject.Id, out var list)) return actions;
        foreach (var decision in list)
            if (!decision.Reversed) actions |= decision.Actions;
        return actions;
    }

    public IReadOnlyList<DecisionStatus> DecisionsFor(DecisionSubject subject) =>
        BySubject(subject.Kind).TryGetValue(subject.Id, out var list) ? list : [];

    private Dictionary<string, List<DecisionStatus>> BySubject(SubjectKind kind) => kind == SubjectKind.Post ? _byPost : _byAccount;

    public IReadOnlyList<StrikeRecord> Strikes(string accountId) =>
        _strikes.TryGetValue(accountId, out var list) ? list : [];

    internal int ActiveStrikes(string accountId, DateTimeOffset now) => CountActive(Strikes(accountId), now);

    private static int CountActive(IReadOnlyList<StrikeRecord> strikes, DateTimeOffset now)
    {
        var count = 0;
        foreach (var strike in strikes)
            if (strike.IsActive(now)) count++;
        return count;
    }

    public IReadOnlyList<AccountRestriction> Restrictions(string accountId) =>
        _restrictions.TryGetValue(accountId, out var list) ? list : [];

    public AccountStatus AccountStatusOf(string accountId, DateTimeOffset now)
    {
        var standing = AuthorStanding.Good;
        DateTimeOffset? until = null;
        foreach (var restriction in Restrictions(accountId))
        {
            if (!restriction.IsActive(now)) continue;
            var rank = restriction.Action == AccountAction.Suspend ? AuthorStanding.Suspended : AuthorStanding.ReadOnly;
            if (rank > standing || (rank == standing && Later(restriction.Until, until)))
            {
                standing = rank;
                until = restriction.Until;
            }
        }
        var automated = false;
        foreach (var decision in DecisionsFor(DecisionSubject.Account(accountId)))
            automated |= !decision.Reversed && decision.AccountAction == AccountAction.LabelAutomated;
        var strikes = Strikes(accountId);
        return new AccountStatus(standing, until, automated, CountActive(strikes, now), strikes.Count);
    }

    /// <summary>
    /// Pending review requests: those a triage reviewer escalated first, then most expected harm first (ties: oldest
    /// first).
    /// </summary>
    public IReadOnlyList<ReviewItem> Queue()
    {
        var pending = new List<ReviewItem>();
        foreach (var item in _reviews.Values)
            if (item.Status == ReviewStatus.Pending) pending.Add(item);
        pending.Sort((a, b) => (a.EscalatedBy is null) != (b.EscalatedBy is null) ? (a.EscalatedBy is null ? 1 : -1)
            : b.ExpectedHarm != a.ExpectedHarm
            ? b.ExpectedHarm.CompareTo(a.ExpectedHarm)
            : a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id));
        return pending;
    }

    public IReadOnlyList<RuleAppealStats> AppealStatsByRule()
    {
        var byRule = new SortedDictionary<string, (int Decisions, int Appealed, int Upheld, int Overturned, int Pending)>(StringComparer.Ordinal);
        foreach (var decision in _decisions.Values)
        {
            var rule = decision.Rule ?? "(none)";
            var s = byRule.GetValueOrDefault(rule);
            s.Decisions++;
            if (decision.Appeal != AppealStatus.None) s.Appealed++;
            if (decision.Appeal == AppealStatus.Upheld) s.Upheld++;
            if (decision.Appeal == AppealStatus.Overturned) s.Overturned++;
            if (decision.Appeal == AppealStatus.Pending) s.Pending++;
            byRule[rule] = s;
        }
        var result = new List<RuleAppealStats>(byRule.Count);
        foreach (var (rule, s) in byRule) result.Add(new RuleAppealStats(rule, s.Decisions, s.Appealed, s.Upheld, s.Overturned, s.Pending));
        return result;
    }

    /// <summary>Folds one event into the state. Events are applied in log order; ids are unique.</summary>
    public void Apply(DecisionEvent e) => Apply(e, null);

    /// <summary>As <see cref="Apply(DecisionEvent)"/>, with the payload the writer already holds, sparing a JSON parse.</summary>
    internal void Apply(DecisionEvent e, EventPayload? parsed)
    {
        // Events not yet appended have no sequence; the copy read back from the log later moves this on.
        if (e.Sequence > LastSequence) LastSequence = e.Sequence;
        if (!_ids.Add(e.Id)) return;
        var payload = parsed ?? EventPayload.Parse(e.Payload);
        switch (e.Type)
        {
            case DecisionEventType.Decision:
                ApplyDecision(e, payload);
                break;
            case DecisionEventType.ReviewRequested:
                if (!SubjectOf(e, out var reviewed)) break;
                _reviews[e.Id] = new ReviewItem
                {
                    Id = e.Id, DecisionId = payload.Ref ?? "", Subject = reviewed, Author = payload.Author,
                    Rule = payload.Rule, Proposed = Ladder.Parse(payload.Proposed), Score = payload.Score ?? 0,
                    Reach = payload.Reach ?? 0, Severity = payload.Severity ?? 0, At = e.At, Payload = payload,
                };
                break;
            case DecisionEventType.ReviewDecided:
                ApplyReview(e, payload);
                break;
            case DecisionEventType.Strike:
            {
                if (!SubjectOf(e, out var struck)) break;
                var account = payload.Author ?? struck.Id;
                var strike = new StrikeRecord
                {
                    Id = e.Id, Account = account, DecisionId = payload.Ref ?? "", IssuedAt = e.At,
                    ExpiresAt = payload.Until ?? DateTimeOffset.MaxValue,
                };
                _strikesById[e.Id] = strike;
                ListFor(_strikes, account).Add(strike);
                break;
            }
            case DecisionEventType.AccountAction:
            {
                if (!SubjectOf(e, out var restricted)) break;
                var account = payload.Author ?? restricted.Id;
                var restriction = new AccountRestriction
                {
                    Id = e.Id, Account = account, From = e.At, Until = payload.Until, StrikeId = payload.Ref,
                    Action = payload.AccountAction == "suspend" ? AccountAction.Suspend : AccountAction.ReadOnly,
                };
                _restrictionsById[e.Id] = restriction;
                ListFor(_restrictions, account).Add(restriction);
                break;
            }
            case DecisionEventType.AppealFiled:
                if (payload.Ref is { } filed && _decisions.TryGetValue(filed, out var appealed)) appealed.Appeal = AppealStatus.Pending;
                break;
            case DecisionEventType.AppealResolved:
                if (payload.Ref is { } resolved && _decisions.TryGetValue(resolved, out var decided))
                    decided.Appeal = payload.Outcome == "overturned" ? AppealStatus.Overturned : AppealStatus.Upheld;
                break;
            case DecisionEventType.Escalated:
                ApplyEscalation(e, payload);
                break;
            case DecisionEventType.Reversal:
                _reversedAt[payload.Ref ?? ""] = e.At;
                ApplyReversal(payload.Ref ?? "");
                break;
        }
    }

    private void ApplyDecision(DecisionEvent e, EventPayload payload)
    {
        var actions = Ladder.Parse(payload.Actions);
        if ((actions & Ladder.HumanOnly) != 0)
        {
            _violations.Add($"event {e.Sequence} ({e.Id}): '{Ladder.Format(actions & Ladder.HumanOnly)}' without a human " +
                            "review decision; not applied.");
            actions &= ~Ladder.HumanOnly;
        }
        AddDecision(e, payload, actions, payload.AccountAction == "label-automated" ? AccountAction.LabelAutomated : AccountAction.None);
    }

    private void ApplyReview(DecisionEvent e, EventPayload payload)
    {
        if (!Actors.IsHuman(e.Actor))
        {
            _violations.Add($"event {e.Sequence} ({e.Id}): review decision by '{e.Actor}', who is not a human reviewer; not applied.");
            return;
        }
        if (payload.Ref is null || !_reviews.TryGetValue(payload.Ref, out var request) || request.Status != ReviewStatus.Pending)
        {
            _violations.Add($"event {e.Sequence} ({e.Id}): review decision for no pending request; not applied.");
            return;
        }
        request.Status = payload.Outcome == "approved" ? ReviewStatus.Approved : ReviewStatus.Rejected;
        request.Reviewer = e.Actor;
        if (request.Status == ReviewStatus.Approved)
            AddDecision(e, payload, Ladder.Parse(payload.Actions) & request.Proposed, AccountAction.None);
    }

    private void ApplyEscalation(DecisionEvent e, EventPayload payload)
    {
        if (!Actors.IsHuman(e.Actor))
        {
            _violations.Add($"event {e.Sequence} ({e.Id}): escalation by '{e.Actor}', who is not a human reviewer; not applied.");
            return;
        }
        if (payload.Ref is { } id && _reviews.TryGetValue(id, out var request) && request.Status == ReviewStatus.Pending)
            request.EscalatedBy ??= e.Actor;
    }

    private void AddDecision(DecisionEvent e, EventPayload payload, ContentActions actions, AccountAction accountAction)
    {
        if (!SubjectOf(e, out var subject)) return;
        var decision = new DecisionStatus
        {
            Id = e.Id, Kind = e.Type, Subject = subject, Actor = e.Actor, Author = payload.Author, Rule = payload.Rule,
            Actions = actions, AccountAction = accountAction, At = e.At, Payload = payload,
            PolicyVersion = Shared(e.PolicyVersion), ModelVersion = Shared(e.ModelVersion), TaxonomyVersion = Shared(e.TaxonomyVersion),
        };
        _decisions[e.Id] = decision;
        ListFor(BySubject(subject.Kind), subject.Id).Add(decision);
    }

    /// <summary>One instance of each version string, however many decisions cite it (each event read from a log has its own).</summary>
    private string Shared(string version)
    {
        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(_versions, version, out var known);
        if (!known) shared = version;
        return shared!;
    }

    /// <summary>The event's subject; a subject that is neither a post nor an account is a violation, and the event is not applied.</summary>
    private bool SubjectOf(DecisionEvent e, out DecisionSubject subject)
    {
        if (DecisionSubject.TryParse(e.Subject, out subject)) return true;
        _violations.Add($"event {e.Sequence} ({e.Id}): subject '{e.Subject}' is neither post:ID nor account:ID; not applied.");
        return false;
    }

    private void ApplyReversal(string id)
    {
        if (_decisions.TryGetValue(id, out var decision)) decision.Reversed = true;
        if (_strikesById.TryGetValue(id, out var strike)) strike.Reversed = true;
        if (_restrictionsById.TryGetValue(id, out var restriction)) restriction.Reversed = true;
        if (_reviews.TryGetValue(id, out var review) && review.Status == ReviewStatus.Pending) review.Status = ReviewStatus.Withdrawn;
    }

    private static List<T> ListFor<TKey, T>(Dictionary<TKey, List<T>> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }

    private static bool Later(DateTimeOffset? candidate, DateTimeOffset? current) =>
        current is not null && (candidate is null || candidate > current);
}
