using Vigil.DecisionLog;
using Vigil.Model;
using Vigil.Policy;

namespace Vigil.Enforcement;

/// <summary>Counts from one <see cref="EnforcementEngine.ApplyAsync"/> run.</summary>
public sealed record EnforcementRun(int Inputs, int Decisions, int ReviewRequests, int Strikes, int AccountActions,
    int AlreadyDecided, int EventsAppended);

/// <summary>
/// Applies a policy to assessed posts and records every effect in the decision log; also the entry point for human
/// review and appeals. State is replayed from the log when the engine is opened (<see cref="OpenAsync"/>) and kept in
/// step with every append, so the engine needs nothing but the log to resume. Time comes from the injected <see cref="TimeProvider"/>.
/// Two engines appending to the same log would each miss the other's state, unless each calls <see cref="CatchUpAsync"/>
/// and appends inside one section no other engine enters meanwhile (the stream workers hold a lock for it).
/// </summary>
public sealed class EnforcementEngine
{
    private readonly IDecisionLog _log;
    private readonly TimeProvider _time;
    private readonly string _actor;

    private EnforcementEngine(EnforcementPolicy policy, IDecisionLog log, TimeProvider time, string engineName, EnforcementState state)
    {
        Policy = policy;
        _log = log;
        _time = time;
        _actor = Actors.EnginePrefix + engineName;
        State = state;
    }

    /// <summary>An engine over <paramref name="log"/>, its state replayed from every event the log holds.</summary>
    public static async Task<EnforcementEngine> OpenAsync(EnforcementPolicy policy, IDecisionLog log, TimeProvider time,
        string engineName = "vigil", CancellationToken ct = default) =>
        new(policy, log, time, engineName, await EnforcementState.ReplayAsync(log.ReadAllAsync(ct), ct));

    internal EnforcementPolicy Policy { get; }
    public EnforcementState State { get; }

    /// <summary>
    /// Evaluates each input and appends the resulting events in batches. Idempotent: a decision's id is subject +
    /// policy version + rule + model version + taxonomy version, so re-running the same inputs appends nothing, and a
    /// new policy version appends new decisions citing it.
    /// </summary>
    public Task<EnforcementRun> ApplyAsync(IEnumerable<PolicyInput> inputs, int batchSize = 10_000, CancellationToken ct = default) =>
        ApplyAsync(inputs.ToAsyncEnumerable(), batchSize, ct);

    /// <summary>The same over a stream of inputs (a store read one at a time), evaluated in order as they come.</summary>
    public async Task<EnforcementRun> ApplyAsync(IAsyncEnumerable<PolicyInput> inputs, int batchSize = 10_000,
        CancellationToken ct = default)
    {
        var pending = new List<DecisionEvent>(Math.Min(batchSize, 65_536));
        int count = 0, decisions = 0, reviews = 0, strikes = 0, accountActions = 0, already = 0, appended = 0;
        // An account decision's id names the account, not the post, so every post of the author matching the same rule
        // finds it: "already decided" counts each decision the log held before this run once, and none this run made.
        var accountDecisionsSeen = new HashSet<string>(StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        Func<PolicyInput, (AuthorStanding, int)> authorRecord = input =>
        {
            if (input is { Standing: { } given, ActiveStrikes: { } strikes }) return (given, strikes);
            var status = State.AccountStatusOf(input.AuthorId, now);
            return (input.Standing ?? status.Standing, input.ActiveStrikes ?? status.ActiveStrikes);
        };
        await foreach (var input in inputs.WithCancellation(ct))
        {
            count++;
            var author = input.AuthorId;
            var verdict = Policy.Evaluate(input, authorRecord);

            var contentId = verdict.ContentRule is { } matched ? DecisionId(DecisionSubject.Post(input.PostId), matched, input.Assessment) : null;
            Supersede(pending, DecisionSubject.Post(input.PostId), contentId, now);
            // One post that matches no account rule says little about its author (the others may), so an account
            // decision is only replaced by a newer one, never lifted by a non-match; an appeal can lift it.
            var accountId = verdict.AccountRule is { } matchedAccount ? DecisionId(DecisionSubject.Account(author), matchedAccount, input.Assessment) : null;
            if (accountId is not null) Supersede(pending, DecisionSubject.Account(author), accountId, now);

            if (verdict.ContentRule is { } rule)
            {
                var id = contentId!;
                if (State.Contains(id))
                {
                    already++;
                }
                else
                {
                    // Belt and braces: a rule built in code (not loaded from YAML) could list a human-only action.
                    var automatic = rule.Actions & ~Ladder.HumanOnly;
                    var proposed = rule.Proposed | (rule.Actions & Ladder.HumanOnly);
                    var facts = Facts(input, rule, verdict.Unlawful);
                    Emit(pending, Event(id, DecisionEventType.Decision, DecisionSubject.Post(input.PostId), now, input.Assessment,
                        facts with { Actions = Ladder.Format(automatic), Proposed = NullIfEmpty(Ladder.Format(proposed)) }));
                    decisions++;
                    if (proposed != ContentActions.None)
                    {
                        Emit(pending, Event("review|" + id, DecisionEventType.ReviewRequested, DecisionSubject.Post(input.PostId),
                            now, input.Assessment, facts with { Ref = id, Proposed = Ladder.Format(proposed) }));
                        reviews++;
                    }
                    if (rule.Strike && (automatic & Ladder.ReachReducing) != 0)
                        (strikes, accountActions) = Add((strikes, accountActions),
                            Strike(pending, author, DecisionSubject.Post(input.PostId), id, now, input.Assessment));
                }
            }

            if (verdict.AccountRule is { } accountRule)
            {
                var id = accountId!;
                if (State.Contains(id))
                {
                    if (accountDecisionsSeen.Add(id)) already++;
                }
                else
                {
                    accountDecisionsSeen.Add(id);
                    Emit(pending, Event(id, DecisionEventType.Decision, DecisionSubject.Account(author), now, input.Assessment,
                        new EventPayload
                        {
                            Rule = accountRule.Id, Author = author, AccountAction = Kebab.From(accountRule.AccountAction),
                            BotScore = input.BotScore, Cluster = input.ClusterId,
                        }));
                    decisions++;
                }
            }

            if (pending.Count >= batchSize) appended += await FlushAsync(pending, ct);
        }
        appended += await FlushAsync(pending, ct);
        return new EnforcementRun(count, decisions, reviews, strikes, accountActions, already, appended);
    }

    /// <summary>
    /// Folds in what other writers appended to the log since this engine last read it (other stream workers, reviewers),
    /// so that its next decisions count their strikes and see their decisions. Returns how many events were new to it.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        var before = State.EventCount;
        await foreach (var e in _log.ReadAfterAsync(State.LastSequence, ct)) State.Apply(e);
        return State.EventCount - before;
    }

    /// <summary>Records a user's report of a subject; reports feed review but change nothing by themselves.</summary>
    internal async Task<DecisionEvent> ReportAsync(DecisionSubject subject, string reporterId, string reason, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var e = new DecisionEvent
        {
            Id = $"report|{subject}|{reporterId}|{HashChain.FormatTime(now)}", Type = DecisionEventType.Report, At = now,
            Subject = subject.ToString(), Actor = Actors.UserPrefix + reporterId, Payload = new EventPayload { Note = reason }.ToJson(),
        };
        return (await CommitAsync([e], ct))[0];
    }

    /// <summary>
    /// A human reviewer's decision on a queued proposal: the only path by which removal or geo-restriction takes effect.
    /// <paramref name="approvedActions"/> defaults to everything proposed and is cut down to what was proposed.
    /// </summary>
    public async Task<IReadOnlyList<DecisionEvent>> DecideReviewAsync(string requestId, HumanReviewer reviewer, bool approve,
        string note = "", ContentActions? approvedActions = null, CancellationToken ct = default)
    {
        var request = State.Review(requestId) ?? throw new EnforcementException($"No review request '{requestId}'.");
        if (request.Status != ReviewStatus.Pending)
            throw new EnforcementException($"Review request '{requestId}' was already {request.Status.ToString().ToLowerInvariant()}.");
        var now = _time.GetUtcNow();
        var origin = State.Decision(request.DecisionId);
        var actions = approve ? (approvedActions ?? request.Proposed) & request.Proposed : ContentActions.None;
        var id = "reviewed|" + requestId;
        var events = new List<DecisionEvent>();
        Emit(events, new DecisionEvent
        {
            Id = id, Type = DecisionEventType.ReviewDecided, At = now, Subject = request.Subject.ToString(), Actor = reviewer.Actor,
            PolicyVersion = origin?.PolicyVersion ?? "", ModelVersion = origin?.ModelVersion ?? "",
            TaxonomyVersion = origin?.TaxonomyVersion ?? "",
            Payload = (request.Payload with
            {
                Ref = requestId, Outcome = approve ? "approved" : "rejected", Actions = Ladder.Format(actions),
                Proposed = null, Note = NullIfEmpty(note),
            }).ToJson(),
        });
        var rule = request.Rule is null ? null : Policy.FindRule(request.Rule);
        if (approve && request.Author is { } author && (rule?.Strike ?? false) && actions != ContentActions.None)
            Strike(events, author, request.Subject, id, now, null);
        return await CommitAsync(events, ct);
    }

    /// <summary>
    /// A triage reviewer sends a pending review request up for a moderator's decision. It only reorders the queue: the
    /// proposal still takes effect only on a moderator's <see cref="DecideReviewAsync"/>. Once per request.
    /// </summary>
    public async Task<DecisionEvent> EscalateAsync(string requestId, HumanReviewer reviewer, string note = "",
        CancellationToken ct = default)
    {
        var request = State.Review(requestId) ?? throw new EnforcementException($"No review request '{requestId}'.");
        if (request.Status != ReviewStatus.Pending)
            throw new EnforcementException($"Review request '{requestId}' was already {request.Status.ToString().ToLowerInvariant()}.");
        if (request.EscalatedBy is { } by) throw new EnforcementException($"Review request '{requestId}' was already escalated by {by}.");
        var e = new DecisionEvent
        {
            Id = "escalated|" + requestId, Type = DecisionEventType.Escalated, At = _time.GetUtcNow(), Subject = request.Subject.ToString(),
            Actor = reviewer.Actor, Payload = new EventPayload { Ref = requestId, Rule = request.Rule, Note = NullIfEmpty(note) }.ToJson(),
        };
        return (await CommitAsync([e], ct))[0];
    }

    /// <summary>Files the one appeal a decision allows, within the policy's appeal window.</summary>
    public async Task<DecisionEvent> FileAppealAsync(string decisionId, string appellantId, string reason = "",
        CancellationToken ct = default)
    {
        var decision = State.Decision(decisionId) ?? throw new EnforcementException($"No decision '{decisionId}' to appeal.");
        if (decision.Reversed) throw new EnforcementException($"Decision '{decisionId}' was already reversed.");
        if (decision.Appeal != AppealStatus.None || State.Contains("appeal|" + decisionId))
            throw new EnforcementException($"Decision '{decisionId}' has already been appealed; one appeal per decision.");
        var now = _time.GetUtcNow();
        if (now > decision.At.AddDays(Policy.AppealWindowDays))
            throw new EnforcementException(
                $"The appeal window for '{decisionId}' closed {Policy.AppealWindowDays} days after the decision.");
        var e = new DecisionEvent
        {
            Id = "appeal|" + decisionId, Type = DecisionEventType.AppealFiled, At = now, Subject = decision.Subject.ToString(),
            Actor = Actors.UserPrefix + appellantId,
            Payload = new EventPayload { Ref = decisionId, Rule = decision.Rule, Note = NullIfEmpty(reason) }.ToJson(),
        };
        return (await CommitAsync([e], ct))[0];
    }

    /// <summary>
    /// Resolves a pending appeal. Overturning appends reversals of the decision, the strike it gave and any account
    /// restriction that strike triggered; the originals stay in the log, so the account keeps its history.
    /// </summary>
    public async Task<IReadOnlyList<DecisionEvent>> ResolveAppealAsync(string decisionId, HumanReviewer reviewer, bool overturn,
        string note = "", CancellationToken ct = default)
    {
        var decision = State.Decision(decisionId) ?? throw new EnforcementException($"No decision '{decisionId}'.");
        if (decision.Appeal != AppealStatus.Pending)
            throw new EnforcementException($"Decision '{decisionId}' has no pending appeal.");
        var now = _time.GetUtcNow();
        var events = new List<DecisionEvent>
        {
            new()
            {
                Id = "appeal-resolved|" + decisionId, Type = DecisionEventType.AppealResolved, At = now,
                Subject = decision.Subject.ToString(), Actor = reviewer.Actor,
                Payload = new EventPayload
                {
                    Ref = decisionId, Rule = decision.Rule, Outcome = overturn ? "overturned" : "upheld", Note = NullIfEmpty(note),
                }.ToJson(),
            },
        };
        if (overturn)
        {
            events.Add(Reversal(decisionId, decision.Subject, reviewer.Actor, now));
            // The post's strike sits on its author's account: look there rather than through every strike.
            var strikes = decision.Author is { } author ? State.Strikes(author) : [];
            foreach (var strike in strikes)
            {
                if (strike.Reversed || strike.Id != StrikeId(decision.Subject)) continue;
                events.Add(Reversal(strike.Id, DecisionSubject.Account(strike.Account), reviewer.Actor, now));
                foreach (var restriction in State.Restrictions(strike.Account))
                    if (!restriction.Reversed && restriction.StrikeId == strike.Id)
                        events.Add(Reversal(restriction.Id, DecisionSubject.Account(strike.Account), reviewer.Actor, now));
            }
        }
        return await CommitAsync(events, ct);
    }

    private static DecisionEvent Reversal(string id, DecisionSubject subject, string actor, DateTimeOffset now, string? note = null) => new()
    {
        Id = "reversal|" + id, Type = DecisionEventType.Reversal, At = now, Subject = subject.ToString(), Actor = actor,
        Payload = new EventPayload { Ref = id, Note = note }.ToJson(),
    };

    private static string StrikeId(DecisionSubject postSubject) => "strike|" + postSubject;

    /// <summary>
    /// The latest evaluation of a subject is the one in force: the engine's earlier decisions on it that the current
    /// versions would not make (another policy, model or taxonomy version, or another rule) are reversed, and their
    /// pending review requests withdrawn. Reviewers' decisions and strikes stay; only an appeal undoes those.
    /// </summary>
    private void Supersede(List<DecisionEvent> pending, DecisionSubject subject, string? currentId, DateTimeOffset now)
    {
        var earlier = State.DecisionsFor(subject);
        if (earlier.Count == 0) return;
        List<DecisionStatus>? stale = null;
        foreach (var decision in earlier)
            if (decision.Kind == DecisionEventType.Decision && !decision.Reversed && decision.Id != currentId)
                (stale ??= []).Add(decision);
        if (stale is null) return;
        var note = "superseded by " + (currentId ?? $"no rule matching under {Policy.Version}");
        foreach (var decision in stale)
        {
            Emit(pending, Reversal(decision.Id, subject, _actor, now, note));
            if (State.Review("review|" + decision.Id) is { Status: ReviewStatus.Pending } request)
                Emit(pending, Reversal(request.Id, subject, _actor, now, note));
        }
    }

    /// <summary>
    /// Issues the post's strike and the account restriction its threshold calls for, if any. A post gives at most one
    /// strike, ever: re-deciding it under a new policy or model version does not strike again, and once an appeal
    /// has overturned it, it cannot strike again either.
    /// </summary>
    private (int Strikes, int AccountActions) Strike(List<DecisionEvent> pending, string author, DecisionSubject postSubject,
        string decisionId, DateTimeOffset now, Assessment? assessment)
    {
        var strikeId = StrikeId(postSubject);
        if (State.Contains(strikeId)) return (0, 0);
        Emit(pending, Event(strikeId, DecisionEventType.Strike, DecisionSubject.Account(author), now, assessment,
            new EventPayload { Ref = decisionId, Author = author, Until = now.AddDays(Policy.StrikeExpiryDays) }));

        var active = State.ActiveStrikes(author, now);
        StrikeThreshold? reached = null;
        foreach (var threshold in Policy.StrikeThresholds)
            if (active >= threshold.Strikes) reached = threshold;
        if (reached is null) return (1, 0);
        var status = State.AccountStatusOf(author, now);
        var wanted = reached.Action == AccountAction.Suspend ? AuthorStanding.Suspended : AuthorStanding.ReadOnly;
        if (status.Standing >= wanted) return (1, 0);
        Emit(pending, Event("restrict|" + strikeId, DecisionEventType.AccountAction, DecisionSubject.Account(author), now, assessment,
            new EventPayload
            {
                Ref = strikeId, Author = author, AccountAction = Kebab.From(reached.Action),
                Until = reached.Days is { } days ? now.AddDays(days) : null, Note = $"{active} active strikes",
            }));
        return (1, 1);
    }

    private (DecisionEvent, EventPayload) Event(string id, DecisionEventType type, DecisionSubject subject, DateTimeOffset now,
        Assessment? assessment, EventPayload payload) => (new DecisionEvent
    {
        Id = id, Type = type, At = now, Subject = subject.ToString(), Actor = _actor, PolicyVersion = Policy.Version,
        ModelVersion = assessment?.ModelVersion ?? "", TaxonomyVersion = assessment?.TaxonomyVersion ?? "",
        Payload = payload.ToJson(),
    }, payload);

    private string DecisionId(DecisionSubject subject, PolicyRule rule, Assessment assessment) =>
        $"decision|{subject}|{Policy.Version}|{rule.Id}|{assessment.ModelVersion}|{assessment.TaxonomyVersion}";

    private EventPayload Facts(PolicyInput input, PolicyRule rule, bool unlawful)
    {
        var a = input.Assessment;
        string[]? territories = null, statutes = null;
        if (unlawful)
        {
            var grounds = Policy.UnlawfulIn(a.Label.Code);
            var selected = new List<LegalGround>(grounds.Count);
            foreach (var ground in grounds)
                if (input.Jurisdiction is null || string.Equals(ground.Country, input.Jurisdiction, StringComparison.OrdinalIgnoreCase))
                    selected.Add(ground);
            territories = new string[selected.Count];
            statutes = new string[selected.Count];
            for (var i = 0; i < selected.Count; i++)
            {
                territories[i] = selected[i].Country;
                statutes[i] = $"{selected[i].Country}: {selected[i].Statute}";
            }
        }
        var evidence = new string[a.Evidence.Count];
        for (var i = 0; i < evidence.Length; i++)
            evidence[i] = LoggedEvidence.Format(a.Evidence[i]);
        return new EventPayload
        {
            Rule = rule.Id, Author = input.AuthorId, Consensus = Kebab.From(a.Label.Consensus), Code = Kebab.From(a.Label.Code),
            Target = Kebab.From(a.Label.Target), Explicitness = Kebab.From(a.Label.Explicitness), Language = a.Language,
            Score = Math.Round(input.Score, 4), Confidence = Math.Round(a.CodeConfidence, 4), Reach = input.Reach,
            Severity = Policy.Severity(a.Label.Code), Territories = territories, Statutes = statutes,
            Evidence = evidence.Length == 0 ? null : evidence, ContentDate = input.PostedAt == default ? null : input.PostedAt,
        };
    }

    /// <summary>Applies to the state at once, so later inputs in the same batch see this one's strikes.</summary>
    private void Emit(List<DecisionEvent> pending, (DecisionEvent Event, EventPayload Payload) e)
    {
        State.Apply(e.Event, e.Payload);
        pending.Add(e.Event);
    }

    private void Emit(List<DecisionEvent> pending, DecisionEvent e)
    {
        State.Apply(e);
        pending.Add(e);
    }

    private async Task<int> FlushAsync(List<DecisionEvent> pending, CancellationToken ct)
    {
        if (pending.Count == 0) return 0;
        var count = (await _log.AppendAsync(pending, ct)).Count;
        pending.Clear();
        return count;
    }

    private Task<IReadOnlyList<DecisionEvent>> CommitAsync(List<DecisionEvent> events, CancellationToken ct)
    {
        foreach (var e in events) State.Apply(e);
        return _log.AppendAsync(events, ct);
    }

    private static (int, int) Add((int, int) a, (int, int) b) => (a.Item1 + b.Item1, a.Item2 + b.Item2);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
