using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

/// <summary>Two engines over one log, as two stream workers: catching up, each counts the other's strikes.</summary>
public sealed class CatchUpTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public async Task An_engine_that_catches_up_counts_strikes_another_engine_appended()
    {
        var log = new InMemoryDecisionLog();
        var first = await EngineAsync(_clock, log);
        var second = await EngineAsync(_clock, log);
        await first.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a1", ContentCode.DualLoyalty)]);

        Assert.Equal(0, second.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.Equal((await log.ReadAllAsync().ToListAsync()).Count, await second.CatchUpAsync());
        Assert.Equal(2, second.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        await second.ApplyAsync([Input("p3", "a1", ContentCode.DualLoyalty)]);

        // The third strike, decided by the second engine, is the one that makes the account read-only.
        Assert.Equal(AuthorStanding.ReadOnly, second.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        await first.CatchUpAsync();
        Assert.Equal(AuthorStanding.ReadOnly, first.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        // Its own events come back from the log without being applied twice.
        Assert.Equal(0, await second.CatchUpAsync());
        Assert.Equal(3, second.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.Equal((await log.ReadAllAsync().ToListAsync()).Count, second.State.EventCount);
    }
}
