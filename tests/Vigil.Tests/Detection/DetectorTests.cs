using Vigil.Detection;
using Vigil.Model;

namespace Vigil.Tests.Detection;

public sealed class DetectorTests
{
    private static readonly Detector Detector = Detector.LoadDefault();

    [Fact]
    public void Shipped_model_loads_with_versions()
    {
        Assert.StartsWith("vigil-detect-", Detector.ModelVersion);
        Assert.Equal(TaxonomyTable.Default.Version, Detector.TaxonomyVersion);
    }

    [Fact]
    public void Same_text_gives_the_same_assessment()
    {
        const string text = "the globalists control the media and the banks";
        var first = Detector.Assess("a", text);
        var second = Detector.CreateSession().Score(text);
        Assert.Equal(first.PAntisemitic, second.PAntisemitic);
        Assert.Equal(first.PHateful, second.PHateful);
        Assert.Equal(first.Label.Code, second.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("the jews control the banks")]
    [InlineData("we stand with our jewish neighbours against hate")]
    public void Probabilities_are_probabilities(string text)
    {
        var verdict = Detector.CreateSession().Score(text);
        foreach (var p in new[] { verdict.PAntisemitic, verdict.PHateful, verdict.PHateSpeech, verdict.POffensive,
                     verdict.PNormal, verdict.PTargetJews, verdict.PTargetOther, verdict.PTargetNone })
            Assert.InRange(p, 0, 1);
        Assert.Equal(1, verdict.PHateSpeech + verdict.POffensive + verdict.PNormal, 6);
        Assert.Equal(1, verdict.PTargetJews + verdict.PTargetOther + verdict.PTargetNone, 6);
    }

    [Fact]
    public void Antisemitic_verdicts_are_agreed_antisemitic()
    {
        var session = Detector.CreateSession();
        string[] texts =
        [
            "(((they))) run everything", "the holohoax is a lie", "jews are vermin", "nice weather today",
            "the jews today act just like the nazis did", "israel behaves like nazi germany", "muslims control the banks",
            "the zionists run the media and the banks", "gay people are disgusting", "boycott israel now",
            "netanyahu's judicial overhaul is a disgrace", "antisemitism is vile and we condemn it",
        ];
        foreach (var text in texts)
        {
            var verdict = session.Score(text);
            Assert.True(verdict.Antisemitic == (verdict.Consensus == ConsensusClass.AgreedAntisemitic), text);
            var label = new ContentLabel(verdict.Target, verdict.Code, verdict.Consensus, verdict.Explicitness);
            Assert.True(verdict.Hateful == label.IsHateful, text);
        }
    }
    [Fact]
    public void Hate_aimed_at_jews_is_never_reported_as_hate_toward_another_group()
    {
        // Either the antisemitism rules flag it, or the hate head's alarm on a text about Jews is overruled with them.
        var session = Detector.CreateSession();
        string[] texts =
        [
            "the jews in this street are noisy and rude", "i can't stand the jewish neighbours", "jews are the worst",
            "every jew i meet is arrogant", "the synagogue crowd blocked the road again", "zionists are idiots",
        ];
        foreach (var text in texts)
        {
            var verdict = session.Score(text);
            Assert.False(verdict.Hateful && !verdict.Antisemitic && verdict.Target == Target.JewsCollective, text);
        }
    }

    [Fact]
    public void Each_rule_only_adds_its_own_decision_over_the_same_model()
    {
        // Switching a rule off (what `vigil eval --ablate` does) leaves the model's head outputs as they were.
        const string slur = "nobody wants a kike in this club";
        var with = Detector.CreateSession().Score(slur);
        var without = Detector.WithRules(DetectorRules.All & ~DetectorRules.SlurSaidOutright).CreateSession().Score(slur);
        Assert.True(with.Antisemitic);
        Assert.Equal(with.PHateSpeech, without.PHateSpeech);
        // Without a Jewish subject the antisemitism score is weighed down by the target head, never up.
        const string noSubject = "my boss is an idiot and a liar";
        Assert.True(Detector.CreateSession().Score(noSubject).PAntisemitic
                    <= Detector.WithRules(DetectorRules.SlurSaidOutright).CreateSession().Score(noSubject).PAntisemitic);
    }
}
