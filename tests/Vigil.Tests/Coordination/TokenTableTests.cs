using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

public sealed class TokenTableTests
{
    [Fact]
    public void Tokens_read_back_from_the_scratch_file_are_each_messages_distinct_words_in_one_order()
    {
        // Enough messages that the tokens span several reads of the scratch file (2^20 ints each); some too short to keep.
        var random = new Random(3);
        var words = Enumerable.Range(0, 5_000).Select(i => $"w{i}x").ToArray();
        var texts = Enumerable.Range(0, 130_000).Select(m => m % 10 == 0 ? ""
            : string.Join(' ', Enumerable.Range(0, random.Next(2, 22)).Select(_ => words[random.Next(words.Length)]))).ToArray();
        var builder = new TokenTable.Builder(minTokens: 5);
        foreach (var text in texts) builder.Add(text);
        using var table = builder.Build();

        var all = Enumerable.Range(0, texts.Length).ToArray();
        table.Load(all);
        var whole = all.Select(m => table.Of(m).ToArray()).ToArray();
        Assert.InRange(whole.Sum(t => t.Length), (1 << 20) + 1, int.MaxValue);
        for (var m = 0; m < texts.Length; m++)
        {
            var distinct = texts[m].Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Count();
            Assert.Equal(distinct >= 5 ? distinct : 0, whole[m].Length);
            Assert.Equal(whole[m].Length, table.Count(m));
            Assert.True(whole[m].SequenceEqual(whole[m].Order().Distinct()), $"message {m}'s ranks are not ascending and distinct");
        }
        Assert.Equal(whole.Count(t => t.Length > 0), table.MessagesWithTokens);

        // Slices in any order load exactly the tokens the whole load gave, each message under its position in the slice.
        foreach (var size in new[] { 1, 900, 40_000 })
        {
            var slice = all.OrderBy(_ => random.Next()).Take(size).ToArray();
            table.Load(slice);
            for (var i = 0; i < slice.Length; i++)
            {
                Assert.Equal(whole[slice[i]], table.Of(i).ToArray());
                Assert.Equal(whole[slice[i]].Length, table.LoadedCount(i));
            }
        }
    }

    [Fact]
    public void Reaching_a_threshold_agrees_with_the_jaccard_quotient_for_every_pair_and_threshold()
    {
        var random = new Random(5);
        var texts = Enumerable.Range(0, 300)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => $"t{random.Next(16)}"))).ToArray();
        var builder = new TokenTable.Builder(minTokens: 1);
        foreach (var text in texts) builder.Add(text);
        using var table = builder.Build();
        table.Load(Enumerable.Range(0, texts.Length).ToArray());
        var sets = texts.Select(t => t.Split(' ').ToHashSet()).ToArray();

        var reached = 0;
        foreach (var threshold in new[] { 0.1, 1.0 / 3, 0.5, 0.6, 2.0 / 3, 0.8, 1.0 })
            for (var a = 0; a < texts.Length; a++)
                for (var b = a; b < texts.Length; b += 7)
                {
                    var shared = sets[a].Intersect(sets[b]).Count();
                    var expected = (double)shared / (sets[a].Count + sets[b].Count - shared) >= threshold;
                    Assert.Equal(expected, table.Reaches(a, b, threshold));
                    if (expected) reached++;
                }
        Assert.InRange(reached, 100, int.MaxValue);
    }

    [Theory]
    [InlineData(3, 3, 1.0, 3)]
    [InlineData(4, 6, 0.5, 4)]
    [InlineData(5, 5, 0.5, 4)]
    [InlineData(2, 9, 0.5, 3)] // no overlap can reach it: one more than the smaller set
    public void The_smallest_overlap_is_the_first_whose_quotient_reaches_the_threshold(int x, int y, double threshold, int expected)
    {
        Assert.Equal(expected, TokenTable.SmallestOverlap(x, y, threshold));
    }

    [Fact]
    public void Rarer_tokens_rank_first()
    {
        var builder = new TokenTable.Builder(minTokens: 2);
        foreach (var text in new[] { "common rare", "common other", "common other" }) builder.Add(text);
        using var table = builder.Build();
        table.Load([0, 1, 2]);

        // "rare" once, "other" twice, "common" three times.
        Assert.Equal([0, 2], table.Of(0).ToArray());
        Assert.Equal([1, 2], table.Of(1).ToArray());
    }
}
