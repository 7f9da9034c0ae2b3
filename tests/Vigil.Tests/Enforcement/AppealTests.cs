using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

public sealed class AppealTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public async Task PendingThenUpheldKeepsTheEffects()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty)]);
        var id = DecisionIdFor(engine, "p1");

        await engine.FileAppealAsync(id, "a1", "I was quoting");
        Assert.Equal(AppealStatus.Pending, engine.State.Decision(id)!.Appeal);
        await engine.ResolveAppealAsync(id, Alice, overturn: false);

        Assert.Equal(AppealStatus.Upheld, engine.State.Decision(id)!.Appeal);
        Assert.True(engine.State.ContentActionsFor(DecisionSubject.Post("p1")).HasFlag(ContentActions.Demote));
        Assert.Equal(1, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
    }

    [Fact]
    public async Task OverturnReversesTheActionsTheStrikeAndTheRestrictionItTriggered()
    {
        var engine = await EngineAsync(_clock);
        for (var i = 1; i <= 3; i++) await engine.ApplyAsync([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(AuthorStanding.ReadOnly, engine.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        var third = DecisionIdFor(engine, "p3");

        await engine.FileAppealAsync(third, "a1");
        await engine.ResolveAppealAsync(third, Alice, overturn: true);

        Assert.Equal(ContentActions.None, engine.State.ContentActionsFor(DecisionSubject.Post("p3")));
        Assert.Equal(2, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        var status = engine.State.AccountStatusOf("a1", _clock.GetUtcNow());
        Assert.Equal(AuthorStanding.Good, status.Standing);
        Assert.Equal(3, status.TotalStrikes);
        Assert.True(engine.State.ContentActionsFor(DecisionSubject.Post("p1")).HasFlag(ContentActions.Demote));
    }

    [Fact]
    public async Task OnlyOneAppealPerDecision()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty)]);
        var id = DecisionIdFor(engine, "p1");
        await engine.FileAppealAsync(id, "a1");
        await Assert.ThrowsAsync<EnforcementException>(() => engine.FileAppealAsync(id, "a1"));
        await engine.ResolveAppealAsync(id, Alice, overturn: false);
        await Assert.ThrowsAsync<EnforcementException>(() => engine.FileAppealAsync(id, "a1"));
        await Assert.ThrowsAsync<EnforcementException>(() => engine.ResolveAppealAsync(id, Alice, overturn: true));
    }

    [Fact]
    public async Task AppealsCloseAfterTheWindow()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a1", ContentCode.DualLoyalty)]);
        _clock.Advance(TimeSpan.FromDays(EnforcementPolicy.Default.AppealWindowDays));
        await engine.FileAppealAsync(DecisionIdFor(engine, "p1"), "a1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<EnforcementException>(() => engine.FileAppealAsync(DecisionIdFor(engine, "p2"), "a1"));
        Assert.Contains("window", error.Message);
    }

    [Fact]
    public async Task ResolvingWithoutAnAppealIsRefused()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty)]);
        await Assert.ThrowsAsync<EnforcementException>(() => engine.ResolveAppealAsync(DecisionIdFor(engine, "p1"), Alice, overturn: true));
        await Assert.ThrowsAsync<EnforcementException>(() => engine.FileAppealAsync("decision|nothing", "a1"));
    }

    [Fact]
    public async Task OverturnRatesAreReportedPerRule()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([
            Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.DualLoyalty),
            Input("p3", "a3", ContentCode.NaziComparison, target: Target.IsraelState),
        ]);
        foreach (var (post, overturn) in new[] { ("p1", true), ("p2", false), ("p3", true) })
        {
            var id = DecisionIdFor(engine, post);
            await engine.FileAppealAsync(id, "x");
            await engine.ResolveAppealAsync(id, Alice, overturn);
        }
        var stats = engine.State.AppealStatsByRule().ToDictionary(s => s.Rule);
        Assert.Equal(0.5, stats["agreed-antisemitic"].OverturnRate);
        Assert.Equal(2, stats["agreed-antisemitic"].Appealed);
        Assert.Equal(1.0, stats["contested-context"].OverturnRate);
    }

    [Fact]
    public async Task StateReplayedFromTheLogMatchesTheLiveState()
    {
        var log = new Vigil.DecisionLog.InMemoryDecisionLog();
        var engine = await EngineAsync(_clock, log);
        for (var i = 1; i <= 3; i++) await engine.ApplyAsync([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        var id = DecisionIdFor(engine, "p2");
        await engine.FileAppealAsync(id, "a1");
        await engine.ResolveAppealAsync(id, Alice, overturn: true);

        var replayed = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        var now = _clock.GetUtcNow();
        Assert.Equal(engine.State.AccountStatusOf("a1", now), replayed.AccountStatusOf("a1", now));
        for (var i = 1; i <= 3; i++)
            Assert.Equal(engine.State.ContentActionsFor(DecisionSubject.Post($"p{i}")), replayed.ContentActionsFor(DecisionSubject.Post($"p{i}")));
        Assert.Equal(AppealStatus.Overturned, replayed.Decision(id)!.Appeal);
    }
}
