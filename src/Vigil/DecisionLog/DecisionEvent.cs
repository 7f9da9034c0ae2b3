namespace Vigil.DecisionLog;

public enum DecisionEventType
{
    /// <summary>Someone reported a subject.</summary>
    Report,
    /// <summary>The engine applied a rule to a subject (possibly with no immediate action, only a review request).</summary>
    Decision,
    /// <summary>The engine proposes actions only a human may take; the subject joins the review queue.</summary>
    ReviewRequested,
    /// <summary>A human reviewer approved or rejected a review request.</summary>
    ReviewDecided,
    Strike,
    /// <summary>Read-only or suspension from strike thresholds.</summary>
    AccountAction,
    AppealFiled,
    AppealResolved,
    /// <summary>Undoes the effects of an earlier event (after an overturned appeal); the earlier event stays.</summary>
    Reversal,
    /// <summary>A post of a measurement sample was queued for human labelling (payload: the sample's id).</summary>
    LabelRequested,
    /// <summary>A human reviewer gave a post a consensus-class label (payload: the class); changes no enforcement state.</summary>
    Labelled,
    /// <summary>
    /// A triage reviewer sent a pending review request up for a moderator's decision (payload: the request, a note);
    /// it moves to the head of the queue and changes nothing else.
    /// </summary>
    Escalated,
}

/// <summary>
/// One entry of the append-only decision log. <see cref="Id"/> is the idempotency key (for engine decisions: subject,
/// policy version, rule, model and taxonomy versions), so re-running the same inputs appends nothing.
/// <see cref="Sequence"/>, <see cref="PrevHash"/> and <see cref="Hash"/> are set by the log on append.
/// </summary>
public sealed record DecisionEvent
{
    public long Sequence { get; init; }
    public required string Id { get; init; }
    public required DecisionEventType Type { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary><c>post:ID</c> or <c>account:ID</c>.</summary>
    public required string Subject { get; init; }
    /// <summary><c>engine:NAME</c>, <c>human:ID</c> or <c>user:ID</c>; see <see cref="Enforcement.Actor"/>.</summary>
    public required string Actor { get; init; }
    public string PolicyVersion { get; init; } = "";
    public string ModelVersion { get; init; } = "";
    public string TaxonomyVersion { get; init; } = "";
    /// <summary>The event's details as JSON (<see cref="EventPayload"/>); hashed exactly as stored.</summary>
    public required string Payload { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";
}

/// <summary>The head of the chain: what a signature vouches for.</summary>
public sealed record LogHead(long Sequence, string Hash, DateTimeOffset At);
