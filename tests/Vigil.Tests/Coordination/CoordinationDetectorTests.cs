using Vigil.Coordination;
using Vigil.Tests.Support;

namespace Vigil.Tests.Coordination;

public sealed class CoordinationDetectorTests
{
    private static string FixturePath => SharedData.PathOf("bots", "coordination-samples", "qut_coretweet_test_input.csv");

    [SharedDataFact("bots/coordination-samples")]
    public void Toolkit_fixture_gives_the_co_retweet_edges_worked_out_by_hand()
    {
        var input = QutCsvReader.Read(FixturePath);
        Assert.Empty(input.SetAside);
        Assert.Equal(15, input.Messages.Count);

        // Worked out by hand from the fixture: pairs of reposts of one post within 60 s by different accounts.
        var window60 = Detect(input.Messages, CoordinationType.CoRetweet, 60, 1);
        Assert.Equal(
            [E("uid0", "uid1", 2), E("uid1", "uid0", 1), E("uid2", "uid3", 1), E("uid3", "uid2", 1), E("uid4", "uid5", 2), E("uid5", "uid4", 2)],
            window60);

        // The toolkit's own expectations (tests/test_graph_construction.py): node counts without self-loops.
        Assert.Equal(2, Nodes(Detect(input.Messages, CoordinationType.CoRetweet, 1, 1)));
        Assert.Equal(0, Nodes(Detect(input.Messages, CoordinationType.CoRetweet, 1, 2)));
        Assert.Equal(6, Nodes(window60));
    }

    [SharedDataFact("bots/coordination-samples")]
    public void Toolkit_fixture_matches_brute_force_for_every_type_and_window()
    {
        var messages = QutCsvReader.Read(FixturePath).Messages;
        foreach (var type in CoordinationTypes.All)
        foreach (var window in new[] { 0.0, 1, 10, 60, 300 })
        {
            var options = new CoordinationOptions { Type = type, WindowSeconds = window };
            Assert.Equal(BruteForceCoordination.Edges(messages, options), CoordinationDetector.Detect(messages, options).Edges);
        }
    }

    [Theory]
    [InlineData(CoordinationType.CoRetweet)]
    [InlineData(CoordinationType.CoTweet)]
    [InlineData(CoordinationType.CoSimilar)]
    [InlineData(CoordinationType.CoLink)]
    [InlineData(CoordinationType.CoReply)]
    [InlineData(CoordinationType.CoPost)]
    public void Fast_engine_equals_brute_force_on_random_inputs(CoordinationType type)
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed * 7919 + (int)type);
            var messages = RandomMessages.Generate(random, random.Next(20, 160));
            var options = new CoordinationOptions
            {
                Type = type,
                WindowSeconds = new[] { 0, 1, 2.5, 10, 30, 1000 }[random.Next(6)],
                MinWeight = random.Next(1, 4),
                SimilarityThreshold = new[] { 0.3, 0.5, 0.8, 1.0 }[random.Next(4)],
                MinSimilarityTokens = random.Next(1, 4),
                Partitions = random.Next(0, 5),
                MaxDegreeOfParallelism = random.Next(1, 3),
            };
            var expected = BruteForceCoordination.Edges(messages, options);
            var actual = CoordinationDetector.Detect(messages, options).Edges;
            Assert.True(expected.SequenceEqual(actual),
                $"seed {seed}, {options}: expected {expected.Count} edges, got {actual.Count}; first difference " +
                $"{expected.Except(actual).Concat(actual.Except(expected)).FirstOrDefault()}");
        }
    }

    [Fact]
    public void Random_inputs_do_produce_edges_of_every_type()
    {
        // Guards the property test against vacuous agreement on empty outputs.
        var messages = RandomMessages.Generate(new Random(5), 150);
        foreach (var type in CoordinationTypes.All)
            Assert.NotEmpty(CoordinationDetector.Detect(messages, new CoordinationOptions { Type = type, WindowSeconds = 30 }).Edges);
    }

    [Fact]
    public void Weight_counts_distinct_source_messages_not_matching_pairs()
    {
        // a's one post shares two URLs with two of b's posts: still one of a's messages, so weight 1; b has two.
        var messages = new[]
        {
            Msg("1", "a", 0, urls: ["u1", "u2"]),
            Msg("2", "b", 1, urls: ["u1"]),
            Msg("3", "b", 2, urls: ["u2"]),
        };
        var edges = CoordinationDetector.Detect(messages, new CoordinationOptions { Type = CoordinationType.CoLink, WindowSeconds = 5 }).Edges;
        Assert.Equal([E("a", "b", 1), E("b", "a", 2)], edges);
    }

    [Fact]
    public void Window_bounds_are_inclusive_and_fractional()
    {
        var messages = new[] { Msg("1", "a", 10.25, repost: "p"), Msg("2", "b", 12.75, repost: "p"), Msg("3", "c", 12.76, repost: "p") };
        var edges = CoordinationDetector.Detect(messages, new CoordinationOptions { WindowSeconds = 2.5 }).Edges;
        Assert.Contains(E("a", "b", 1), edges);
        Assert.DoesNotContain(edges, e => e is { User1: "a", User2: "c" });
    }

    [Fact]
    public void Posts_without_urls_never_co_link_and_reposts_never_co_tweet()
    {
        var messages = new[]
        {
            Msg("1", "a", 0, text: "same words"), Msg("2", "b", 0, text: "same words"),
            Msg("3", "c", 0, text: "same words", repost: "x"), Msg("4", "d", 0, text: "same words", repost: "x"),
        };
        Assert.Empty(CoordinationDetector.Detect(messages, new CoordinationOptions { Type = CoordinationType.CoLink }).Edges);
        var coTweet = CoordinationDetector.Detect(messages, new CoordinationOptions { Type = CoordinationType.CoTweet }).Edges;
        Assert.Equal([E("a", "b", 1), E("b", "a", 1)], coTweet);
    }

    [Fact]
    public void Co_post_counts_reposts_and_drops_self_loops()
    {
        var messages = new[] { Msg("1", "a", 0), Msg("2", "a", 1), Msg("3", "b", 2, repost: "x") };
        var edges = CoordinationDetector.Detect(messages, new CoordinationOptions { Type = CoordinationType.CoPost, WindowSeconds = 2 }).Edges;
        Assert.Equal([E("a", "b", 2), E("b", "a", 1)], edges);
    }

    [Fact]
    public void Results_do_not_depend_on_input_order_or_partitioning()
    {
        var random = new Random(11);
        var messages = RandomMessages.Generate(random, 300);
        var shuffled = messages.OrderBy(_ => random.Next()).ToArray();
        foreach (var type in CoordinationTypes.All)
        {
            var a = CoordinationDetector.Detect(messages, new CoordinationOptions { Type = type, WindowSeconds = 20, Partitions = 1 }).Edges;
            var b = CoordinationDetector.Detect(shuffled, new CoordinationOptions { Type = type, WindowSeconds = 20, Partitions = 7 }).Edges;
            Assert.Equal(a, b);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(50, 2)]
    public void Co_similar_in_slices_of_time_gives_the_edges_of_the_whole(int messagesPerSlice, int minWeight)
    {
        var messages = RandomMessages.Generate(new Random(5), 300);
        var whole = new CoordinationOptions { Type = CoordinationType.CoSimilar, WindowSeconds = 20, SimilarityThreshold = 0.5, MinWeight = minWeight };

        var expected = BruteForceCoordination.Edges(messages, whole);
        var sliced = CoordinationDetector.Detect(messages, whole with { MessagesPerTimeSlice = messagesPerSlice });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, sliced.Edges);
        Assert.Equal(CoordinationDetector.Detect(messages, whole).Matched, sliced.Matched);
    }

    [Fact]
    public void Non_finite_timestamps_are_refused_with_the_message_id()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            CoordinationDetector.Detect([Msg("1", "a", 0), Msg("bad", "b", double.NaN)], new CoordinationOptions()));
        Assert.Contains("'bad'", error.Message);
    }

    internal static CoordinationMessage Msg(string id, string user, double t, string text = "", string? repost = null,
        string? reply = null, string[]? urls = null) => new(id, user, user, repost, reply, text, t, urls ?? []);

    private static CoordinationEdge E(string a, string b, int w) => new(a, b, w);

    private static IReadOnlyList<CoordinationEdge> Detect(IReadOnlyList<CoordinationMessage> messages, CoordinationType type, double window, int minWeight) =>
        CoordinationDetector.Detect(messages, new CoordinationOptions { Type = type, WindowSeconds = window, MinWeight = minWeight }).Edges;

    private static int Nodes(IReadOnlyList<CoordinationEdge> edges) => edges.SelectMany(e => new[] { e.User1, e.User2 }).Distinct().Count();
}
