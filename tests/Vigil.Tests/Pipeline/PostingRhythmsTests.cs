using Vigil.Bots;
using Vigil.Model;
using Vigil.Pipeline;

namespace Vigil.Tests.Pipeline;

public sealed class PostingRhythmsTests
{
    [Fact]
    public void Behaviours_from_the_spilled_rhythms_equal_those_kept_in_memory()
    {
        // Accounts numbered past the partition count, posts interleaved, repeated texts (some differing in case and
        // spaces only), empty texts and posts at the same instant.
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        string[] texts = ["hello there", "HELLO there ", "another one", "", "  ", "something new"];
        var posts = Enumerable.Range(0, 5_000).Select(i => new Post
        {
            Id = $"p{i}", AuthorId = $"a{random.Next(60)}", CreatedAt = start.AddSeconds(random.Next(0, 86_400 * 3)),
            Text = random.Next(3) == 0 ? $"text {random.Next(40)}" : texts[random.Next(texts.Length)],
            RepostOfId = random.Next(5) == 0 ? "p0" : null, ReplyToId = random.Next(7) == 0 ? "p1" : null,
            Hashtags = random.Next(4) == 0 ? [$"tag{random.Next(5)}"] : [], Urls = [],
        }).ToList();
        var expected = PostingBehaviour.ByAuthor(posts);

        var number = new Dictionary<string, int>();
        var accumulators = new List<PostingBehaviour.Accumulator>();
        using var rhythms = new PostingRhythms();
        foreach (var post in posts)
        {
            if (!number.TryGetValue(post.AuthorId, out var a))
            {
                number[post.AuthorId] = a = accumulators.Count;
                accumulators.Add(new PostingBehaviour.Accumulator(keepRhythm: false));
            }
            accumulators[a].Add(post);
            rhythms.Add(a, post);
        }
        var seen = new List<int>();
        var actual = new Dictionary<string, PostingBehaviour>();
        rhythms.ForEachAuthor((a, ticks, textKeys) =>
        {
            seen.Add(a);
            actual[number.Single(kv => kv.Value == a).Key] = accumulators[a].Behaviour(ticks, textKeys);
        });

        Assert.Equal(Enumerable.Range(0, accumulators.Count), seen.Order()); // every author once
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (author, behaviour) in expected) Assert.Equal(behaviour, actual[author]);
        Assert.Contains(expected.Values, b => b.DuplicateTextShare > 0);
    }

    [Fact]
    public void An_accumulator_without_rhythm_asks_for_the_times()
    {
        var accumulator = new PostingBehaviour.Accumulator(keepRhythm: false);
        accumulator.Add(new Post { Id = "p", AuthorId = "a", CreatedAt = DateTimeOffset.UnixEpoch, Text = "x", Hashtags = [], Urls = [] });

        Assert.Throws<InvalidOperationException>(() => accumulator.Behaviour());
        Assert.Throws<ArgumentException>(() => accumulator.Behaviour([], []));
    }
}
