using Vigil.Detection;
using Vigil.Model;

namespace Vigil.Tests.Detection;

public sealed class LanguageAndBoundsTests
{
    private static readonly DetectorSession Session = Detector.LoadDefault().CreateSession();

    [Theory]
    [InlineData("Die Juden sind nicht schuld, und das ist auch klar", "de")]
    [InlineData("Les juifs ne sont pas le problème, et c'est une évidence", "fr")]
    [InlineData("Евреи тут ни при чём, это ясно всем", "ru")]
    [InlineData("היהודים אינם אשמים בכלום", "he")]
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
