using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Policy;

public sealed class AppealTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public void PendingThenUpheldKeepsTheEffects()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty)]);
        var id = DecisionIdFor(engine, "p1");

        engine.FileAppeal(id, "a1", "I was quoting");
        Assert.Equal(AppealStatus.Pending, engine.State.Decision(id)!.Appeal);
        engine.ResolveAppeal(id, Alice, overturn: false);

        Assert.Equal(AppealStatus.Upheld, engine.State.Decision(id)!.Appeal);
        Assert.True(engine.State.ContentActionsFor(Subjects.Post("p1")).HasFlag(ContentActions.Demote));
        Assert.Equal(1, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
    }

    [Fact]
    public void OverturnReversesTheActionsTheStrikeAndTheRestrictionItTriggered()
    {
        var engine = Engine(_clock);
        for (var i = 1; i <= 3; i++) engine.Apply([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(AuthorStanding.ReadOnly, engine.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        var third = DecisionIdFor(engine, "p3");

        engine.FileAppeal(third, "a1");
        engine.ResolveAppeal(third, Alice, overturn: true);

        Assert.Equal(ContentActions.None, engine.State.ContentActionsFor(Subjects.Post("p3")));
        Assert.Equal(2, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        var status = engine.State.AccountStatusOf("a1", _clock.GetUtcNow());
        Assert.Equal(AuthorStanding.Good, status.Standing);
        Assert.Equal(3, status.TotalStrikes);
        Assert.True(engine.State.ContentActionsFor(Subjects.Post("p1")).HasFlag(ContentActions.Demote));
    }

    [Fact]
    public void OnlyOneAppealPerDecision()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty)]);
        var id = DecisionIdFor(engine, "p1");
        engine.FileAppeal(id, "a1");
        Assert.Throws<EnforcementException>(() => engine.FileAppeal(id, "a1"));
        engine.ResolveAppeal(id, Alice, overturn: false);
        Assert.Throws<EnforcementException>(() => engine.FileAppeal(id, "a1"));
        Assert.Throws<EnforcementException>(() => engine.ResolveAppeal(id, Alice, overturn: true));
    }

    [Fact]
    public void AppealsCloseAfterTheWindow()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a1", ContentCode.DualLoyalty)]);
        _clock.Advance(TimeSpan.FromDays(EnforcementPolicy.Default.AppealWindowDays));
        engine.FileAppeal(DecisionIdFor(engine, "p1"), "a1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var error = Assert.Throws<EnforcementException>(() => engine.FileAppeal(DecisionIdFor(engine, "p2"), "a1"));
        Assert.Contains("window", error.Message);
    }

    [Fact]
    public void ResolvingWithoutAnAppealIsRefused()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty)]);
        Assert.Throws<EnforcementException>(() => engine.ResolveAppeal(DecisionIdFor(engine, "p1"), Alice, overturn: true));
        Assert.Throws<EnforcementException>(() => engine.FileAppeal("decision|nothing", "a1"));
    }

    [Fact]
    public void OverturnRatesAreReportedPerRule()
    {
        var engine = Engine(_clock);
        engine.Apply([
            Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.DualLoyalty),
            Input("p3", "a3", ContentCode.NaziComparison, target: Target.IsraelState),
        ]);
        foreach (var (post, overturn) in new[] { ("p1", true), ("p2", false), ("p3", true) })
        {
            var id = DecisionIdFor(engine, post);
            engine.FileAppeal(id, "x");
            engine.ResolveAppeal(id, Alice, overturn);
        }
        var stats = engine.State.AppealStatsByRule().ToDictionary(s => s.Rule);
        Assert.Equal(0.5, stats["agreed-antisemitic"].OverturnRate);
        Assert.Equal(2, stats["agreed-antisemitic"].Appealed);
        Assert.Equal(1.0, stats["contested-context"].OverturnRate);
    }

    [Fact]
    public void StateReplayedFromTheLogMatchesTheLiveState()
    {
        var log = new Vigil.DecisionLog.InMemoryDecisionLog();
        var engine = Engine(_clock, log);
        for (var i = 1; i <= 3; i++) engine.Apply([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        var id = DecisionIdFor(engine, "p2");
        engine.FileAppeal(id, "a1");
        engine.ResolveAppeal(id, Alice, overturn: true);

        var replayed = EnforcementState.Replay(log.ReadAll());
        var now = _clock.GetUtcNow();
        Assert.Equal(engine.State.AccountStatusOf("a1", now), replayed.AccountStatusOf("a1", now));
        for (var i = 1; i <= 3; i++)
            Assert.Equal(engine.State.ContentActionsFor(Subjects.Post($"p{i}")), replayed.ContentActionsFor(Subjects.Post($"p{i}")));
        Assert.Equal(AppealStatus.Overturned, replayed.Decision(id)!.Appeal);
    }
}
