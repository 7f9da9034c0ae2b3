using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

public sealed class OccurrenceIndexTests
{
    [Fact]
    public void An_index_built_into_arrays_used_before_equals_one_built_fresh()
    {
        // A large build, then a smaller one with other groups and messages into the same arrays: what the first left
        // behind (longer arrays, other counts) must not show through the second.
        var random = new Random(4);
        const int messages = 2_000;
        var time = Enumerable.Range(0, messages).Select(_ => (double)random.Next(1_000)).ToArray();
        var arrays = new OccurrenceIndex.Arrays();
        Occurrences(random, 9_000, messages, 300, out var bigMessage, out var bigGroup);
        OccurrenceIndex.Build(bigMessage, bigGroup, 300, time, messages, arrays);
        Occurrences(random, 2_500, messages / 2, 120, out var message, out var group);

        var reused = OccurrenceIndex.Build(message, group, 120, time, messages, arrays);
        var fresh = OccurrenceIndex.Build(message, group, 120, time, messages);

        Assert.Equal(fresh.Length, reused.Length);
        Assert.Equal(message.Length, reused.Length);
        Assert.True(reused.Group.Length > reused.Length, "the second build should have reused the first's longer arrays");
        Assert.Equal(fresh.Group.AsSpan(0, fresh.Length).ToArray(), reused.Group.AsSpan(0, reused.Length).ToArray());
        Assert.Equal(fresh.Time.AsSpan(0, fresh.Length).ToArray(), reused.Time.AsSpan(0, reused.Length).ToArray());
        Assert.Equal(fresh.Message.AsSpan(0, fresh.Length).ToArray(), reused.Message.AsSpan(0, reused.Length).ToArray());
        for (var m = 0; m < messages; m++)
        {
            Assert.Equal(fresh.Occurs(m), reused.Occurs(m));
            Assert.Equal(fresh.PositionsOf(m).ToArray(), reused.PositionsOf(m).ToArray());
            foreach (var pos in reused.PositionsOf(m)) Assert.Equal(m, reused.Message[pos]);
        }
        for (var pos = 1; pos < reused.Length; pos++)
            Assert.True(reused.Group[pos - 1] < reused.Group[pos] || (reused.Group[pos - 1] == reused.Group[pos] && reused.Time[pos - 1] <= reused.Time[pos]),
                $"position {pos} is out of (group, time) order");
    }

    private static void Occurrences(Random random, int count, int messages, int groups, out int[] message, out int[] group)
    {
        message = new int[count];
        group = new int[count];
        for (var k = 0; k < count; k++)
        {
            message[k] = random.Next(messages);
            group[k] = random.Next(groups);
        }
    }
}
