using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

public sealed class EnforcementSummaryTests
{
    [Fact]
    public async Task SummarisesActionsStrikesQueueAndAppeals()
    {
        var clock = new FakeClock(Start);
        var engine = await EngineAsync(clock);
        await engine.ApplyAsync([
            Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a1", ContentCode.DualLoyalty),
            Input("p3", "a1", ContentCode.DualLoyalty), Input("p4", "a2", ContentCode.NaziComparison, target: Target.IsraelState),
            Input("p5", "a3", ContentCode.IncitementViolence), Input("p6", "bot", ContentCode.None, score: 0.01, botScore: 0.9),
        ]);
        var id = DecisionIdFor(engine, "p4");
        await engine.FileAppealAsync(id, "a2");
        await engine.ResolveAppealAsync(id, Alice, overturn: true);

        var summary = EnforcementSummary.From(engine.State, clock.GetUtcNow());
        var agreed = Assert.Single(summary.Actions, a => a.Rule == "agreed-antisemitic");
        Assert.Equal(3, agreed.Decisions);
        Assert.Equal("limit-replies", agreed.HighestRung);
        Assert.Equal("agreed-antisemitic", agreed.Consensus);
        Assert.DoesNotContain(summary.Actions, a => a.Rule == "contested-context");
        Assert.Equal(1, summary.DecisionsReversed);
        Assert.Equal(4, summary.StrikesTotal);
        Assert.Equal(1, summary.AccountsReadOnly);
        Assert.Equal(1, summary.AccountsLabelledAutomated);
        Assert.Equal(1, summary.QueuePending);
        Assert.Equal(1.0, Assert.Single(summary.Appeals, s => s.Rule == "contested-context").OverturnRate);
        Assert.Empty(summary.Violations);

        clock.Advance(TimeSpan.FromDays(91));
        Assert.Equal(0, EnforcementSummary.From(engine.State, clock.GetUtcNow()).StrikesActive);
    }

    [Fact]
    public async Task AReportIsLoggedAndChangesNothing()
    {
        var log = new Vigil.DecisionLog.InMemoryDecisionLog();
        var engine = await EngineAsync(new FakeClock(Start), log);
        var report = await engine.ReportAsync(DecisionSubject.Post("p1"), "reporter1", "hateful");
        Assert.Equal(Vigil.DecisionLog.DecisionEventType.Report, report.Type);
        Assert.Equal("user:reporter1", report.Actor);
        Assert.Single((await log.ReadAllAsync().ToListAsync()));
        Assert.Equal(ContentActions.None, engine.State.ContentActionsFor(DecisionSubject.Post("p1")));
    }
}
