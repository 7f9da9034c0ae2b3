using Vigil.Tests.Policy;
using Vigil.Simulation.Oracles;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Simulation.Oracles;

public sealed class AppealSimulatorTests
{
    private static async Task<EnforcementEngine> ScenarioAsync()
    {
        var engine = await EngineAsync(new FakeClock(Start));
        var inputs = new List<PolicyInput>();
        for (var i = 0; i < 60; i++)
            inputs.Add(Input($"p{i}", $"a{i}", i % 3 == 0 ? ContentCode.NaziComparison : ContentCode.DualLoyalty,
                target: i % 3 == 0 ? Target.IsraelState : Target.JewsCollective));
        await engine.ApplyAsync(inputs);
        return engine;
    }

    // The simulated truth: posts whose number ends in 7 were not violating.
    private static bool Truth(DecisionStatus d) => !d.Subject.Id.EndsWith('7');

    [Fact]
    public async Task SameSeedSameAppeals()
    {
        var a = await ScenarioAsync();
        var b = await ScenarioAsync();
        var first = await AppealSimulator.RunAsync(a, Truth, Alice, 0.5, seed: 7);
        var second = await AppealSimulator.RunAsync(b, Truth, Alice, 0.5, seed: 7);
        Assert.Equal(first, second);
        Assert.Equal(a.State.Decisions.Where(d => d.Appeal != AppealStatus.None).Select(d => d.Id).Order(),
            b.State.Decisions.Where(d => d.Appeal != AppealStatus.None).Select(d => d.Id).Order());
        Assert.InRange(first.Filed, 15, 45);
    }

    [Fact]
    public async Task OverturnsFollowTheTruthAndReverseTheEffects()
    {
        var engine = await ScenarioAsync();
        var result = await AppealSimulator.RunAsync(engine, Truth, Alice, 1.0, seed: 1);
        Assert.Equal(60, result.Filed);
        Assert.Equal(6, result.Overturned);
        Assert.Equal(ContentActions.None, engine.State.ContentActionsFor(DecisionSubject.Post("p17")));
        Assert.NotEqual(ContentActions.None, engine.State.ContentActionsFor(DecisionSubject.Post("p16")));
        Assert.Equal(0, engine.State.ActiveStrikes("a17", Start));
    }
}
