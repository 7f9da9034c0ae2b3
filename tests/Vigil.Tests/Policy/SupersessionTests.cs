using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Exports;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Policy;

/// <summary>Re-deciding under new versions: the latest evaluation is in force, strikes are not doubled.</summary>
public sealed class SupersessionTests
{
    private readonly FakeClock _clock = new(Start);

    private static EnforcementPolicy Renamed(string version) => ParsePolicy(
        File.ReadAllText(Path.Combine(DecisionLogTests.RepoRoot(), "policies", "default.yaml"))
            .Replace($"version: {EnforcementPolicy.Default.Version}", $"version: {version}"));

    [Fact]
    public void ANewPolicyVersionSupersedesWithoutDoublingStrikes()
    {
        var log = new InMemoryDecisionLog();
        var inputs = new[] { Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a1", ContentCode.DualLoyalty) };
        Engine(_clock, log).Apply(inputs);
        var next = Engine(_clock, log, Renamed("default-next"));
        next.Apply(inputs);

        var decisions = next.State.DecisionsFor(Subjects.Post("p1"));
        Assert.Equal(2, decisions.Count);
        Assert.True(decisions.Single(d => d.Event.PolicyVersion == EnforcementPolicy.Default.Version).Reversed);
        Assert.False(decisions.Single(d => d.Event.PolicyVersion == "default-next").Reversed);
        Assert.True(next.State.ContentActionsFor(Subjects.Post("p1")).HasFlag(ContentActions.Demote));
        Assert.Equal(2, next.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.Equal(AuthorStanding.Good, next.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
    }

    [Fact]
    public void AModelThatNoLongerFlagsThePostLiftsTheActionsButKeepsTheStrike()
    {
        var log = new InMemoryDecisionLog();
        var engine = Engine(_clock, log);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty)]);
        engine.Apply([Input("p1", "a1", ContentCode.QuotationReporting, model: "model-test-2")]);

        Assert.Equal(ContentActions.None, engine.State.ContentActionsFor(Subjects.Post("p1")));
        Assert.Equal(1, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.True(LogVerifier.Verify(log.ReadAll()).Intact);
    }

    [Fact]
    public void SupersedingWithdrawsAPendingReview()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.IncitementViolence)]);
        Assert.Single(engine.State.Queue());
        engine.Apply([Input("p1", "a1", ContentCode.IncitementViolence, score: 0.3, model: "model-test-2")]);
        Assert.Empty(engine.State.Queue());
        Assert.Equal(ReviewStatus.Withdrawn, Assert.Single(engine.State.Reviews).Status);
    }

    [Fact]
    public void AReviewersDecisionIsNotSuperseded()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.IncitementViolence)]);
        engine.DecideReview(engine.State.Queue()[0].Id, Alice, approve: true);
        engine.Apply([Input("p1", "a1", ContentCode.None, score: 0.01, model: "model-test-2")]);
        Assert.Equal(ContentActions.Remove, engine.State.ContentActionsFor(Subjects.Post("p1")));
    }

    [Fact]
    public void ASupersededLabelWithTheSameValueIsNotNegated()
    {
        var log = new InMemoryDecisionLog();
        Engine(_clock, log).Apply([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.NaziComparison, target: Target.IsraelState)]);
        _clock.Advance(TimeSpan.FromHours(1));
        var next = Engine(_clock, log, Renamed("default-next"));
        next.Apply([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.IsraelPolicyCriticism, target: Target.IsraelState)]);

        var labels = AtprotoLabelExporter.Build(next.State, new AtprotoOptions { LabelerDid = "did:web:l.example" });
        Assert.DoesNotContain(labels, l => l.Neg && l.Val == "antisemitism");
        Assert.Single(labels, l => l is { Neg: true, Val: "contested" });
    }

    [Fact]
    public void ReRunningInputsThatDisagreeAboutAnAuthorStillAddsNothing()
    {
        var log = new InMemoryDecisionLog();
        PolicyInput[] inputs =
        [
            Input("p1", "a1", ContentCode.None, score: 0.01, botScore: 0.1),
            Input("p2", "a1", ContentCode.None, score: 0.01, botScore: 0.9),
            Input("p3", "a1", ContentCode.None, score: 0.01, botScore: 0.1),
        ];
        Engine(_clock, log).Apply(inputs);
        var count = log.ReadAll().Count();
        var again = Engine(_clock, log).Apply(inputs);
        Assert.Equal(0, again.EventsAppended);
        Assert.Equal(count, log.ReadAll().Count());
        Assert.True(EnforcementState.Replay(log.ReadAll()).AccountStatusOf("a1", Start).LabelledAutomated);
    }
}
