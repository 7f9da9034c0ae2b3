using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

public sealed class PairCountRunsTests
{
    [Fact]
    public void Runs_merge_to_exactly_the_counts_a_dictionary_sums()
    {
        // Slices of very different sizes (one empty, some past a merge read buffer of 2^16 items), over few enough
        // pairs that most recur in several slices, and a pair repeated inside one slice: equal keys meet within a run,
        // across runs, and across read buffers.
        var random = new Random(11);
        var expected = new Dictionary<long, int>();
        using var runs = new PairCountRuns();
        foreach (var size in new[] { 0, 1, 90_000, 3, 150_000, 70_000, 2 })
        {
            var slice = new List<(long Key, int Count)>();
            for (var i = 0; i < size; i++)
            {
                var key = ((long)random.Next(40) << 32) | (uint)random.Next(60);
                slice.Add((key, random.Next(1, 50)));
            }
            if (size > 0) slice.Add(slice[0]);
            foreach (var (key, count) in slice) expected[key] = expected.GetValueOrDefault(key) + count;
            runs.Add(slice);
        }

        var merged = runs.Merged().ToList();

        Assert.Equal(7, runs.RunCount);
        Assert.Equal(expected.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), merged);
        Assert.Contains(merged, p => p.Count > 1_000);
    }

    [Fact]
    public void Keys_keep_both_halves_and_their_order_when_the_second_has_its_top_bit_set()
    {
        // A pair key is (account a << 32) | (uint)account b: the low half must not be read as a negative number.
        using var runs = new PairCountRuns();
        var high = (3L << 32) | uint.MaxValue;
        var low = (3L << 32) | 1u;
        runs.Add([(high, 2), (low, 5)]);
        runs.Add([(high, 1), (4L << 32, 7)]);

        Assert.Equal([(low, 5), (high, 3), (4L << 32, 7)], runs.Merged().ToList());
    }

    [Fact]
    public void No_runs_merge_to_nothing()
    {
        using var runs = new PairCountRuns();
        Assert.Empty(runs.Merged());
    }
}
