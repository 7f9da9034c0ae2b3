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

        var appended = await live.WriteAsync((engine, _) => engine.DecideReviewAsync(first, Alice, approve: true));

        Assert.NotEmpty(appended);
        Assert.Equal(ReviewStatus.Approved, await live.ReadAsync(state => state.Review(first)!.Status));
        var replayed = await EnforcementState.ReplayAsync(log.ReadAllAsync());
        Assert.Equal(ReviewStatus.Approved, replayed.Review(first)!.Status);
        Assert.Equal(replayed.EventCount, await live.ReadAsync(state => state.EventCount));
    }
}

/// <summary>Evidence as the log keeps it, read back and laid over the text for a reviewer.</summary>
public sealed class LoggedEvidenceTests
{
    [Fact]
    public void SpansRoundTripThroughTheLogFormatAndMalformedOnesAreSkipped()
    {
        var span = new Vigil.Model.EvidenceSpan(4, 7, "lex:vermin@x", 0.5);
        var parsed = LoggedEvidence.Parse([LoggedEvidence.Format(span), "garbage", "f@-1+2", "g@3+"]);
        Assert.Equal((4, 7, "lex:vermin@x"), (Assert.Single(parsed).Start, parsed[0].Length, parsed[0].Feature));
    }

    [Fact]
    public void SegmentsCoverTheTextOnceWithOverlapsTrimmedAndOverhangsClipped()
    {
        const string text = "they are vermin and rats";
        var segments = LoggedEvidence.Segments(text,
            [new(21, 10, "rats", 0), new(9, 6, "vermin", 0), new(12, 5, "overlap", 0), new(40, 2, "outside", 0)]);
        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(["they are ", "vermin", " a", "nd r", "ats"], segments.Select(s => s.Text));
        Assert.Equal([null, "vermin", "overlap", null, "rats"], segments.Select(s => s.Feature));
    }
}
