using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Detection.Encoder;
using Vigil.Tests.Detection.Encoder;

namespace Vigil.Tests.Detection.Cascade;

/// <summary>
/// Routing between the two stages, on the shipped n-gram model and the pretrained encoder with seeded heads (so these
/// check which stage decides and what it reports, not accuracy).
/// </summary>
public sealed class CascadeDetectorTests : IClassFixture<CascadeDetectorTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        internal TextEncoder Encoder { get; } =
            TextEncoder.Create(BaseEncoder.LoadDefault(), TextEncoderTests.RandomHeads(seed: 11, withTarget: true, threshold: 0.02f, emojiWords: true), new EncoderOptions { Threads = 2 });
        public void Dispose() => Encoder.Dispose();
    }

    private readonly Fixture _fixture;
    public CascadeDetectorTests(Fixture fixture) => _fixture = fixture;

    private static readonly string[] Texts =
    [
        "The Jews control the banks and the media, wake up",
        "Lovely weather for a picnic in the park today",
        "Israel's government should stop building settlements",
        "Muslims are rats and should be thrown out",
        "Il cielo oggi è molto blu e il sole splende, che bello",
        "(((they))) are behind every war, 6mwe",
        "I don't hate anyone, I just disagree with the policy",
        "Die Juden sind an allem schuld und das ist so",
    ];

    private CascadeDetector Create(ScoringMode mode, double band = CascadeOptions.DefaultBand) =>
        CascadeDetector.Create(Detector.LoadDefault(), _fixture.Encoder, new CascadeOptions { Mode = mode, Band = band });

    [Fact]
    public void Fast_mode_is_the_first_stage_alone()
    {
        var detector = Create(ScoringMode.Fast);
        var scored = detector.Score(Detector.LoadDefault().CreateSession(), Texts);
        var session = Detector.LoadDefault().CreateSession();
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(1, scored[i].Stage);
            Assert.Equal(session.Score(Texts[i]), scored[i].Verdict);
        }
    }

    [Fact]
    public void Encoder_mode_sends_every_english_text_to_the_encoder_and_leaves_other_languages_to_stage_1()
    {
        var detector = Create(ScoringMode.Encoder);
        var scored = detector.Score(Detector.LoadDefault().CreateSession(), Texts);
        for (var i = 0; i < Texts.Length; i++)
            Assert.Equal(scored[i].Verdict.LanguageSupported && scored[i].Verdict.Language == "en" && scored[i].Verdict.ReadsAsEnglish ? 2 : 1, scored[i].Stage);
        Assert.Contains(scored, s => !s.Verdict.LanguageSupported);
        // German is scored (stage 1 learnt it) but never by the English-only encoder.
        Assert.Contains(scored, s => s.Verdict.LanguageSupported && s.Verdict.Language == "de" && s.Stage == 1);
    }

    [Fact]
    public void Cascade_sends_exactly_the_texts_the_first_stage_is_unsure_of()
    {
        const double band = 0.2;
        var detector = Create(ScoringMode.Cascade, band);
        var scored = detector.Score(Detector.LoadDefault().CreateSession(), Texts);
        var session = Detector.LoadDefault().CreateSession();
        for (var i = 0; i < Texts.Length; i++)
        {
            var verdict = session.Score(Texts[i]);
            var first = session.LastScores;
            var unsure = CascadeDetector.EncoderReads(verdict) && (Math.Abs(first.PAntisemitic - first.AntisemiticThreshold) < band
                                                       || Math.Abs(first.PHateful - first.HatefulThreshold) < band);
            Assert.Equal(unsure ? 2 : 1, scored[i].Stage);
        }
        // With no band nothing is unsure; asking for confirmation still sends a text on.
        var narrow = Create(ScoringMode.Cascade, band: 0);
        var confirm = Texts.Select((_, i) => i == 1).ToArray();
        var routed = narrow.Score(Detector.LoadDefault().CreateSession(), Texts, confirm);
        Assert.Equal([1, 2, 1, 1, 1, 1, 1, 1], routed.Select(s => s.Stage));
    }

    [Fact]
    public void With_confirm_flagged_every_text_the_policy_could_act_on_goes_to_the_encoder()
    {
        var detector = CascadeDetector.Create(Detector.LoadDefault(), _fixture.Encoder,
            new CascadeOptions { Mode = ScoringMode.Cascade, Band = 0, ConfirmFlagged = true });
        var scored = detector.Score(Detector.LoadDefault().CreateSession(), Texts);
        var session = Detector.LoadDefault().CreateSession();
        var actedOn = 0;
        for (var i = 0; i < Texts.Length; i++)
        {
            var first = session.Score(Texts[i]);
            var acted = CascadeDetector.EncoderReads(first) && (first.Hateful || first.Antisemitic || first.Consensus != Vigil.Model.ConsensusClass.Neutral);
            if (acted) actedOn++;
            Assert.Equal(acted ? 2 : 1, scored[i].Stage);
        }
        Assert.InRange(actedOn, 1, Texts.Length - 1);
    }

    [Fact]
    public void Confirm_gives_the_encoders_assessment_with_evidence_on_real_spans()
    {
        var detector = Create(ScoringMode.Cascade, band: 0);
        var assessments = detector.Confirm(Texts.Select((t, i) => ($"p{i}", t)).ToArray());
        Assert.Equal(Texts.Length, assessments.Count);
        Assert.Contains("+test-random-heads", assessments[0].ModelVersion);
        Assert.Contains(assessments, a => a.Hateful);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal($"p{i}", assessments[i].PostId);
            foreach (var span in assessments[i].Evidence)
            {
                Assert.InRange(span.Start, 0, Texts[i].Length - 1);
                Assert.InRange(span.Start + span.Length, 1, Texts[i].Length);
                if (span.Feature.StartsWith("encoder:", StringComparison.Ordinal))
                    Assert.Equal(Texts[i].Substring(span.Start, span.Length), span.Feature["encoder:".Length..]);
            }
        }
        Assert.Contains(assessments, a => a.Evidence.Any(e => e.Feature.StartsWith("encoder:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("you are all 🐀 and 🐍", 2)]          // English, with emoji the n-gram stage does not know
    [InlineData("kill all 🐀🐀 now", 1)]              // no English function word: no positive evidence of English
    [InlineData("Żydzi to 🐀🐀", 1)]                  // Polish: stage 1 decides in every mode
    [InlineData("you are all lovely people and I mean it", 1)]
    public void Cascade_sends_english_text_with_pictographs_to_the_encoder(string text, int stage)
    {
        var scored = Create(ScoringMode.Cascade, band: 0).Score(Detector.LoadDefault().CreateSession(), [text]);
        Assert.Equal(stage, scored[0].Stage);
    }

    [Theory]
    [InlineData("Judeus controlam a mídia", false)] // one Portuguese function word: guessed English by default, but í says otherwise
    [InlineData("kill all 🐀🐀 now", true)]        // no function word, but nothing says it is not English
    [InlineData("the Jews control the banks", true)]
    public void A_text_guessed_english_for_want_of_evidence_stays_with_stage_1_when_its_letters_say_otherwise(string text, bool encoder)
    {
        var scored = Create(ScoringMode.Encoder).Score(Detector.LoadDefault().CreateSession(), [text]);
        Assert.Equal("en", scored[0].Verdict.Language);
        Assert.Equal(encoder, scored[0].Verdict.ReadsAsEnglish);
        Assert.Equal(encoder ? 2 : 1, scored[0].Stage);
    }

    [Theory]
    [InlineData(ScoringMode.Fast)]
    [InlineData(ScoringMode.Encoder)]
    public void Assessing_one_text_gives_what_the_batch_gives(ScoringMode mode)
    {
        var detector = Create(mode);
        var scored = detector.Score(Detector.LoadDefault().CreateSession(), Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var batch = detector.ToAssessment($"p{i}", scored[i]);
            var one = detector.Assess($"p{i}", Texts[i]);
            Assert.Equal(batch with { Evidence = [] }, one with { Evidence = [] });
            Assert.Equal(batch.Evidence, one.Evidence);
        }
        Assert.Equal(mode == ScoringMode.Encoder, Texts.Select((t, i) => detector.Assess($"p{i}", t))
            .Any(a => a.ModelVersion.Contains("+test-random-heads", StringComparison.Ordinal)));
    }
}
