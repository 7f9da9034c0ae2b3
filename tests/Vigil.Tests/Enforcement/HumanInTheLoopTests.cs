using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

/// <summary>Removal (and geo-restriction) cannot take effect without a named human reviewer, however it is attempted.</summary>
public sealed class HumanInTheLoopTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public async Task ARuleBuiltInCodeWithRemovalOnlyQueuesIt()
    {
        var rogue = new PolicyRule { Id = "rogue", Actions = ContentActions.Label | ContentActions.Remove };
        var policy = ParsePolicy("""
            version: rogue-1
            appeal_window_days: 10
            strikes: { expiry_days: 30 }
            rules:
              - { id: placeholder, actions: [label] }
            """);
        // Swap in the hand-built rule through the same constructor the loader uses.
        var engine = await EngineAsync(_clock, policy: new EnforcementPolicy(policy.Version, "code", [rogue],
            new int[Enum.GetValues<ContentCode>().Length], Enumerable.Repeat(Array.Empty<LegalGround>(),
                Enum.GetValues<ContentCode>().Length).ToArray(), 30, [], 10, ""));

        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        Assert.Equal(ContentActions.Label, engine.State.ContentActionsFor(DecisionSubject.Post("p1")));
        Assert.Equal(ContentActions.Remove, Assert.Single(engine.State.Queue()).Proposed);
    }

    [Fact]
    public async Task AForgedAutomatedRemovalInTheLogIsNotApplied()
    {
        var log = new InMemoryDecisionLog();
        await log.AppendAsync([new DecisionEvent
        {
            Id = "forged", Type = DecisionEventType.Decision, At = Start, Subject = DecisionSubject.Post("p1").ToString(),
            Actor = "engine:vigil", Payload = new EventPayload { Actions = "label,remove" }.ToJson(),
        }]);
        var state = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        Assert.Equal(ContentActions.Label, state.ContentActionsFor(DecisionSubject.Post("p1")));
        Assert.Contains("remove", Assert.Single(state.Violations));
    }

    [Fact]
    public async Task AReviewDecisionByANonHumanActorIsNotApplied()
    {
        var log = new InMemoryDecisionLog();
        var engine = await EngineAsync(_clock, log);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        var request = engine.State.Queue()[0];
        await log.AppendAsync([new DecisionEvent
        {
            Id = "reviewed|" + request.Id, Type = DecisionEventType.ReviewDecided, At = Start, Subject = request.Subject.ToString(),
            Actor = "engine:vigil", Payload = new EventPayload { Ref = request.Id, Outcome = "approved", Actions = "remove" }.ToJson(),
        }]);
        var state = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        Assert.False(state.ContentActionsFor(request.Subject).HasFlag(ContentActions.Remove));
        Assert.Single(state.Queue());
        Assert.Single(state.Violations);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("engine:vigil")]
    public void AReviewerMustBeANamedPerson(string id) =>
        Assert.Throws<ArgumentException>(() => new HumanReviewer(id));

    [Fact]
    public async Task AReviewerCannotApproveMoreThanWasProposed()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.Dehumanization, Explicitness.Obfuscated)]);
        var request = engine.State.Queue()[0];
        await engine.DecideReviewAsync(request.Id, Alice, approve: true, approvedActions: ContentActions.Demote | ContentActions.Remove);
        var actions = engine.State.ContentActionsFor(request.Subject);
        Assert.True(actions.HasFlag(ContentActions.Demote));
        Assert.False(actions.HasFlag(ContentActions.Remove));
    }
}
