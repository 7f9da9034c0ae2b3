using Vigil.DecisionLog;
using Vigil.Tests.Policy;
using Vigil.Enforcement;
using Vigil.Model;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

/// <summary>A triage reviewer's escalation moves a request to the head of the queue, and does nothing else.</summary>
public sealed class EscalationTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public async Task AnEscalatedRequestLeadsTheQueueAfterReplayAndChangesNoAction()
    {
        var log = new InMemoryDecisionLog();
        var engine = await EngineAsync(_clock, log);
        await engine.ApplyAsync([
            Input("p1", "a1", ContentCode.IncitementViolence),
            Input("p2", "a2", ContentCode.Dehumanization, Explicitness.Obfuscated),
        ]);
        var before = engine.State.Queue();
        Assert.Equal(2, before.Count);
        var last = before[^1];
        var actions = engine.State.ContentActionsFor(last.Subject);

        var e = await engine.EscalateAsync(last.Id, new HumanReviewer("tri"), "looks worse than scored");

        Assert.Equal(DecisionEventType.Escalated, e.Type);
        var replayed = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        Assert.Equal([last.Id, before[0].Id], replayed.Queue().Select(r => r.Id));
        Assert.Equal("human:tri", replayed.Queue()[0].EscalatedBy);
        Assert.Equal(actions, replayed.ContentActionsFor(last.Subject));
        Assert.Equal(ReviewStatus.Pending, replayed.Review(last.Id)!.Status);
    }

    [Fact]
    public async Task ARequestIsEscalatedOnceAndOnlyWhilePending()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence), Input("p2", "a2", ContentCode.IncitementViolence)]);
        var (first, second) = (engine.State.Queue()[0].Id, engine.State.Queue()[1].Id);
        await engine.EscalateAsync(first, new HumanReviewer("tri"));
        await Assert.ThrowsAsync<EnforcementException>(() => engine.EscalateAsync(first, new HumanReviewer("other")));
        await engine.DecideReviewAsync(second, Alice, approve: false);
        await Assert.ThrowsAsync<EnforcementException>(() => engine.EscalateAsync(second, new HumanReviewer("tri")));
        await Assert.ThrowsAsync<EnforcementException>(() => engine.EscalateAsync("no-such-request", new HumanReviewer("tri")));
    }

    [Fact]
    public async Task AnEscalationByANonHumanIsNotApplied()
    {
        var log = new InMemoryDecisionLog();
        var engine = await EngineAsync(_clock, log);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        var request = engine.State.Queue()[0];
        await log.AppendAsync([new DecisionEvent
        {
            Id = "escalated|" + request.Id, Type = DecisionEventType.Escalated, At = Start, Subject = request.Subject.ToString(),
            Actor = "engine:vigil", Payload = new EventPayload { Ref = request.Id }.ToJson(),
        }]);
        var state = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        Assert.Null(state.Queue()[0].EscalatedBy);
        Assert.Contains("escalation", Assert.Single(state.Violations));
    }
}
