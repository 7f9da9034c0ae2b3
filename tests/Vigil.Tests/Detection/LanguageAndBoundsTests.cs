using Vigil.Detection;
using Vigil.Model;

namespace Vigil.Tests.Detection;

public sealed class LanguageAndBoundsTests
{
    private static readonly DetectorSession Session = Detector.LoadDefault().CreateSession();

    [Theory]
    [InlineData("Die Juden sind nicht schuld, und das ist auch klar", "de")]
    [InlineData("Les juifs ne sont pas le problème, et c'est une évidence", "fr")]
    [InlineData("Los judíos no tienen la culpa de nada y eso está claro", "es")]
    [InlineData("Os judeus não são o problema, isso é muito claro", "pt")]
    [InlineData("Żydzi nie są winni, to jest jasne, tylko tyle", "pl")]
    [InlineData("ale to jest bardzo dobre", "pl")]      // short, no Polish letter: its function words alone
    [InlineData("eu acho isso agora", "pt")]            // likewise for Portuguese
    [InlineData("Wir haben heute keine Zeit", "de")]    // short German, no German letter
    [InlineData("Hay mucha gente aqui con nosotros", "es")]
    [InlineData("nem vou la hoje pq tava chovendo", "pt")]
    [InlineData("اليهود ليسوا مسؤولين عن هذا", "ar")]
    [InlineData("היהודים אינם אשמים בכלום", "he")]
    public void Languages_the_detector_was_trained_on_are_scored(string text, string language)
    {
        var verdict = Session.Score(text);
        Assert.Equal(language, verdict.Language);
        Assert.True(verdict.LanguageSupported);
        Assert.InRange(verdict.PHateful, 1e-9, 1);
    }

    [Theory]
    [InlineData("Żydzi rządzą bankami", "pl")]         // no listed Polish function word: its letters say Polish
    [InlineData("Wczoraj byłam w sklepie i kupiłam chleb", "pl")]
    [InlineData("Eles estão lá com a mãe", "pt")]
    [InlineData("Mañana, señor", "es")]
    [InlineData("Schöne Grüße", "de")]
    [InlineData("The über-rich and the rest of us", "en")] // one German letter does not outvote English function words
    [InlineData("Ça va, mon ami", "en")]               // ç is French and Portuguese: no vote, and too little else
    public void Letters_only_one_language_writes_vote_for_it(string text, string language) =>
        Assert.Equal(language, Session.Score(text).Language);

    [Theory]
    [InlineData("Евреи тут ни при чём, это ясно всем", "ru")]
    [InlineData("Gli ebrei non sono il problema, e questo è chiaro", "it")]
    public void Other_languages_are_flagged_unsupported_not_scored(string text, string language)
    {
        var verdict = Session.Score(text);
        Assert.Equal(language, verdict.Language);
        Assert.False(verdict.LanguageSupported);
        Assert.False(verdict.Hateful);
        Assert.Equal(0, verdict.PHateful);
        Assert.Equal(ContentCode.None, verdict.Code);
    }

    [Theory]
    [InlineData("Die Juden sind Ratten und Parasiten")]
    [InlineData("Los judíos son ratas y parásitos")]
    [InlineData("Os judeus são ratos e parasitas")]
    [InlineData("Żydzi to szczury i pasożyty")]
    [InlineData("اليهود جرذان وحشرات")]
    public void Dehumanising_hate_toward_jews_is_flagged_in_each_language(string text)
    {
        // Hand-written here, not among the training seeds: the words for Jews and the vermin metaphor come from the
        // lexicon and the multilingual data, not from a memorised sentence.
        var verdict = Session.Score(text);
        Assert.True(verdict.Hateful, $"p_hateful {verdict.PHateful:F3}");
        Assert.Equal(Target.JewsCollective, verdict.Target);
    }

    [Theory]
    [InlineData("Unsere Nachbarn sind Juden und feiern heute", "de")]
    [InlineData("Mis vecinos son judíos y hoy celebran con nosotros", "es")]
    public void Outside_english_the_antisemitic_flag_needs_the_hateful_head_too(string text, string language)
    {
        // Scores as the first stage might give them for talk about Jews: the antisemitism head, which outside English
        // learnt from a few hundred rows, is over its threshold; the hateful head, which learnt the language, is not.
        var scores = new StageScores
        {
            PAntisemitic = 0.5, AntisemiticThreshold = 0.35, PHateful = 0.1, HatefulThreshold = 0.32,
            PHateSpeech = 0.1, POffensive = 0.1, PNormal = 0.8, PTargetJews = 0.6, PTargetOther = 0.2, PTargetNone = 0.2,
        };
        var verdict = Detector.LoadDefault().CreateSession().Score(text, scores);
        Assert.Equal(language, verdict.Language);
        Assert.False(verdict.Antisemitic);
        Assert.Equal(0.3, verdict.PAntisemitic, 6);
        var ablated = Detector.LoadDefault().WithRules(DetectorRules.All & ~DetectorRules.HateOutsideEnglish).CreateSession().Score(text, scores);
        Assert.True(ablated.Antisemitic);
        // In English the antisemitism head was trained on thousands of expert-labelled tweets and decides alone.
        Assert.True(Detector.LoadDefault().CreateSession().Score("our neighbours are jews and celebrate today", scores).Antisemitic);
    }

    [Theory]
    [InlineData("the jews are not the problem, and that is clear")]
    [InlineData("lol")]
    [InlineData("🙂🙂🙂")]
    public void English_and_language_less_text_is_scored(string text)
    {
        var verdict = Session.Score(text);
        Assert.Equal("en", verdict.Language);
        Assert.True(verdict.LanguageSupported);
    }

    [Fact]
    public void Very_long_text_is_bounded_and_marked()
    {
        var text = string.Concat(Enumerable.Repeat("the weather is nice and the sea is calm today. ", 100_000));
        var verdict = Session.Score(text);
        Assert.True(verdict.Truncated);
        Assert.InRange(verdict.PHateful, 0, 1);
        Assert.False(Session.Score("the weather is nice").Truncated);
    }
}
