using Vigil.Policy;

namespace Vigil.Tests.Policy;

public sealed class LadderFormatTests
{
    [Fact]
    public void EveryCombinationRoundTripsInLadderOrder()
    {
        for (var bits = 0; bits < 128; bits++)
        {
            var actions = (ContentActions)bits;
            var text = Ladder.Format(actions);
            Assert.Equal(actions, Ladder.Parse(text));
            Assert.Equal(System.Numerics.BitOperations.PopCount((uint)bits), text.Length == 0 ? 0 : text.Split(',').Length);
        }
        Assert.Equal("label,demote,remove", Ladder.Format(ContentActions.Remove | ContentActions.Label | ContentActions.Demote));
        Assert.Equal(ContentActions.Remove, Ladder.Highest(ContentActions.Remove | ContentActions.Label));
        Assert.Throws<FormatException>(() => Ladder.Parse("label,delete"));
    }
}
