using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Tests.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

/// <summary>A server's shared engine sees what another process appended, and its own writes without a replay.</summary>
public sealed class LiveEnforcementTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public async Task EventsAppendedByAnotherEngineAreSeenOnTheNextRead()
    {
        var log = new InMemoryDecisionLog();
        using var live = new LiveEnforcement(Vigil.Policy.EnforcementPolicy.Default, log, _clock);
        Assert.Equal(0, await live.ReadAsync(state => state.Queue().Count));

        var other = await EngineAsync(_clock, log);
        await other.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);

        var request = await live.ReadAsync(state => Assert.Single(state.Queue()).Id);
        await other.DecideReviewAsync(request, Alice, approve: false);
        Assert.Equal(0, await live.ReadAsync(state => state.Queue().Count));
    }

    [Fact]
    public async Task ItsOwnWritesAreInTheStateAndTheLog()
    {
        var log = new InMemoryDecisionLog();
        var other = await EngineAsync(_clock, log);
        await other.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence), Input("p2", "a1", ContentCode.IncitementViolence)]);
        using var live = new LiveEnforcement(other.Policy, log, _clock);
        var first = await live.ReadAsync(state => state.Queue()[0].Id);

        var appended = await live.WriteAsync(engine => engine.DecideReviewAsync(first, Alice, approve: true));

        Assert.NotEmpty(appended);
        Assert.Equal(ReviewStatus.Approved, await live.ReadAsync(state => state.Review(first)!.Status));
        var replayed = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        Assert.Equal(ReviewStatus.Approved, replayed.Review(first)!.Status);
        Assert.Equal(replayed.EventCount, await live.ReadAsync(state => state.EventCount));
    }
}
