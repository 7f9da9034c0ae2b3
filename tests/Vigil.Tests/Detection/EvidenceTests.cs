using Vigil.Detection;
using Vigil.Text;

namespace Vigil.Tests.Detection;

public sealed class EvidenceTests
{
    private static readonly Detector Detector = Detector.LoadDefault();

    [Fact]
    public void Evidence_spans_point_at_words_of_the_original_text()
    {
        const string text = "Honestly, the GLOBALISTS control the media. Wake up!";
        var assessment = Detector.Assess("p1", text);
        Assert.NotEmpty(assessment.Evidence);
        foreach (var span in assessment.Evidence)
        {
            Assert.InRange(span.Start, 0, text.Length - 1);
            Assert.InRange(span.Start + span.Length, 1, text.Length);
            var shown = text.Substring(span.Start, span.Length);
            // The feature names the normalised word; the span must show that same word as it was written.
            var word = span.Feature[(span.Feature.IndexOf(':') + 1)..];
            Assert.Equal(word, shown.ToLowerInvariant());
        }
        Assert.Contains(assessment.Evidence, e => e.Feature == "word:globalists");
    }

    [Fact]
    public void Evidence_on_obfuscated_words_points_at_the_obfuscated_spelling()
    {
        const string text = "wake up: the j3ws c0ntr0l the m3dia";
        var assessment = Detector.Assess("p3", text);
        Assert.NotEmpty(assessment.Evidence);
        foreach (var evidence in assessment.Evidence)
        {
            // The span shows the word as written; normalising it gives back the word the feature names.
            var shown = text.Substring(evidence.Start, evidence.Length);
            Assert.Equal(evidence.Feature["word:".Length..], TextNormalizer.Normalize(shown));
        }
        Assert.Contains(assessment.Evidence, e => text.Substring(e.Start, e.Length) != e.Feature["word:".Length..]);
    }

    [Theory]
    [InlineData("(((They))) don't want you to know who really runs the news.")]
    [InlineData("@someone the jews control the media https://example.org/x read it")]
    public void Evidence_never_shows_a_word_the_normaliser_wrote_for_a_construct(string text)
    {
        var assessment = Detector.Assess("p4", text);
        Assert.NotEmpty(assessment.Evidence);
        Assert.DoesNotContain(assessment.Evidence, e => ReservedTokens.Is(e.Feature.AsSpan(e.Feature.IndexOf(':') + 1)));
    }

    [Fact]
    public void Coded_echo_is_named_with_its_span()
    {
        const string text = "who funds this? (((Soros))) of course";
        var assessment = Detector.Assess("p2", text);
        var coded = Assert.Single(assessment.Evidence, e => e.Feature.StartsWith("coded:", StringComparison.Ordinal));
        Assert.Equal("Soros", text.Substring(coded.Start, coded.Length));
        Assert.True(assessment.Antisemitic);
    }

    [Fact]
    public void Evidence_spans_cover_surrogate_pairs_whole()
    {
        const string text = "they are 🐀 all of them, the jews";
        var session = Detector.CreateSession();
        session.Score(text);
        foreach (var span in session.Explain())
        {
            Assert.False(char.IsLowSurrogate(text[span.Start]));
            var end = span.Start + span.Length;
            Assert.True(end == text.Length || !char.IsLowSurrogate(text[end]));
        }
    }
}
