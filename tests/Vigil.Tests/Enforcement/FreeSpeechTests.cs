using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

/// <summary>Contested, protected and exempt speech never loses reach under the default policy, whatever else is true.</summary>
public sealed class FreeSpeechTests
{
    [Fact]
    public async Task NoCombinationTakesReachFromContestedProtectedOrExemptSpeech()
    {
        var engine = await EngineAsync(new FakeClock(Start));
        var inputs = new List<PolicyInput>();
        var n = 0;
        foreach (var code in Enum.GetValues<ContentCode>())
        foreach (var target in Enum.GetValues<Target>())
        {
            var consensus = TaxonomyTable.Default.Classify(code, target);
            if (consensus is not (ConsensusClass.Contested or ConsensusClass.ProtectedPolitical or
                ConsensusClass.ExemptContext or ConsensusClass.Neutral)) continue;
            foreach (var explicitness in Enum.GetValues<Explicitness>())
            foreach (var score in new[] { 0.5, 0.8, 1.0 })
            foreach (var reach in new[] { 0L, 5_000_000L })
            foreach (var jurisdiction in new[] { null, "DE", "FR" })
            foreach (var bot in new[] { 0.0, 0.99 })
                inputs.Add(Input($"p{n++}", $"a{n % 7}", code, explicitness, score, reach, jurisdiction, bot,
                    bot > 0 ? "cluster" : null, target));
        }
        Assert.True(inputs.Count > 1000);
        await engine.ApplyAsync(inputs);

        foreach (var input in inputs)
        {
            var actions = engine.State.ContentActionsFor(DecisionSubject.Post(input.PostId));
            Assert.Equal(ContentActions.None, actions & Ladder.ReachReducing);
            if (input.Assessment.Label.Consensus is ConsensusClass.ProtectedPolitical or ConsensusClass.ExemptContext)
                Assert.Equal(ContentActions.None, actions);
        }
        Assert.Empty(engine.State.Queue());
        Assert.Empty(engine.State.AllStrikes);
    }
}
