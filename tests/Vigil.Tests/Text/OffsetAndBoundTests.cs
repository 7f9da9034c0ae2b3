using Vigil.Text;

namespace Vigil.Tests.Text;

/// <summary>The contract around the text: offsets back into the source, bounded output, no allocation.</summary>
public sealed class OffsetAndBoundTests
{
    private static (string Text, int[] Offsets) NormalizeWithOffsets(string source)
    {
        var chars = new char[TextNormalizer.MaxOutputLength(source.Length)];
        var offsets = new int[chars.Length];
        var written = TextNormalizer.Normalize(source, chars, offsets);
        return (new string(chars, 0, written), offsets[..written]);
    }

    [Fact]
    public void Joined_spaced_letters_point_at_each_source_letter()
    {
        var (text, offsets) = NormalizeWithOffsets("the j e w s");
        Assert.Equal("the jews", text);
        Assert.Equal([0, 1, 2, 3, 4, 6, 8, 10], offsets);
    }

    [Fact]
    public void Dropped_chars_shift_later_offsets()
    {
        var (text, offsets) = NormalizeWithOffsets("J\u200Bé\u0301w");
        Assert.Equal("jew", text);
        Assert.Equal([0, 2, 4], offsets);
    }

    [Fact]
    public void Tokens_point_at_the_start_of_the_construct_they_replace()
    {
        var (text, offsets) = NormalizeWithOffsets("hi (((x))) 🐀 @bob");
        Assert.Equal("hi xxecho x rat xxuser", text);
        var echo = text.IndexOf("xxecho", StringComparison.Ordinal);
        Assert.All(offsets[echo..(echo + 6)], offset => Assert.Equal(3, offset));
        Assert.Equal(6, offsets[text.IndexOf(" x ", StringComparison.Ordinal) + 1]);
        var rat = text.IndexOf("rat", StringComparison.Ordinal);
        Assert.All(offsets[rat..(rat + 3)], offset => Assert.Equal(11, offset));
        Assert.Equal(14, offsets[text.IndexOf("xxuser", StringComparison.Ordinal)]);
    }

    [Fact]
    public void A_coded_number_points_at_its_first_digit()
    {
        var (text, offsets) = NormalizeWithOffsets("yes 14/88");
        Assert.Equal("yes xxnum1488", text);
        Assert.All(offsets[4..], offset => Assert.Equal(4, offset));
    }

    [Theory]
    [MemberData(nameof(TrickySamples))]
    public void Offsets_stay_inside_the_source_and_never_go_back_before_a_replaced_construct(string source)
    {
        var (_, offsets) = NormalizeWithOffsets(source);
        Assert.All(offsets, offset => Assert.InRange(offset, 0, source.Length - 1));
        for (var k = 1; k < offsets.Length; k++) Assert.True(offsets[k] >= offsets[k - 1], $"offset {k} went back");
    }

    [Theory]
    [MemberData(nameof(TrickySamples))]
    public void A_short_destination_gets_a_prefix_and_nothing_beyond_it(string source)
    {
        var full = TextNormalizer.Normalize(source);
        for (var size = 0; size <= full.Length; size++)
        {
            var chars = new char[size + 8];
            var offsets = new int[size + 8];
            Array.Fill(chars, '\u2620');
            var written = TextNormalizer.Normalize(source, chars.AsSpan(0, size), offsets.AsSpan(0, size));
            Assert.InRange(written, 0, size);
            Assert.StartsWith(new string(chars, 0, written).TrimEnd(), full);
            Assert.All(chars[size..], c => Assert.Equal('\u2620', c));
            foreach (var token in ReservedTokens.All)
            {
                var cut = new string(chars, 0, written);
                if (cut.EndsWith(token[..^1], StringComparison.Ordinal) && !full.Contains(cut, StringComparison.Ordinal))
                    Assert.Fail($"partial token at size {size}: '{cut}'");
            }
        }
    }

    [Fact]
    public void Worst_case_growth_fits_max_output_length()
    {
        string[] pieces = ["✡", "☠", "⚡", "卐", "🐀", "(((a)))", "@b ", "88 heil ", "jq solve ", "a.co ", "ﬃ", "⑴", "zog "];
        var random = new Random(1488);
        for (var round = 0; round < 200; round++)
        {
            var source = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var roomy = new char[source.Length * 64 + 64];
            var expected = TextNormalizer.Normalize(source, roomy, new int[roomy.Length]);
            Assert.True(expected <= TextNormalizer.MaxOutputLength(source.Length), $"'{source}' grew to {expected}");
            Assert.Equal(new string(roomy, 0, expected), TextNormalizer.Normalize(source));
        }
    }

    [Fact]
    public void The_span_overload_allocates_nothing_once_warm()
    {
        const string post = "The J3WS control the 💰!! (((them))) #JewsControlTheMedia https://example.org/x @bob 1488 јеws";
        var chars = new char[TextNormalizer.MaxOutputLength(post.Length)];
        var offsets = new int[chars.Length];
        TextNormalizer.Normalize(post, chars, offsets);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 100; k++) TextNormalizer.Normalize(post, chars, offsets);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Empty_text_gives_empty_output() => Assert.Equal("", TextNormalizer.Normalize(""));

    [Fact]
    public void A_lone_surrogate_is_dropped_without_error() => Assert.Equal("ab", TextNormalizer.Normalize("a\uD800b"));

    public static TheoryData<string> TrickySamples() =>
    [
        "The J3WS control the 💰!! (((them))) #JewsControlTheMedia",
        "read https://www.example.org/a?b=c and mail x@y.com, @bob@mastodon.social",
        "ⓙⓔⓦⓢ j e w s jeeewwws 6 million wasn't enough 1488 🇮🇱",
        "Москва 𝐉𝐞𝐰𝐬 ✡️ ﬁnance heil 88 13/50",
    ];
}
